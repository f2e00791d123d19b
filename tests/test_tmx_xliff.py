"""TMX and XLIFF written by us, read back by translate-toolkit: every unit, both sides, languages and notes intact."""

from __future__ import annotations

import dataclasses

import pytest
from translate.misc.xml_helpers import getXMLlang
from translate.storage import tmx, xliff

from align.alignment.beads import Bead
from align.errors import AlignError
from align.pipeline import SentenceAlignment
from align.reports.tmx import render_tmx
from align.reports.translation_units import TranslationUnitData, units_from_alignment
from align.reports.xliff import render_xliff
from align.text.document import Document, Sentence
from align.text.formats import load_translation_memory

SOURCE_SENTENCES = [
    "Bruselas (EFE).- La coalición firma el acuerdo.",
    "Tom & Jerry <b>no</b> firman.",
    "Dijo: «protege a las familias».",
    "Frase añadida sin traducción.",
    "Si a < b y b > c, entonces \"a\" & 'c' ≠ ∅.",
]
TARGET_SENTENCES = [
    "Brussels (EFE).- The coalition signs the agreement.",
    "Tom & Jerry <b>do not</b> sign; they said it \"protects families\".",
    "A sentence only the translator wrote — 日本語 too.",
    "If a < b and b > c, then \"a\" & 'c' ≠ ∅.",
]


def _document(path: str, lang: str, texts: list[str]) -> Document:
    sentences, pos = [], 0
    for number, text in enumerate(texts):
        sentences.append(Sentence(number, pos, pos + len(text), text))
        pos += len(text) + 1
    return Document(path=path, text="\n".join(texts), lang=lang, sentences=sentences)


@pytest.fixture()
def alignment() -> SentenceAlignment:
    beads = [
        Bead((0,), (0,), 0.9123),
        Bead((1, 2), (1,), 0.5349),
        Bead((3,), (), 0.0),
        Bead((), (2,), 0.0),
        Bead((4,), (3,), 0.8),
    ]
    return SentenceAlignment(
        _document("es.txt", "es", SOURCE_SENTENCES), _document("en.txt", "en", TARGET_SENTENCES), beads
    )


def _expected_units(result: SentenceAlignment) -> list[TranslationUnitData]:
    """Units as the check report would hand them over: bead units plus flag notes on some."""
    units = units_from_alignment(result)
    units[1] = dataclasses.replace(
        units[1],
        notes=[*units[1].notes, "flag omission: «a las familias» & <b> missing in target", "flag number: 78 ≠ 87"],
        needs_review=True,
    )
    return units


def test_units_from_alignment(alignment):
    units = units_from_alignment(alignment)
    assert [u.id for u in units] == ["0", "1", "2", "3", "4"]
    assert units[1].source == "Tom & Jerry <b>no</b> firman. Dijo: «protege a las familias»."
    assert units[1].target == TARGET_SENTENCES[1]
    assert units[1].notes == ["score 0.53, bead 2-1, source sentences 1-2, target sentence 1"]
    assert units[2] == TranslationUnitData(
        source="Frase añadida sin traducción.",
        target="",
        notes=[
            "score 0.00, bead 1-0, source sentence 3, no target sentence",
            "unaligned: source sentence with no counterpart in the target",
        ],
        id="2",
        needs_review=True,
    )
    assert units[3].source == "" and units[3].target == TARGET_SENTENCES[2] and units[3].needs_review
    assert not units[0].needs_review and not units[4].needs_review


def test_units_without_null_beads(alignment):
    units = units_from_alignment(alignment, include_null=False)
    assert [u.id for u in units] == ["0", "1", "4"]
    assert all(u.source and u.target for u in units)


def _notes(unit) -> list[str]:  # type: ignore[no-untyped-def]
    return unit.getnotes().split("\n") if unit.getnotes() else []


