"""XLIFF for aligned beads, written through translate-toolkit (the library Weblate and Pootle use).

translate-toolkit writes XLIFF 1.1 (the 1.1 namespace), which every tool that reads 1.2 reads too. Units are
<trans-unit id="..."> with notes as <note>s. States follow translate-toolkit's conventions so those tools show
the right thing: a matched unit is state="translated" approved="yes" (read as translated); a unit with
`needs_review` (null beads, flagged beads) is state="needs-review-translation" approved="no" (read as fuzzy /
needs editing); a unit with no target sentence has no <target> at all (read as untranslated). A target sentence
with no source (an addition) makes no unit: XLIFF has no unit without a source, and an empty <source> is read as a
PO header by xliff2po; the JSON and TSV reports list additions.
"""

from __future__ import annotations

from align.errors import AlignError
from align.reports.translation_units import TranslationUnitData, unique_notes, xml_safe


def render_xliff(
    units: list[TranslationUnitData], source_lang: str, target_lang: str, original: str = "align"
) -> str:
    """`original` names the document in <file original=...>; pass the source path when there is one."""
    from translate.storage import xliff

    if not source_lang or not target_lang:
        raise AlignError("XLIFF needs both languages; pass --source-lang/--target-lang")
    store = xliff.xlifffile(sourcelanguage=source_lang, targetlanguage=target_lang)
    for number, data in enumerate(units):
        if not xml_safe(data.source).strip():
            continue  # an added target sentence: a unit with an empty <source> reads as a PO header in xliff2po
        unit = store.addsourceunit(xml_safe(data.source))
        unit.setid(xml_safe(data.id) or str(number))
        if data.target:
            unit.settarget(xml_safe(data.target), lang=target_lang)  # state="translated" approved="yes"
            if data.needs_review:
                unit.getlanguageNode(lang=None, index=1).set("state", "needs-review-translation")
                unit.markapproved(False)
        for note in unique_notes(data.notes):
            unit.addnote(note)
    # Renamed last: translate-toolkit adds units to the file it still calls "NoName".
    filenode = next(store.document.getroot().iterchildren(store.namespaced("file")))
    store.setfilename(filenode, original)
    return bytes(store).decode("utf-8")
