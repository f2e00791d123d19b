"""A word rendered by its opposite (align/detectors/opposites.py): a garbled flag spanning both words, and none
where a negation, a word of negative meaning or the parties' swapped roles make the opposite a faithful rendering."""

import pytest
from bead_flags import bead_flags

from align.detectors.closed_sets import find_named
from align.detectors.opposites import OPPOSITES


def _read(text: str, lang: str) -> list[tuple[str, int, str]]:
    return [(named.kind, named.member, named.text) for named in find_named(text, lang, data=OPPOSITES)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("El Congreso aprobó la reforma.", "es", [("approve_reject", 0, "aprobó")]),
        (
            "Der Bundestag lehnte den Antrag ab.",
            "de",
            [("approve_reject", 1, "lehnte"), ("accept_refuse", 1, "lehnte")],
        ),
        ("以色列和哈马斯的停火协议被否决。", "zh", [("approve_reject", 1, "否决")]),
        # Look-alikes that name no member: April, an initiative, "important", a Friday.
        ("En abril la iniciativa es importante.", "es", []),
        ("Vendredi, l'importance du vote.", "fr", []),
    ],
)
def test_members_named_in_a_text(text, lang, expected):
    assert _read(text, lang) == expected


def _opposite_flags(word_aligner, source: str, target: str, source_lang: str = "es", target_lang: str = "en"):
    flags = bead_flags(word_aligner, source, target, source_lang=source_lang, target_lang=target_lang)
    return [(f.source_text, f.target_text) for f in flags if f.kind == "garbled" and "opposite" in f.message]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (
            "El Parlamento aprobó la ley por amplia mayoría.",
            "Parliament rejected the law by a large majority.",
            [("aprobó", "rejected")],
        ),
        ("El Parlamento aprobó la ley por amplia mayoría.", "Parliament passed the law by a large majority.", []),
        ("El jurado absolvió al acusado.", "The jury convicted the defendant.", [("absolvió", "convicted")]),
        # The future's one word linked to the auxiliary: "open" stands beside it.
        ("La tienda cerrará el lunes.", "The shop will open on Monday.", [("cerrará", "open")]),
        # A negation on one side only: the opposite renders it.
        ("El Parlamento no aprobó la ley.", "Parliament rejected the law.", []),
        ("El Gobierno rechazó la oferta.", "The government did not accept the offer.", []),
        ("El equipo perdió la final.", "The team failed to win the final.", []),
        # The same event told from the other party's side.
        (
            "El Real Madrid ganó al Barcelona por dos goles a uno.",
            "Barcelona lost to Real Madrid by two goals to one.",
            [],
        ),
        (
            "El Real Madrid ganó al Barcelona por dos goles a uno.",
            "Real Madrid lost to Barcelona by two goals to one.",
            [("ganó", "lost")],
        ),
        # The parties named by common nouns, or after a German verb that comes second.
        (
            "Los agricultores venden la leche a las cooperativas por debajo del coste.",
            "Cooperatives are buying milk from farmers below cost.",
            [],
        ),
        ("Am Samstag verlor der Letzte gegen den Spitzenreiter.", "On Saturday the leaders beat the bottom club.", []),
        # A negation far before the word; a word of another sense ("bajo" the preposition; "defeats" the verb).
        ("Ninguno de los dos candidatos aceptó la invitación.", "Both candidates turned down the invitation.", []),
        ("Bajo la presión, el banco elevó los tipos.", "Under pressure, the bank pushed rates higher.", []),
        ("Alcaraz vence a Sinner en la final.", "Alcaraz defeats Sinner in the final.", []),
    ],
)
def test_a_word_rendered_by_its_opposite_is_garbled(word_aligner, source, target, expected):
    lang = "de" if "Samstag" in source else "es"
    assert _opposite_flags(word_aligner, source, target, lang) == expected


def test_the_flag_spans_both_words(word_aligner):
    source, target = "El jurado absolvió al acusado.", "The jury convicted the defendant."
    (flag,) = [f for f in bead_flags(word_aligner, source, target) if "opposite" in f.message]
    assert source[flag.source_span[0] : flag.source_span[1]] == "absolvió"
    assert target[flag.target_span[0] : flag.target_span[1]] == "convicted"
    assert 0.5 <= flag.confidence < 0.9
