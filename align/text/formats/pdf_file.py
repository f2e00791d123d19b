"""PDF documents (a press release, a report, a treaty in two languages): the body text, one paragraph per line.

pdfminer.six's layout analysis groups a page's characters into text boxes, in reading order (columns included).
What a PDF adds around the text is taken away, since each piece of it would read as a sentence one version has and
the other lacks, or as a word inside a sentence: running heads and footers (a box in a page's top or bottom margin
whose text, digits aside, comes back on other pages), page numbers, words hyphenated at a line end ("ferro-" /
"viaria"). A paragraph cut by a page break (a footnote between) is joined again, and a heading set in the same
box as the paragraph under it is a line of its own. Offsets refer to this extracted text.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from align.errors import AlignError
from align.progress import progress_bar
from align.text import word_frequency
from align.text.formats._common import LoadedText, clean_line, join_blocks, one_line, read_bytes
from align.text.formats.drawn_text import as_read, drawn_right_to_left
from align.text.language import detect_language

if TYPE_CHECKING:
    from pdfminer.layout import LTPage

_MARGIN = 0.075  # of the page height, at its top and bottom: running heads and footers (A4: 63 pt; body text
# starts about 72 pt from the edge, a header 35 to 50 pt)
_RUNNING = 0.5  # share of the pages (at least two) a margin text must come back on to be a running head
# What a margin holds that is no text even on a single page: a page number ("3", "- 3 -", "Page 3 of 10", "1/2"), and
# what a browser or mail program prints around a page, the address it was printed from and a date and time.
_PRINTED_STAMP = re.compile(
    r"[\W_]*(?:\w{1,8}\.?\s+)?(?:\d+|[ivxlcdm]+)(?:\s*(?:/|\w{1,3})\s*\d+)?[\W_]*"
    r"|(?:https?|file)://\S+"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?",
    re.IGNORECASE,
)
_SENTENCE_END = tuple(".!?…:;\"'»”)。！？")
_HYPHEN_BREAK = re.compile(r"([^\W\d_]+)[-\u00ad]$", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_PART_WORD = 3.0  # Zipf: "well" 6.1, "known" 5.5, "anti" 3.9; "valde" 0
# Characters further apart than this many character widths start another line piece. pdfminer's 2.0 cut the
# widely spaced words of justified lines out of their line (and out of order); columns stay apart at 10.
_CHAR_MARGIN = 4.0
_SMALL_PRINT = 0.85  # of the body's size: footnotes (8 pt under 11 pt), not a paragraph's next line
_HEADING_SIZE_CHANGE = 1.15  # a line set this much larger (or smaller) than the next one is not in its paragraph
_FULL_LINE = 0.9  # of the column's width: a line this long was wrapped, not ended
_SHORT_LINE = 0.75  # of its box's width: a line without a full stop this short, before a capital, ends a heading


@dataclass
class _Box:
    lines: list[str]
    sizes: list[float]  # each line's mean character height
    widths: list[float]
    width: float
    page: int
    in_margin: bool
    small_print: bool = False  # a footnote, a caption: text set smaller than the body's


def load_pdf(path: str) -> LoadedText:
    """Body text of a PDF, one paragraph or heading per line (offsets refer to this extracted text)."""
    if not read_bytes(path).lstrip().startswith(b"%PDF"):
        raise AlignError(f"{path}: not a PDF file (no %PDF header)")
    boxes = _boxes(path)
    _as_read(boxes)
    if not any(line.strip() for box in boxes for line in box.lines):
        raise AlignError(f"{path}: no text in this PDF (a scanned document needs OCR first)")
    body = _without_running_heads(boxes)
    _mark_small_print(body)
    return LoadedText(join_blocks(_paragraphs(body, _document_words(body, path)), path, "PDF document"), "pdf")


def _boxes(path: str) -> list[_Box]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    # pdfminer logs a warning for each oddity of a real-world file (a font without a bounding box, a stray
    # operator) that costs it nothing; a damaged file still raises below, in one line.
    logger = logging.getLogger("pdfminer")
    if logger.level == logging.NOTSET:  # only when the embedding application has not chosen a level itself
        logger.setLevel(logging.ERROR)
    boxes: list[_Box] = []
    try:
        with progress_bar(f"reading {Path(path).name}", _page_count(path)) as advance:
            for number, page in enumerate(extract_pages(path, laparams=LAParams(char_margin=_CHAR_MARGIN))):
                boxes += _page_boxes(page, number)
                advance(1)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise AlignError(f"{path}: encrypted PDF ({one_line(exc)}); save an unprotected copy") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as exc:
        raise AlignError(f"{path}: damaged PDF ({one_line(exc)})") from None
    return boxes


def _page_count(path: str) -> int:
    """The pages the document says it has, for the progress bar (0 where it cannot say: no bar)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    try:
        with open(path, "rb") as handle:
            return int(resolve1(resolve1(PDFDocument(PDFParser(handle)).catalog["Pages"])["Count"]))
    except Exception:  # a damaged or encrypted file: reading it says what is wrong
        return 0


