"""Markdown input: the prose a translator works on, with the markup that would confuse sentence splitting gone.

Every block that holds inline text (heading, paragraph, list item, table cell) becomes one line, so a heading
stays its own sentence as it does in plain text. Soft and hard line breaks inside a paragraph become spaces.
Link and emphasis markup are dropped but their words kept; images keep their alt text. Code blocks, raw HTML blocks
and YAML front matter are dropped: they are not sentences and are usually left untranslated anyway. Inline code
(`pip install align`) and link targets are kept aside as inline codes too: a translation must carry them unchanged
(a translated command or option, a link pointing elsewhere), which placeholder_mismatch checks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from align.errors import AlignError
from align.text.document import InlineCode
from align.text.formats._common import LoadedText, clean_line, placed_codes
from align.text.reader import read_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_TEXT_TOKENS = {"text", "text_special", "code_inline"}
_BREAK_TOKENS = {"softbreak", "hardbreak"}


def load_markdown(path: str) -> LoadedText:
    """Read a Markdown file (UTF-8, strictly) and return its plain text, one block per line, with its inline code
    and link targets placed in it."""
    source = _FRONT_MATTER.sub("", read_text(path), count=1)
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    lines: list[str] = []
    codes: list[InlineCode] = []
    position = 0
    for token in parser.parse(source):
        if token.type != "inline":
            continue
        raw, raw_codes = _inline_content(token.children or [])
        line = clean_line(raw)
        if not line:
            continue
        if lines:
            position += 1  # the line break before it
        codes += placed_codes(raw, raw_codes, position, clean_line)
        lines.append(line)
        position += len(line)
    if not lines:
        raise AlignError(f"{path}: no text found in this Markdown file (after stripping markup)")
    return LoadedText("\n".join(lines), "markdown", inline_codes=codes)


def _inline_content(children: Sequence[Token]) -> tuple[str, list[InlineCode]]:
    """A block's text, and its inline code and link targets, each where it starts in the text."""
    parts: list[str] = []
    codes: list[InlineCode] = []
    at = 0
    for child in children:
        if child.type == "code_inline":
            codes.append(InlineCode(f"code:{child.content}", f"`{child.content}`", at, len(child.content)))
        elif child.type == "link_open" and child.attrs.get("href"):
            href = str(child.attrs["href"])
            codes.append(InlineCode(f"link:{href}", f"({href})", at))
        if child.type in _TEXT_TOKENS or child.type == "image":
            piece = child.content  # an image's: its alt text, translated along with the prose
        else:
            piece = " " if child.type in _BREAK_TOKENS else ""
        parts.append(piece)
        at += len(piece)
    return "".join(parts), codes
