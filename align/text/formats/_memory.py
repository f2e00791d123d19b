"""What TMX and XLIFF inputs share: segment text without inline codes, and the side of a memory a role or a
language asks for."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from align.errors import AlignError
from align.text.document import InlineCode
from align.text.formats._common import LoadedText, join_segments

# Inline elements whose content is native markup (e.g. "&lt;b&gt;" inside <bpt>), not words of the sentence.
# Same local names in TMX 1.4 and XLIFF 1.2; XLIFF 2's <ph>/<sc>/<ec> are empty, its <pc>/<mrk> wrap real text.
_CODE_ELEMENTS = {"bpt", "ept", "it", "ph", "ut", "sub", "x", "bx", "ex"}
# Elements that wrap text of the segment in a tag of its own (XLIFF 1.2 <g>, XLIFF 2 <pc>): the text is the
# segment's, the start and end are inline tags.
_WRAPPING_ELEMENTS = {"g", "pc"}
# A placeholder standing for a line break (<ph type="lb"/>, XLIFF's ctype="lb", <ph>&lt;br/&gt;</ph>) separates
# the words around it: dropped, it glued "report" and "was" into one word.
_LINE_BREAK_TYPES = {"lb", "x-lb", "x-linebreak", "x-br", "linebreak"}


@dataclass
class MemoryUnits:
    """Units as read: each unit's text in each language of `codes` ("" where it has none).

    `codes` are the languages as the file first writes them, the source language first (XLIFF: its source and
    target language, the target "" where the file does not say)."""

    codes: list[str]
    units: list[tuple[str, ...]]
    # Each unit's inline tags in each language, as `units` holds its texts (None: a format without them, PO).
    inline_codes: list[tuple[list[InlineCode], ...]] | None = None

    def side(self, column: int, kind: str) -> LoadedText:
        code = self.codes[column] if column < len(self.codes) else ""
        segments = [texts[column] if column < len(texts) else "" for texts in self.units]
        codes = None
        if self.inline_codes is not None:
            codes = [unit[column] if column < len(unit) else [] for unit in self.inline_codes]
        return join_segments(segments, kind, code, column, codes)


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def inline_content(element: etree._Element | None) -> tuple[str, list[InlineCode]]:
    """The words of a <seg>/<source>/<target> (nested text kept, native-code elements dropped, a line-break
    placeholder left as a space, tails kept), and the inline tags the words leave out: the code elements, and the
    start and end of those that wrap words of the segment (XLIFF's <g>, <pc>), each where it stands in the words."""
    parts: list[str] = []
    codes: list[InlineCode] = []
    if element is not None:
        _collect(element, parts, codes, [0])
    return "".join(parts), codes


def _collect(element: etree._Element, parts: list[str], codes: list[InlineCode], at: list[int]) -> None:
    def add(text: str) -> None:
        parts.append(text)
        at[0] += len(text)

    add(element.text or "")
    for child in element:
        name = local_name(child)
        ident = next((child.get(a) for a in ("id", "x", "i", "startRef", "rid") if child.get(a)), "")
        if name in _WRAPPING_ELEMENTS:
            codes.append(InlineCode(f"{name}#{ident}", f'<{name} id="{ident}">', at[0]))
            _collect(child, parts, codes, at)
            codes.append(InlineCode(f"/{name}#{ident}", f"</{name}>", at[0]))
        elif name and name not in _CODE_ELEMENTS:
            _collect(child, parts, codes, at)
        elif name:
            native = "".join(child.itertext())
            label = native.strip() or f'<{name} id="{ident}"/>'
            codes.append(InlineCode(f"{name}#{ident}:{native.strip()}", label, at[0]))
            if _is_line_break(child):
                add(" ")
        add(child.tail or "")


def _is_line_break(element: etree._Element) -> bool:
    kind = (element.get("type") or element.get("ctype") or "").lower()
    native = "".join(element.itertext()).lower().replace(" ", "")
    return kind in _LINE_BREAK_TYPES or native in ("<br>", "<br/>", "\\n", "\n")


def one_side(
    memory: MemoryUnits, kind: str, path: str, side: str, lang: str | None = None, avoid: int | None = None
) -> LoadedText:
    """The segments a role asks for: the source side for an original (an untranslated XLIFF is a fine original to
    align against some other translation), the target side for a translation (a one-language TMX has only the
    one); where a language is given, that language's side, whatever the role; where the other role took a side of
    this very memory (`avoid`, by --source-lang de), another one. A memory given as the translation and holding none
    is refused: its source would be checked against itself and pass."""
    return _segments_of(memory, _column(memory, kind, path, side, lang, avoid), kind, path)


def _segments_of(memory: MemoryUnits, column: int, kind: str, path: str) -> LoadedText:
    """One column's segments; none at all is an error naming the side."""
    loaded = memory.side(column, kind)
    if not loaded.segments:
        if column > 0:
            raise AlignError(f"{path}: no translated (target) text in any translation unit")
        raise AlignError(f"{path}: no source text in any translation unit")
    return loaded


def _column(memory: MemoryUnits, kind: str, path: str, side: str, lang: str | None, avoid: int | None) -> int:
    codes = [code.lower() for code in memory.codes]
    if lang:
        wanted = lang.lower().replace("_", "-")
        exact = [k for k, code in enumerate(codes) if code and code == wanted]
        primary = wanted.split("-")[0]
        same_language = [k for k, code in enumerate(codes) if code and code.split("-")[0] == primary]
        found = exact or same_language
        if len(found) > 1 and side == "target":  # en-US and en-GB both read as "en": the role decides
            found = [k for k in found if k > 0] or found
        if found:
            return found[0]
        if kind in ("xliff", "po") and len(codes) > 1 and not codes[1]:  # the target language is not written down
            return 1
        declared = ", ".join(code for code in memory.codes if code)
        raise AlignError(f"{path}: no '{lang}' text in this {kind.upper()} (its languages: {declared})")
    preferred = 1 if side == "target" and (len(codes) > 1 or kind != "tmx") else 0
    if avoid is not None and preferred == avoid:
        return next((k for k in range(len(codes)) if k != avoid), preferred)
    return preferred


def memory_sides(memory: MemoryUnits, kind: str, path: str) -> tuple[LoadedText, LoadedText, str, str]:
    """Both sides for a re-check; a memory with no translations at all has nothing to re-check."""
    source, target = _segments_of(memory, 0, kind, path), _segments_of(memory, 1, kind, path)
    return source, target, source.lang_tag, target.lang_tag


def with_internal_entities(data: bytes) -> bytes:
    """A memory whose DTD declares internal entities (<!ENTITY co "ACME Corporation">) with those written out:
    translate-toolkit's parser drops every entity reference, leaving "The company  reported". External entities
    are never loaded; where one is used, the file is read as it is."""
    if b"<!ENTITY" not in data:
        return data
    parser = etree.XMLParser(resolve_entities="internal", no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return data
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
