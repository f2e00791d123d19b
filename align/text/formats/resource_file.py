"""Software resource files, read with translate-toolkit: an app's strings by key (JSON as i18next, Angular or Vue
write it, Flutter's .arb, Java .properties, Apple .strings, Android's strings.xml, Rails and Symfony YAML, .NET
.resx). A translation's file is paired with the original's by key, `align check en.json es.json`: its strings in
the original's key order, so a translation that lists its keys otherwise still aligns, a key it lacks is a missing
sentence, and a string put under another key is reported as a memory's misplaced unit is.

Each string is a segment; a plural string gives its plural form (as a PO entry does), a string marked not to be
translated (Android's translatable="false") and the .arb file's "@" metadata are left out.
"""

from __future__ import annotations

import logging
import re
from importlib import import_module
from pathlib import Path

from align.errors import AlignError
from align.text.formats._common import LoadedText, join_segments, one_line, read_bytes
from align.text.formats.po_file import entry_texts
from align.text.language import is_known_language


def load_resource(path: str) -> LoadedText:
    """The strings of one file in its own order, each line's key kept; an .xml file that is no Android resource
    file is plain text, as before."""
    entries = read_resource(path)
    if entries is None:
        from align.text.reader import read_text

        return LoadedText(read_text(path), "text")
    loaded = join_segments([text for _, text in entries], "resource", language_of_path(path))
    loaded.keys = [key for key, _ in entries]
    return loaded


def language_of_path(path: str) -> str:
    """The locale a resource file's path names, as the frameworks name them ("es.json", "Messages_es.properties",
    "app_pt_BR.arb", "values-es-rES/strings.xml", "es.lproj/Localizable.strings", "locales/de/common.json"); "" where
    it names none. App strings are short, and a translation with strings left in the original language reads as that
    language to the detector: "es.json" with three English strings of seven was read as English, and checked as a
    version in the same language, its leftovers unseen."""
    parts = Path(path).parts
    candidates = [Path(path).stem, *(parts[-2:-1] if len(parts) > 1 else ())]
    for candidate in candidates:
        match = _LOCALE.search(candidate)
        if match and is_known_language(match["language"]):
            return match["language"].lower() + (f"-{match['region'].upper()}" if match["region"] else "")
    return ""


# A locale at the end of a name, after a separator or alone: "es", "_es", "-es-rES", ".pt_BR", "es.lproj".
_LOCALE = re.compile(r"(?:^|[_.\-])(?P<language>[a-z]{2})(?:[_-]r?(?P<region>[A-Z]{2}))?(?:\.lproj)?$")


def read_resource(path: str) -> list[tuple[str, str]] | None:
    """(key, string) of every string to translate, in file order; None for an .xml file of another kind."""
    data = read_bytes(path)
    store = _parse(path, data)
    if store is None:
        return None
    entries = []
    for unit in store.units:
        if unit.isheader() or not unit.istranslatable() or not unit.getid() or _not_text(unit):
            continue
        entries.append((str(unit.getid()), entry_texts(unit)[0]))  # a file of one language: its strings as sources
    if not entries:
        raise AlignError(f"{path}: no strings in this resource file")
    return entries


def _not_text(unit: object) -> bool:
    """A .resx entry of another type than text (an icon, a file reference: type="System.Resources.ResXFileRef")."""
    element = getattr(unit, "xmlelement", None)
    return element is not None and (element.get("type") is not None or element.get("mimetype") is not None)


def paired_by_key(translation: LoadedText, original: LoadedText) -> LoadedText:
    """The translation's strings in the original's key order (those under keys the original lacks after them), each
    numbered by its key's place in the original: both sides then number their units alike, as a memory's do."""
    assert translation.keys is not None and original.keys is not None
    assert translation.segments is not None and translation.units is not None
    texts = {
        translation.keys[unit]: translation.text[a:b]
        for unit, (a, b) in zip(translation.units, translation.segments, strict=True)
    }
    known = set(original.keys)
    order = list(original.keys) + [key for key in translation.keys if key not in known]
    paired = join_segments([texts.get(key, "") for key in order], "resource", translation.lang_tag)
    paired.keys = order
    return paired


# translate-toolkit's store for each kind of file, by extension (module of translate.storage, class); Rails' YAML
# store leaves the locale root ("es:") out of the keys.
_STORES = {
    ".xml": ("aresource", "AndroidResourceFile"),
    ".resx": ("resx", "RESXFile"),
    ".yml": ("yaml", "RubyYAMLFile"),
    ".yaml": ("yaml", "RubyYAMLFile"),
    ".json": ("jsonl10n", "JsonFile"),
    ".arb": ("jsonl10n", "ARBJsonFile"),
}


def _parse(path: str, data: bytes) -> object | None:
    # translate-toolkit guesses the encoding of short files and warns where its guess (cp932 for a UTF-8 file of
    # accented Spanish) differs from the encoding the format defines, which it then uses: noise on stderr.
    logging.getLogger("translate.storage.base").setLevel(logging.ERROR)
    suffix = Path(path).suffix.lower()
    if suffix == ".xml" and b"<resources" not in data[:4096]:
        return None
    if suffix == ".strings":
        store = ("properties", "stringsfile" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "stringsutf8file")
    elif suffix == ".properties":
        store = ("properties", "javautf8file" if _is_utf8(data) else "javafile")
    else:
        store = _STORES[suffix]
    try:
        return getattr(import_module(f"translate.storage.{store[0]}"), store[1]).parsestring(data)
    except Exception as exc:  # translate-toolkit's parsers raise several kinds; one line for the user
        raise AlignError(f"{path}: cannot read as a resource file ({type(exc).__name__}: {one_line(exc)})") from None


def _is_utf8(data: bytes) -> bool:
    """Java read .properties files as ISO 8859-1 until Java 9, and many still are: such a file is read so."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
