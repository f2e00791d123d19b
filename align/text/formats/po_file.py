"""Gettext PO input (software strings and their translations), read with translate-toolkit, as two sides of
segments and their languages.

Each entry is a segment; the header and obsolete entries (#~) are left out, a plural entry gives its plural forms,
an entry not translated yet has no target text (as an XLIFF unit without a target), and menu labels lose their
keyboard accelerators. The target language is the header's Language; a PO file does not say its source language,
which is detected.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from align.errors import AlignError
from align.text.formats._common import LoadedText, one_line, read_bytes
from align.text.formats._memory import MemoryUnits, memory_sides

# GTK's "_" and Qt's "&" right before a letter that starts a word (not "snake_case", "R&D", "Tom & Jerry").
_ACCELERATOR = re.compile(r"(?<!\w)[_&](?=[^\W\d_])")

if TYPE_CHECKING:
    from translate.storage.base import TranslationUnit as pounit
    from translate.storage.pypo import pofile


def load_po(path: str) -> tuple[LoadedText, LoadedText, str, str]:
    """Source side, target side, source language ("": detect it), target language."""
    return memory_sides(read_po(path), "po", path)


def read_po(path: str) -> MemoryUnits:
    store = _parse(path)
    entries = [unit for unit in store.units if not unit.isheader() and not unit.isobsolete()]
    pairs = [
        (_without_accelerators(source), _without_accelerators(target)) for source, target in map(entry_texts, entries)
    ]
    if not pairs:
        raise AlignError(f"{path}: no entries in this PO file")
    return MemoryUnits(["", store.gettargetlanguage() or ""], pairs)


def entry_texts(unit: pounit) -> tuple[str, str]:
    """An entry's source and translation; a plural entry's by their last forms, the source's plural ("%d files
    deleted") and the translation's form for many (a language of one form has only it): the singular ("One file
    deleted") often says no number, and its translation in a language of several forms does ("%d archivo
    eliminado", which also serves 21 and 31)."""
    return _last_form(unit.source), _last_form(unit.target)


def _last_form(text: object) -> str:
    forms = getattr(text, "strings", None)  # translate-toolkit's multistring: the text itself, then its other forms
    return str(forms[-1]) if forms else str(text or "")


def _without_accelerators(text: str) -> str:
    """A menu label's keyboard accelerator ("_Open Recent" / "Ouvrir _récent", "Save &As") marks a letter, not a
    word: left in, "_récent" was no word "Recent" could be linked to."""
    return _ACCELERATOR.sub("", text)


def _parse(path: str) -> pofile:
    from translate.storage import pypo

    data = read_bytes(path)
    try:
        return pypo.pofile.parsestring(data)
    except Exception as exc:  # translate-toolkit's parser raises several kinds; one line for the user
        raise AlignError(f"{path}: cannot read as a PO file ({type(exc).__name__}: {one_line(exc)})") from None