def test_tmx_round_trip(alignment):
    units = _expected_units(alignment)
    content = render_tmx(units, "es", "en")
    assert content.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    store = tmx.tmxfile.parsestring(content.encode("utf-8"), sourcelanguage="es", targetlanguage="en")
    assert store.sourcelanguage == "es"
    read = list(store.units)
    assert len(read) == len(units)
    for unit, expected in zip(read, units, strict=True):
        assert unit.getid() == expected.id
        assert (unit.source or "") == expected.source
        assert (unit.target or "") == expected.target
        assert _notes(unit) == expected.notes
        languages = [getXMLlang(node) for node in unit.getlanguageNodes()]
        assert languages == ["es"] * bool(expected.source) + ["en"] * bool(expected.target)
    # escaping is real XML escaping, not mangled text
    assert "Tom &amp; Jerry &lt;b&gt;no&lt;/b&gt; firman." in content
    assert "«a las familias» &amp; &lt;b&gt; missing" in content


def test_tmx_read_back_by_our_own_memory_reader(alignment, tmp_path):
    path = tmp_path / "aligned.tmx"
    path.write_text(render_tmx(units_from_alignment(alignment), "es", "en"), encoding="utf-8")
    source, target, source_lang, target_lang = load_translation_memory(str(path))
    assert (source_lang, target_lang) == ("es", "en")
    assert source.text.split("\n") == [
        SOURCE_SENTENCES[0],
        f"{SOURCE_SENTENCES[1]} {SOURCE_SENTENCES[2]}",
        SOURCE_SENTENCES[3],
        SOURCE_SENTENCES[4],
    ]
    assert target.text.split("\n") == TARGET_SENTENCES


def test_xliff_round_trip(alignment):
    units = _expected_units(alignment)
    content = render_xliff(units, "es", "en", original="es.txt")
    store = xliff.xlifffile.parsestring(content.encode("utf-8"))
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("es", "en")
    assert store.getfilenames() == ["es.txt"]
    read = list(store.units)
    # An added target sentence makes no unit: XLIFF has none without a source (xliff2po reads one as a PO header).
    kept = [unit for unit in units if unit.source]
    assert len(read) == len(kept) == len(units) - 1
    for unit, expected in zip(read, kept, strict=True):
        assert unit.xmlelement.get("id") == expected.id
        assert (unit.source or "") == expected.source
        assert (unit.target or "") == expected.target
        assert _notes(unit) == expected.notes
        if not expected.target:
            assert unit.target is None and not unit.istranslated()  # no <target>: untranslated in CAT tools
        elif expected.needs_review:
            assert unit.isfuzzy() and unit.isreview()
        else:
            assert unit.isapproved() and not unit.isfuzzy()
    assert "Si a &lt; b y b &gt; c, entonces \"a\" &amp; 'c' ≠ ∅." in content


def test_xliff_read_back_by_our_own_memory_reader(alignment, tmp_path):
    path = tmp_path / "aligned.xlf"
    path.write_text(render_xliff(units_from_alignment(alignment), "es", "en"), encoding="utf-8")
    source, target, source_lang, target_lang = load_translation_memory(str(path))
    assert (source_lang, target_lang) == ("es", "en")
    added = TARGET_SENTENCES[2]  # the 0-1 bead's sentence: no unit in XLIFF
    assert len(source.text.split("\n")) == 4
    assert target.text.split("\n") == [s for s in TARGET_SENTENCES if s != added]


def test_notes_are_cleaned_the_way_readers_see_them():
    unit = TranslationUnitData("Fuente\x01 ok", "Target\x0b ok", ["  padded  ", "", "same", "same", "ctl\x02"], "x")
    written = [
        tmx.tmxfile.parsestring(render_tmx([unit], "es", "en").encode("utf-8")),
        xliff.xlifffile.parsestring(render_xliff([unit], "es", "en").encode("utf-8")),
    ]
    for store in written:
        (read,) = store.units
        assert read.source == "Fuente ok"
        assert _notes(read) == ["padded", "same", "ctl"]


@pytest.mark.parametrize("render", [render_tmx, render_xliff])
def test_languages_are_required(render):
    with pytest.raises(AlignError, match="needs both languages"):
        render([TranslationUnitData("a", "b", [], "0")], "es", "")


def test_tmx_refuses_one_language_for_both_sides():
    with pytest.raises(AlignError, match="two different languages"):
        render_tmx([TranslationUnitData("a", "b", [], "0")], "en", "EN")


def test_empty_alignment_writes_valid_empty_files():
    assert list(tmx.tmxfile.parsestring(render_tmx([], "es", "en").encode()).units) == []
    assert list(xliff.xlifffile.parsestring(render_xliff([], "es", "en").encode()).units) == []
