"""TMX 1.4 for aligned beads, written through translate-toolkit so CAT tools and Weblate read it as they expect.

Each unit becomes a <tu tuid="..."> with its notes as <note>s. A unit with an empty side (a null bead) gets no
<tuv> for that side rather than an empty <seg>: TM tools then skip it instead of learning "translation = nothing",
while the note still explains it to a person. Characters XML 1.0 forbids (control characters) are dropped (see
translation_units.xml_safe); everything else, & < > and non-ASCII included, is escaped and survives.
"""

from __future__ import annotations

from align import __version__
from align.errors import AlignError
from align.reports.translation_units import TranslationUnitData, unique_notes, xml_safe


def render_tmx(units: list[TranslationUnitData], source_lang: str, target_lang: str) -> str:
    from translate.storage import tmx

    _check_languages(source_lang, target_lang)
    store = tmx.tmxfile(sourcelanguage=source_lang, targetlanguage=target_lang)
    header = store.document.getroot().find("header")
    if header is not None:
        header.set("creationtool", "align")
        header.set("creationtoolversion", __version__)
        header.set("o-tmf", "align")  # the format the units came from (translate-toolkit writes an encoding here)
    for number, data in enumerate(units):
        source, target = xml_safe(data.source), xml_safe(data.target)
        unit = store.addsourceunit(source)
        if target:
            unit.settarget(target, lang=target_lang)
        if not source:
            empty = unit.getlanguageNode(lang=source_lang)
            if empty is not None:
                unit.xmlelement.remove(empty)
        unit.xmlelement.set("tuid", xml_safe(data.id) or str(number))
        for note in unique_notes(data.notes):
            unit.addnote(note)
    return bytes(store).decode("utf-8")


def _check_languages(source_lang: str, target_lang: str) -> None:
    """TMX tells the sides apart only by xml:lang, so two versions in one language cannot be written as TMX."""
    if not source_lang or not target_lang:
        raise AlignError("TMX needs both languages; pass --source-lang/--target-lang")
    if source_lang.lower() == target_lang.lower():
        raise AlignError(
            f"TMX needs two different languages (both sides are '{source_lang}'); use --format xliff or json"
        )
