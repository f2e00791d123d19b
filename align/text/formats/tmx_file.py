"""TMX input (a translation memory), read with translate-toolkit, as two sides of segments and their languages.

A TMX may hold more than two languages; the source is the header's srclang (else the first language met) and the
target is the first other language met in the units. Native formatting codes inside segments are dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from align.errors import AlignError
from align.text.document import InlineCode
from align.text.formats._common import LoadedText, one_line, read_bytes
from align.text.formats._memory import MemoryUnits, inline_content, local_name, memory_sides, with_internal_entities

if TYPE_CHECKING:
    from translate.storage.tmx import tmxfile

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def load_tmx(path: str) -> tuple[LoadedText, LoadedText, str, str]:
    """Source side, target side, source language, target language (codes as written in the file, e.g. en-US)."""
    memory = read_tmx(path)
    if len(memory.codes) < 2:
        raise AlignError(f"{path}: only one language ({memory.codes[0]}) in this TMX; nothing to re-check")
    return memory_sides(memory, "tmx", path)


def read_tmx(path: str) -> MemoryUnits:
    """Every unit's text in every language; one language only is still a usable source text."""
    store = _parse(path)
    units: list[dict[str, tuple[str, list[InlineCode]]]] = []
    seen: dict[str, str] = {}  # lower-cased code -> code as first written, in order of appearance
    for unit in store.units:
        texts: dict[str, tuple[str, list[InlineCode]]] = {}
        for tuv in unit.getlanguageNodes():
            code = tuv.get(_XML_LANG) or tuv.get("lang") or ""  # TMX 1.1 used a plain lang attribute
            if not code:
                continue
            seen.setdefault(code.lower(), code)
            seg = next((child for child in tuv if local_name(child) == "seg"), None)
            texts.setdefault(code.lower(), inline_content(seg))
        units.append(texts)
    if not units:
        raise AlignError(f"{path}: no translation units in this TMX")
    if not seen:
        raise AlignError(f"{path}: no xml:lang on any <tuv> in this TMX")
    source = _source_language(list(seen), (store.sourcelanguage or "").lower())
    order = [source] + [code for code in seen if code != source]
    texts_in_order = [tuple(texts.get(code, ("", []))[0] for code in order) for texts in units]
    codes_in_order = [tuple(texts.get(code, ("", []))[1] for code in order) for texts in units]
    return MemoryUnits([seen[code] for code in order], texts_in_order, codes_in_order)


def _source_language(codes: list[str], header: str) -> str:
    """The header's srclang, matched to the units' codes by language where the region differs (srclang="en" with
    <tuv xml:lang="en-US">); else the first language met ("*all*" says any may be the source)."""
    if header in codes:
        return header
    return next((code for code in codes if code.split("-")[0] == header.split("-")[0]), codes[0])


def _parse(path: str) -> tmxfile:
    from translate.storage import tmx

    data = with_internal_entities(read_bytes(path))
    try:
        return tmx.tmxfile.parsestring(data)
    except etree.XMLSyntaxError as exc:
        raise AlignError(f"{path}: malformed XML ({one_line(exc)})") from None
    except AssertionError:  # translate-toolkit asserts on the root element
        raise AlignError(f"{path}: not a TMX file (the root element is not <tmx>)") from None
    except Exception as exc:  # anything else translate-toolkit trips on, still one line for the user
        raise AlignError(f"{path}: cannot read as TMX ({type(exc).__name__}: {one_line(exc)})") from None