def _page_boxes(page: LTPage, number: int) -> list[_Box]:
    from pdfminer.layout import LTChar, LTTextContainer, LTTextLine

    boxes: list[_Box] = []
    height = page.bbox[3] - page.bbox[1]
    for element in _column_order([e for e in page if isinstance(e, LTTextContainer)]):
        lines = [line for line in element if isinstance(line, LTTextLine)] or [element]
        sizes = [_mean([c.size for c in line if isinstance(c, LTChar)]) for line in lines]
        low, high = element.bbox[1] - page.bbox[1], page.bbox[3] - element.bbox[3]
        boxes.append(
            _Box(
                [line.get_text().strip() for line in lines],
                sizes,
                [line.width for line in lines],
                element.width,
                number,
                min(low, high) < _MARGIN * height,
            )
        )
    return boxes


_Boxed = TypeVar("_Boxed", bound="_HasBox")


class _HasBox(Protocol):
    x0: float
    y0: float
    x1: float
    y1: float


def _column_order(boxes: list[_Boxed]) -> list[_Boxed]:
    """Recursive XY cut: the boxes are parted at the widest blank strip running across all of them, across the
    page (bands, read top to bottom) or down it (columns, read left to right), and each part again. pdfminer's own
    order read a two-column page's right-hand heading before the rest of the left-hand column; a column gutter
    spans the whole column and is wider than the space between two paragraphs."""
    if len(boxes) < 2:
        return boxes
    across, across_at = _widest_gap([(-b.y1, -b.y0) for b in boxes])
    down, down_at = _widest_gap([(b.x0, b.x1) for b in boxes])
    if across <= 0 and down <= 0:
        return sorted(boxes, key=lambda b: (-b.y1, b.x0))
    if across >= down:
        parts = ([b for b in boxes if -b.y1 < across_at], [b for b in boxes if -b.y1 >= across_at])
    else:
        parts = ([b for b in boxes if b.x0 < down_at], [b for b in boxes if b.x0 >= down_at])
    return _column_order(parts[0]) + _column_order(parts[1])


def _widest_gap(spans: list[tuple[float, float]]) -> tuple[float, float]:
    """The widest stretch no span covers, between the first start and the last end: its width and its end."""
    ordered = sorted(spans)
    reach, best, at = ordered[0][1], 0.0, 0.0
    for start, end in ordered[1:]:
        if start - reach > best:
            best, at = start - reach, start
        reach = max(reach, end)
    return best, at


def _as_read(boxes: list[_Box]) -> None:
    """Each line as it is read: ligatures and presentation forms as letters, Arabic and Hebrew in reading order
    where the document gives them as drawn (drawn_text.py)."""
    drawn = drawn_right_to_left([line for box in boxes for line in box.lines])
    for box in boxes:
        box.lines = [as_read(line, drawn) for line in box.lines]


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _margin_key(box: _Box) -> str:
    """A running head's text with its page numbers made alike ("Page 3 of 10", "Informe 2024 - 7")."""
    return re.sub(r"\d+", "#", clean_line(" ".join(box.lines)).casefold())


def _without_running_heads(boxes: list[_Box]) -> list[_Box]:
    pages = len({box.page for box in boxes})
    on_pages: dict[str, set[int]] = {}
    for box in boxes:
        if box.in_margin:
            on_pages.setdefault(_margin_key(box), set()).add(box.page)
    running = {key for key, seen in on_pages.items() if len(seen) >= max(2, _RUNNING * pages)}
    return [
        box
        for box in boxes
        if not (box.in_margin and (_margin_key(box) in running or _PRINTED_STAMP.fullmatch(" ".join(box.lines))))
    ]


