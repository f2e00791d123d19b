"""XLIFF input (1.1/1.2, and 2.x), read with translate-toolkit, as two sides of segments and their languages.

Units of every <file> are read in order, a unit a CAT tool split into sentence segments (<seg-source>) segment by
segment; the languages come from the first <file> (XLIFF 1.x) or the root
(XLIFF 2). Inline codes (<g>, <x/>, <ph>, ...) are dropped and their text content kept where it is words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from align.errors import AlignError
from align.text.document import InlineCode
from align.text.formats._common import LoadedText, one_line, read_bytes
from align.text.formats._memory import MemoryUnits, inline_content, local_name, memory_sides, with_internal_entities

if TYPE_CHECKING:
    from translate.storage.xliff_common import XliffFile


def load_xliff(path: str) -> tuple[LoadedText, LoadedText, str, str]:
    """Source side, target side, source language, target language ("" when the file does not say: detect it)."""
    return memory_sides(read_xliff(path), "xliff", path)


def read_xliff(path: str) -> MemoryUnits:
    store = _parse(path)
    pairs: list[tuple[str, ...]] = []
    codes: list[tuple[list[InlineCode], ...]] = []
    for unit in store.units:
        if unit.xmlelement.get("restype") == _PO_HEADER or not _to_translate(unit.xmlelement):
            continue
        children = {local_name(child): child for child in reversed(unit.xmlelement) if local_name(child)}
        segments = _segments(children.get("seg-source"), children.get("target"))
        for source_element, target_element in segments or [(children.get("source"), children.get("target"))]:
            (source, source_codes), (target, target_codes) = (
                inline_content(source_element),
                inline_content(target_element),
            )
            pairs.append((source, target))
            codes.append((source_codes, target_codes))
    if not pairs:
        raise AlignError(f"{path}: no translation units in this XLIFF")
    return MemoryUnits([store.sourcelanguage or "", store.targetlanguage or ""], pairs, codes)


def _segments(
    seg_source: etree._Element | None, target: etree._Element | None
) -> list[tuple[etree._Element, etree._Element | None]]:
    """The sentence segments a CAT tool made of a unit (XLIFF 1.2 <seg-source>, as Trados .sdlxliff, memoQ .mqxliff
    and Phrase .mxliff keep them: <mrk mtype="seg" mid="3">), each with the target's segment of the same mid; none
    where the unit has no such segmentation, and it is one segment."""
    if seg_source is None:
        return []
    marks = [m for m in seg_source.iter() if local_name(m) == "mrk" and m.get("mtype") == "seg"]
    translated = {m.get("mid"): m for m in (target.iter() if target is not None else ()) if local_name(m) == "mrk"}
    return [(mark, translated.get(mark.get("mid"))) for mark in marks]


def _to_translate(element: etree._Element) -> bool:
    """A unit marked translate="no" (itself, or a group or file it is in: a product name, a code) is no sentence to
    check: its missing target was reported as a missing sentence."""
    for node in (element, *element.iterancestors()):
        marked = node.get("translate")
        if marked is not None:
            return marked.lower() != "no"
    return True


# The unit po2xliff makes of a PO file's header (Content-Type, Language ...): metadata, not a sentence.
_PO_HEADER = "x-gettext-domain-header"


def _parse(path: str) -> XliffFile:
    from translate.storage import xliff, xliff2

    data = with_internal_entities(read_bytes(path))
    try:
        try:
            return xliff.xlifffile.parsestring(data)
        except ValueError as exc:
            if "XLIFF 2" not in str(exc):
                raise
            return xliff2.Xliff2File.parsestring(data)
    except etree.XMLSyntaxError as exc:
        raise AlignError(f"{path}: malformed XML ({one_line(exc)})") from None
    except (AssertionError, StopIteration):  # translate-toolkit's reaction to a root or <file> it does not expect
        raise AlignError(f"{path}: not an XLIFF file (no <xliff> root with a <file>)") from None
    except Exception as exc:  # anything else translate-toolkit trips on, still one line for the user
        raise AlignError(f"{path}: cannot read as XLIFF ({type(exc).__name__}: {one_line(exc)})") from None
