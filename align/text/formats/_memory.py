"""What TMX and XLIFF inputs share: segment text without inline codes, and the pair of sides they yield."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from align.errors import AlignError
from align.text.formats._common import LoadedText, join_segments

# Inline elements whose content is native markup (e.g. "&lt;b&gt;" inside <bpt>), not words of the sentence.
# Same local names in TMX 1.4 and XLIFF 1.2; XLIFF 2's <ph>/<sc>/<ec> are empty, its <pc>/<mrk> wrap real text.
_CODE_ELEMENTS = {"bpt", "ept", "it", "ph", "ut", "sub"}


@dataclass
class MemoryPairs:
    """Units as read, one (source, target) per unit; either side may be empty."""

    pairs: list[tuple[str, str]]
    source_lang: str
    target_lang: str

    def sides(self, kind: str) -> tuple[LoadedText, LoadedText]:
        return (
            join_segments([source for source, _ in self.pairs], kind),
            join_segments([target for _, target in self.pairs], kind),
        )


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def inline_text(element: etree._Element | None) -> str:
    """The words of a <seg>/<source>/<target>: nested text kept, native-code elements dropped, tails kept."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if local_name(child) and local_name(child) not in _CODE_ELEMENTS:
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def one_side(memory: MemoryPairs, kind: str, path: str, side: str) -> LoadedText:
    """The segments of one side: the source side for an original (an untranslated XLIFF is a fine original to
    align against some other translation), the target side for a translation (a one-language TMX has only the
    one). A memory given as the translation and holding none is refused: its source would be checked against
    itself and pass."""
    source, target = memory.sides(kind)
    if side == "target" and (target.segments or memory.target_lang or kind != "tmx"):
        if not target.segments:
            raise AlignError(f"{path}: no translated (target) text in any translation unit")
        return target
    if not source.segments:
        raise AlignError(f"{path}: no source text in any translation unit")
    return source


def memory_sides(memory: MemoryPairs, kind: str, path: str) -> tuple[LoadedText, LoadedText, str, str]:
    """Both sides for a re-check; a memory with no translations at all has nothing to re-check."""
    source, target = memory.sides(kind)
    if not source.segments:
        raise AlignError(f"{path}: no source text in any translation unit")
    if not target.segments:
        raise AlignError(f"{path}: no translated (target) text in any translation unit")
    return source, target, memory.source_lang, memory.target_lang