def _mark_small_print(boxes: list[_Box]) -> None:
    """The body's size is the one most of the text is set in."""
    by_size: Counter[float] = Counter()
    for box in boxes:
        for line, size in zip(box.lines, box.sizes, strict=True):
            by_size[round(size, 1)] += len(line)
    if by_size:
        body = by_size.most_common(1)[0][0]
        for box in boxes:
            box.small_print = max(box.sizes, default=0.0) < _SMALL_PRINT * body


def _paragraphs(boxes: list[_Box], words: _Words) -> list[str]:
    """Each box's paragraphs and headings, in order. A paragraph that stops without a full stop was cut by a page
    break (a footnote or a running foot between) where the next page's body opens with anything but a capital
    ("... antes de" / "2030, según ..."), or by a column break where its last line runs the column's full width and
    the next body paragraph opens with a small letter; a short last line on the same page ends it ("EFE" /
    "rja/dgp")."""
    column = statistics.median([box.width for box in boxes if len(box.lines) > 1] or [0.0])
    out: list[str] = []
    open_at: int | None = None  # the paragraph in `out` that stopped mid-sentence
    open_page, open_full = -1, False
    for box in boxes:
        for piece, last in _box_paragraphs(box, words):
            opening = piece[:1]
            page_break = box.page > open_page
            goes_on = (page_break and not opening.isupper()) or (open_full and opening.islower())
            aside = box.in_margin or box.small_print
            if open_at is not None and not aside and goes_on:
                out[open_at] = words.joined(out[open_at], piece)
            else:
                out.append(piece)
                if aside:
                    continue  # a footnote: the paragraph above may still go on after it
                open_at = len(out) - 1
            open_page = box.page
            reference = box.width if len(box.lines) > 1 else column
            open_full = box.widths[last] >= _FULL_LINE * reference
            if out[open_at].endswith(_SENTENCE_END):
                open_at = None
    return out


def _box_paragraphs(box: _Box, words: _Words) -> Iterator[tuple[str, int]]:
    """A box's lines joined into its paragraphs, each with the index of its last line: a heading set in the box of
    the paragraph under it stands alone."""
    current = ""
    for k, line in enumerate(box.lines):
        if not line:
            continue
        current = words.joined(current, line) if current else line
        following = box.lines[k + 1] if k + 1 < len(box.lines) else ""
        if following and _ends_heading(box, k, line, following):
            yield current, k
            current = ""
    if current:
        yield current, len(box.lines) - 1


def _ends_heading(box: _Box, k: int, line: str, following: str) -> bool:
    if line.endswith(_SENTENCE_END) or not following[:1].isupper():
        return False
    size, next_size = box.sizes[k], box.sizes[k + 1]
    if size and next_size and max(size, next_size) > _HEADING_SIZE_CHANGE * min(size, next_size):
        return True
    return box.widths[k] < _SHORT_LINE * box.width


@dataclass
class _Words:
    """How the document writes its words, to tell a word hyphenated at a line end ("ferro-" / "viaria") from one
    written with a hyphen ("well-" / "known"): as the text writes it elsewhere, or else by the language's words (a
    whole the language lacks, of two parts it has)."""

    counts: Counter[str]
    lang: str | None

    def joined(self, before: str, after: str) -> str:
        hyphen = _HYPHEN_BREAK.search(before)
        head = _WORD.match(after)
        if hyphen is None or head is None or not after[:1].islower():
            return f"{before} {after}"
        return f"{before[:-1]}-{after}" if self._keeps_hyphen(hyphen.group(1), head.group(0)) else before[:-1] + after

    def _keeps_hyphen(self, first: str, rest: str) -> bool:
        whole, kept = (first + rest).casefold(), f"{first}-{rest}".casefold()
        if self.counts[whole] or self.counts[kept]:
            return self.counts[kept] > self.counts[whole]
        if self.lang is None or not word_frequency.covers(self.lang):
            return False  # most line-end hyphens in typeset text cut a word
        zipf = word_frequency.zipf
        return not zipf(whole, self.lang) and min(zipf(first, self.lang), zipf(rest, self.lang)) >= _PART_WORD


def _document_words(boxes: list[_Box], path: str) -> _Words:
    text = "\n".join(line for box in boxes for line in box.lines)
    counts = Counter(word.casefold() for word in _WORD.findall(text))
    try:
        lang: str | None = detect_language(text, path) if _HYPHEN_BREAK.search(text) else None
    except AlignError:
        lang = None
    return _Words(counts, lang)
