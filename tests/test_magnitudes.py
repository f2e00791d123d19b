"""Approximate quantities (align/detectors/magnitudes.py): read in seven languages and compared by their order of
magnitude, so "Decenas" / "Hundreds" is a wrong number and "una decena" / "a dozen" none."""

import pytest
from bead_flags import bead_flags

from align.detectors.magnitudes import same_order
from align.detectors.numbers import find_numbers


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Decenas de personas murieron.", "es", [("Decenas", 10)]),
        ("Protestaron decenas de miles de personas.", "es", [("decenas de miles", 10_000)]),
        ("Des milliers de migrants sont arrivés.", "fr", [("milliers", 1000)]),
        ("Tausende Menschen demonstrierten.", "de", [("Tausende", 1000)]),
        ("数百人参加了抗议活动。", "zh", [("数百", 100)]),
        ("Tens of thousands of people marched.", "en", [("Tens of thousands", 10_000)]),
        # A size times a word for a thousand or more, halved after a word for half; Chinese 万 multiplies too.
        ("Une dizaine de milliers de personnes ont défilé.", "fr", [("dizaine de milliers", 10_000)]),
        ("Medio millar de vecinos se manifestaron.", "es", [("Medio millar", 500)]),
        ("Hunderte von Millionen Euro flossen.", "de", [("Hunderte von Millionen", 100_000_000)]),
        ("十几万人参加了游行。", "zh", [("十几万", 100_000)]),
        # A way of speaking is no count.
        ("Te lo he dicho cientos de veces.", "es", []),
        ("Se rompió en miles de pedazos.", "es", []),
        # A number before a multiplier stays one exact number; English "miles" is a distance.
        ("Dos millones de personas votaron.", "es", [("Dos millones", 2_000_000)]),
        ("They walked five miles.", "en", [("five", 5)]),
    ],
)
def test_approximate_quantities_are_read(text, lang, expected):
    assert [(m.text, m.value) for m in find_numbers(text, lang)] == expected


def test_orders_of_magnitude():
    assert same_order(10, 12) and same_order(100, 300)
    assert not same_order(10, 100) and not same_order(1000, 10_000)


def _number_flags(word_aligner, source: str, target: str, source_lang: str):
    flags = bead_flags(word_aligner, source, target, source_lang=source_lang, target_lang="en")
    return [(f.source_text, f.target_text) for f in flags if f.kind == "number_mismatch"]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "expected"),
    [
        (
            "Decenas de personas murieron en el terremoto.",
            "Hundreds of people died in the earthquake.",
            "es",
            [("Decenas", "Hundreds")],
        ),
        ("数百人参加了抗议活动。", "Thousands of people took part in the protest.", "zh", [("数百", "Thousands")]),
        ("Decenas de personas murieron en el terremoto.", "Dozens of people died in the earthquake.", "es", []),
        ("Una decena de personas fueron detenidas.", "About a dozen people were arrested.", "es", []),
        ("Un centenar de manifestantes se concentraron.", "About 100 protesters gathered.", "es", []),
    ],
)
def test_a_wrong_order_of_magnitude_is_flagged(word_aligner, source, target, source_lang, expected):
    assert _number_flags(word_aligner, source, target, source_lang) == expected
