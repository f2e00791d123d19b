"""A hedge the translation loses (align/detectors/hedges.py): an omission flag on the source's hedge, its gap where
the target states the claim as fact, and none where the target hedges in other words or the word hedges nothing."""

import pytest
from bead_flags import bead_flags

from align.detectors.closed_sets import find_named
from align.detectors.hedges import HEDGES, read_hedges


def _hedges(text: str, lang: str) -> list[str]:
    return [named.text for named in find_named(text, lang, data=HEDGES) if named.kind in ("hedge", "reportative")]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Detuvieron al presunto asesino, que al parecer huyó.", "es", ["presunto", "al parecer"]),
        ("L'homme aurait tué sa voisine.", "fr", ["aurait"]),
        ("Der mutmaßliche Täter soll geflohen sein.", "de", ["mutmaßliche"]),
        ("该官员涉嫌受贿。", "zh", ["涉嫌"]),
        # Look-alikes that hedge nothing: "of course", a case, "it should have been", the possibility, the month.
        ("Por supuesto, en el supuesto de que llueva, se suspende.", "es", []),
        ("Il aurait fallu agir plus tôt.", "fr", []),
        ("可能性很小。", "zh", []),
        ("The vote is on 5 May, and the study found them twice as likely to recover.", "en", []),
    ],
)
def test_hedges_named_in_a_text(text, lang, expected):
    assert _hedges(text, lang) == expected


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "lost"),
    [
        ("El presunto asesino huyó.", "The killer fled.", "es", ["presunto"]),
        ("El presunto asesino huyó.", "The suspected killer fled.", "es", []),
        ("El presunto asesino huyó.", "The man accused of the murder fled.", "es", []),
        ("L'homme aurait tué sa voisine.", "The man killed his neighbour.", "fr", ["aurait"]),
        ("L'homme aurait tué sa voisine.", "The man is said to have killed his neighbour.", "fr", []),
        ("L'homme aurait tué sa voisine.", "The man reportedly killed his neighbour.", "fr", []),
        ("Los precios podrían subir.", "Prices will rise.", "es", ["podrían"]),
        ("Los precios podrían subir.", "Prices may rise.", "es", []),
        ("似乎没人注意到。", "As though no one had noticed.", "zh", []),
    ],
)
def test_a_hedge_is_lost_only_where_the_target_hedges_nothing(word_aligner, source, target, source_lang, lost):
    assert _lost(word_aligner, source, target, source_lang) == lost


def _lost(word_aligner, source: str, target: str, source_lang: str, target_lang: str = "en") -> list[str]:
    reading = read_hedges(word_aligner.align(source, target), source, target, source_lang, target_lang)
    return [named.text for named in reading.lost]


def test_no_judgement_where_a_language_has_no_list(word_aligner):
    assert _lost(word_aligner, "El presunto asesino huyó.", "Meintur morðingi flúði.", "es", "is") == []


def _omissions(word_aligner, source: str, target: str, source_lang: str = "es", target_lang: str = "en"):
    flags = bead_flags(word_aligner, source, target, source_lang=source_lang, target_lang=target_lang)
    return [f for f in flags if f.kind == "omission"]


def test_a_lost_hedge_is_an_omission_with_its_gap_before_the_claim(word_aligner):
    source = "La policía detuvo ayer al presunto asesino de la joven."
    target = "Police yesterday arrested the murderer of the young woman."
    flags = [f for f in _omissions(word_aligner, source, target) if "hedge" in f.message]
    assert [(f.source_text, f.source_span) for f in flags] == [("presunto", (26, 34))]
    gap = flags[0].target_span
    assert gap[0] == gap[1] and target[: gap[0]].rstrip().endswith("the")
    assert 0.7 <= flags[0].confidence <= 0.85


def test_a_hedge_said_otherwise_is_no_omission(word_aligner):
    # "presuntamente" / "alleged": another part of speech, which the word aligner may leave unlinked.
    source = "El alcalde presuntamente desvió fondos públicos a una empresa de su cuñado."
    target = "The mayor is alleged to have diverted public funds to a company owned by his brother-in-law."
    assert not [f for f in _omissions(word_aligner, source, target) if "presuntamente" in f.source_text]


def test_the_reportative_conditional_lost_in_french(word_aligner):
    flags = _omissions(word_aligner, "Le suspect aurait agi seul.", "The suspect acted alone.", "fr")
    assert [f.source_text for f in flags if "hedge" in f.message] == ["aurait"]
    # The conditional is the attribution's own mood: "according to" renders both.
    source = "Selon la presse locale, le suspect aurait agi seul."
    target = "According to the local press, the suspect acted alone."
    assert not [f for f in _omissions(word_aligner, source, target, "fr") if "hedge" in f.message]


@pytest.mark.parametrize(
    ("source", "target", "lost"),
    [
        # "According to" and "suspect" render "según" and "sospechoso": nothing is left to render "supuestamente".
        (
            "Según la policía, el sospechoso supuestamente huyó a Francia.",
            "According to police, the suspect fled to France.",
            ["supuestamente"],
        ),
        (
            "Según la policía, el sospechoso supuestamente huyó a Francia.",
            "According to police, the suspect allegedly fled to France.",
            [],
        ),
    ],
)
def test_attributing_words_are_owed_their_own_rendering(word_aligner, source, target, lost):
    assert _lost(word_aligner, source, target, "es") == lost


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Der Unternehmer soll über Jahre Steuern hinterzogen haben, sagt die Anklage.", ["soll"]),
        ("Der Minister soll davon gewusst haben.", ["soll"]),
        # A plan, not a report.
        ("Das Gesetz soll im Mai in Kraft treten.", []),
    ],
)
def test_the_german_reportative_soll(word_aligner, text, reported):
    assert _lost(word_aligner, text, "It is so.", "de") == reported


@pytest.mark.parametrize(
    ("source", "target", "lost"),
    [
        # A listed word that renders another source word hedges nothing: "appeared" is "compareció".
        (
            "El presunto autor del robo compareció ayer ante el juez.",
            "The thief appeared before the judge yesterday.",
            ["presunto"],
        ),
        ("La presunta estafa fue denunciada por Theresa May.", "The fraud was reported by Theresa May.", ["presunta"]),
        # Two hedges need two renderings: "could" renders "podría", nothing renders "supuestamente".
        (
            "El delantero supuestamente apostó en partidos, lo que podría costarle una sanción.",
            "The striker bet on matches, which could cost him a ban.",
            ["supuestamente"],
        ),
        (
            "El delantero supuestamente apostó en partidos, lo que podría costarle una sanción.",
            "The striker allegedly bet on matches, which could cost him a ban.",
            [],
        ),
    ],
)
def test_each_hedge_needs_a_rendering_of_its_own(word_aligner, source, target, lost):
    assert _lost(word_aligner, source, target, "es") == lost
