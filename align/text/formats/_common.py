"""Shared pieces of the input formats: the result type, strict byte reading and one-line error messages."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from lxml import etree

from align.errors import AlignError
from align.text.document import Cue, InlineCode, fold_line_breaks
from align.text.reader import read_file_bytes


@dataclass
class LoadedText:
    """Text ready for segmentation, with where it came from.

    `text` is what sentence offsets will point into. For plain text it is the file exactly (BOM removed); for
    derived kinds (markdown, html, docx) it is the *extracted* text, one block (heading, paragraph, list item, table
    cell) per line, so offsets refer to that extraction and not to the bytes of the original file. For TMX/XLIFF it
    is the segments of one side joined by "\\n", and `segments` holds each segment's (start, end) offsets, so the
    presplit path (one sentence per line) reproduces the memory's own segmentation.
    """

    text: str
    kind: str
    segments: list[tuple[int, int]] | None = None
    # A TMX/XLIFF side: its language as the file writes it (en-US, "" where undeclared), and per segment the number
    # of the unit it came from (0-based, in file order), so a re-check can tell which pairs the memory holds.
    lang_tag: str = ""
    units: list[int] | None = None
    column: int | None = None  # which of the memory's languages it is (0: its source language)
    # A resource file's strings: the key of each unit number (a translation paired with its original numbers its
    # strings by the original's keys, those the original lacks after them).
    keys: list[str] | None = None
    inline_codes: list[InlineCode] = field(default_factory=list)  # see InlineCode; offsets into `text`
    cues: list[Cue] = field(default_factory=list)  # subtitles: each cue's words in `text` and its times


def read_bytes(path: str) -> bytes:
    """The file's bytes, with the same one-line complaints as the plain-text reader."""
    data = read_file_bytes(path)
    if not data.strip():
        raise AlignError(f"{path}: file is empty")
    return data


def one_line(exc: BaseException) -> str:
    """Library messages can span lines (lxml, zipfile); the CLI promises one line per error."""
    message = " ".join(str(exc).split())
    return message or type(exc).__name__


@contextmanager
def zip_archive(path: str, what: str, short: str) -> Iterator[zipfile.ZipFile]:
    """A document that is a ZIP archive (.docx, .odt, EPUB), open; one line where the file is none ("not {what}")
    or a broken one ("damaged {short}"), whether zipfile finds it on opening or on reading a part."""
    if not read_bytes(path).startswith(b"PK"):
        raise AlignError(f"{path}: not {what} (not a ZIP archive)")
    try:
        with zipfile.ZipFile(path) as archive:
            yield archive
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise AlignError(f"{path}: damaged {short} (broken ZIP archive: {one_line(exc)})") from None


def clean_line(text: str) -> str:
    """Collapse whitespace so one block of the source stays one line of the text: str.split() splits at every line
    break str.splitlines() knows (form feeds, U+2028, U+0085 ...), so none is left to make two presplit lines."""
    return " ".join(text.split())


def join_blocks(blocks: list[str], path: str, what: str) -> str:
    """One non-empty block per line; nothing left is an error rather than an empty alignment later."""
    lines = [line for line in (clean_line(block) for block in blocks) if line]
    if not lines:
        raise AlignError(f"{path}: no text found in this {what}")
    return "\n".join(lines)


Role = Callable[[etree._Element], str]  # "block", "break", "skip" or "inline"


def collect_blocks(element: etree._Element, blocks: list[str], role: Role) -> None:
    """Depth-first over a markup tree: an element whose `role` is "block" is a line of its own, "break" is a space
    inside the line, "skip" is left out (its tail kept), and "inline" elements' text joins the current line."""
    current: list[str] = []
    _walk(element, blocks, current, role)
    blocks.append("".join(current))


def _walk(element: etree._Element, blocks: list[str], current: list[str], role: Role) -> None:
    current.append(element.text or "")
    for child in element:
        kind = role(child) if isinstance(child.tag, str) else "skip"  # comments, processing instructions
        if kind == "block":
            blocks.append("".join(current))
            current.clear()
            _walk(child, blocks, current, role)
            blocks.append("".join(current))
            current.clear()
        elif kind == "break":
            current.append(" ")
        elif kind == "inline":
            _walk(child, blocks, current, role)
        current.append(child.tail or "")


def placed_codes(block: str, codes: list[InlineCode], line_start: int, fold: Callable[[str], str]) -> list[InlineCode]:
    """A block's inline codes (offsets into the block) placed in its line of the joined text: where each stood once
    the block's spacing is folded as the line's was."""
    length = len(fold(block))
    return [
        replace(code, offset=line_start + min(max(len(fold(block[: code.offset] + "|")) - 1, 0), length))
        for code in codes
    ]


def join_segments(
    segments: list[str],
    kind: str,
    lang_tag: str = "",
    column: int | None = None,
    codes: list[list[InlineCode]] | None = None,
) -> LoadedText:
    """Segments one per line with their offsets; empty segments are dropped (they would be empty sentences), and
    `units` keeps each line's segment number; each segment's inline codes (offsets into the segment) are placed in
    the joined text."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    units: list[int] = []
    placed: list[InlineCode] = []
    pos = 0
    for number, segment in enumerate(segments):
        line = fold_line_breaks(segment)
        if not line:
            continue
        if parts:
            pos += 1  # the "\n" before this line
        parts.append(line)
        spans.append((pos, pos + len(line)))
        units.append(number)
        placed += placed_codes(segment, codes[number] if codes else [], pos, fold_line_breaks)
        pos += len(line)
    return LoadedText("\n".join(parts), kind, spans, lang_tag, units, column, inline_codes=placed)
