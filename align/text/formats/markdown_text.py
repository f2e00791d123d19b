"""Markdown input: the prose a translator works on, with the markup that would confuse sentence splitting gone.

Every block that holds inline text (heading, paragraph, list item, table cell) becomes one line, so a heading
stays its own sentence as it does in plain text. Soft and hard line breaks inside a paragraph become spaces.
Link and emphasis markup are dropped but their words kept; images keep their alt text. Code blocks, raw HTML blocks
and YAML front matter are dropped: they are not sentences and are usually left untranslated anyway.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from align.text.formats._common import LoadedText, join_blocks
from align.text.reader import read_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_TEXT_TOKENS = {"text", "text_special", "code_inline"}
_BREAK_TOKENS = {"softbreak", "hardbreak"}


def load_markdown(path: str) -> LoadedText:
    """Read a Markdown file (UTF-8, strictly) and return its plain text, one block per line."""
    return LoadedText(markdown_to_text(read_text(path), path), "markdown")


def markdown_to_text(source: str, name: str = "<markdown>") -> str:
    """Plain text of a Markdown document; offsets computed later refer to this text, not to the Markdown."""
    source = _FRONT_MATTER.sub("", source, count=1)
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    blocks = [_inline_text(token.children or []) for token in parser.parse(source) if token.type == "inline"]
    return join_blocks(blocks, name, "Markdown file (after stripping markup)")


def _inline_text(children: Sequence[Token]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in _TEXT_TOKENS:
            parts.append(child.content)
        elif child.type in _BREAK_TOKENS:
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)  # the alt text: translated along with the prose
    return "".join(parts)
