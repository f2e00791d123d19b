"""Xcode String Catalogs (.xcstrings): an Apple app's strings in every language in one JSON file, read as a memory of
several languages, as a TMX is (`--target-lang` picks the translation to check).

A string's key is its source text unless the source language has a value of its own. Strings marked
shouldTranslate false are none; a plural string is a unit per plural form the source writes ("one", "other"), each
against the same form of a translation (a language without that form, or a translation without plural forms for the
"one", gives none); other variations (by device) are read by their first form.
"""

from __future__ import annotations

import json
from typing import Any

from align.errors import AlignError
from align.text.formats._common import LoadedText, one_line
from align.text.formats._memory import MemoryUnits, memory_sides
from align.text.reader import read_text


def load_xcstrings(path: str) -> tuple[LoadedText, LoadedText, str, str]:
    return memory_sides(read_xcstrings(path), "xcstrings", path)


def read_xcstrings(path: str) -> MemoryUnits:
    try:
        catalog = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise AlignError(f"{path}: not valid JSON ({one_line(exc)})") from None
    if not isinstance(catalog, dict) or not isinstance(catalog.get("strings"), dict):
        raise AlignError(f'{path}: not an Xcode string catalog (no "strings" object)')
    source = str(catalog.get("sourceLanguage") or "en")
    strings: dict[str, Any] = catalog["strings"]
    languages = sorted(
        {lang for entry in strings.values() if isinstance(entry, dict) for lang in entry.get("localizations", {})}
        - {source}
    )
    units: list[tuple[str, ...]] = []
    for key, entry in strings.items():
        entry = entry if isinstance(entry, dict) else {}
        if entry.get("shouldTranslate") is False:
            continue
        localizations = entry.get("localizations", {})
        for form, text in _source_forms(localizations.get(source), key):
            units.append((text, *(_value(localizations.get(lang), form) for lang in languages)))
    if not units:
        raise AlignError(f"{path}: no strings to translate in this string catalog")
    return MemoryUnits([source, *languages], units)


def _source_forms(localization: Any, key: str) -> list[tuple[str | None, str]]:
    """(plural form or None, text) of a string in its source language; the key where the source has no value."""
    plural = _plural(localization)
    if plural:
        return [(form, _unit_value(variant)) for form, variant in plural.items()]
    value = _value(localization, None)
    return [(None, value or key)]


def _value(localization: Any, form: str | None) -> str:
    """A localization's text (for a plural form where one is asked for); "" where it has none."""
    if not isinstance(localization, dict):
        return ""
    plural = _plural(localization)
    if plural:
        return _unit_value(plural.get(form or "other"))
    if "stringUnit" in localization:
        return _unit_value(localization) if form in (None, "other") else ""
    variations = localization.get("variations")
    if isinstance(variations, dict):  # by device: its first form
        for kind in variations.values():
            if isinstance(kind, dict) and kind:
                return _value(next(iter(kind.values())), form)
    return ""


def _plural(localization: Any) -> dict[str, Any]:
    if not isinstance(localization, dict):
        return {}
    plural = (localization.get("variations") or {}).get("plural")
    return plural if isinstance(plural, dict) else {}


def _unit_value(variant: Any) -> str:
    """The text of a {"stringUnit": {"state", "value"}}; a string not translated yet (state "new") has none."""
    unit = variant.get("stringUnit") if isinstance(variant, dict) else None
    if not isinstance(unit, dict) or unit.get("state") == "new":
        return ""
    return str(unit.get("value") or "")
