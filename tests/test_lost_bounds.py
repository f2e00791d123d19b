"""A bound one side puts on a number the other side gives bare (align/detectors/lost_bounds.py): "Más de 2.000" /
"2,000" and "100多名" / "100" are flagged, a bound said in other words or an approximation is not."""

import pytest
from bead_flags import bead_flags

from align.detectors.lost_bounds import lost_bounds
from align.detectors.numbers import find_numbers


def _found(source: str, target: str, source_lang: str, target_lang: str = "en") -> list[tuple[str, str, bool]]:
    found = lost_bounds(
        source, target, find_numbers(source, source_lang), find_numbers(target, target_lang), source_lang, target_lang
    )
    return [(lost.bounded.text, lost.bare.text, lost.added) for lost in found]


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"),
    [
        (
            "Más de 2.000 personas se manifestaron.",
            "2,000 people demonstrated.",
            "es",
            [("Más de 2.000", "2,000", False)],
        ),
        ("Au moins 12 morts ont été recensés.", "12 dead were counted.", "fr", [("Au moins 12", "12", False)]),
        (
            "Bis zu 50 Zentimeter Schnee fallen.",
            "50 centimetres of snow will fall.",
            "de",
            [("Bis zu 50", "50", False)],
        ),
        ("100多名学生受伤。", "100 students were injured.", "zh", [("100多", "100", False)]),
        ("50岁以上的人可以申请。", "People aged 50 can apply.", "zh", [("50岁以上", "50", False)]),
        ("他在那里住了3个多月。", "He lived there for three months.", "zh", [("3个多", "three", False)]),
        # A bound the translation adds.
        ("Murieron 12 personas.", "More than 12 people died.", "es", [("More than 12", "12", True)]),
        # The bound said in other words, or the number approximated: nothing lost.
        ("Más de 2.000 personas se manifestaron.", "Upwards of 2,000 people demonstrated.", "es", []),
        ("Más de 2.000 personas se manifestaron.", "Some 2,000-odd people demonstrated.", "es", []),
        ("两千余人参加了游行。", "Over 2,000 people took part.", "zh", []),
        ("最少也有一百条平安里。", "There are at least a hundred such lanes.", "zh", []),
        ("Hubo más de 40 muertos.", "Has there not been more than 40 deaths?", "es", []),
        ("3岁以下婴幼儿", "infants under the age of 3", "zh", []),
        # Not bounds: a year ("hasta 2030": until), a range's end, a counter's 多 that starts a word (多次: many times),
        # a bound of what follows ("两个不到半周岁": two babies under half a year).
        ("El plan estará vigente hasta 2030.", "The plan will run until 2030.", "es", []),
        ("Las temperaturas irán de 5 hasta 10 grados.", "Temperatures will go from 5 to 10 degrees.", "es", []),
        ("颁发2年多次签证", "issue 2-year multiple-entry visas", "zh", []),
        ("Las penas irán desde un mínimo de 3 hasta 5 años.", "Sentences will range from 3 to 5 years.", "es", []),
        # A name, a group or a score is no quantity ("5G", "Under 21s", "knapp 2:1").
        ("Ofrecerá televisión a través de redes 5G.", "It will offer television over 5G networks.", "es", []),
        ("Bayern gewann knapp 2:1 gegen Dortmund.", "Bayern beat Dortmund 2-1.", "de", []),
        # "de" is also "of": no range opens before "plus de 1 500"; a word between bound and number is read through.
        (
            "La grève a entraîné l'annulation de plus de 1 500 vols.",
            "The strike led to the cancellation of 1,500 flights.",
            "fr",
            [("plus de 1 500", "1,500", False)],
        ),
        ("Se recibieron al menos otras 12 denuncias.", "At least another 12 complaints were received.", "es", []),
        # An approximate quantity bounded against its own value; "几千" (several thousand) is no bound.
        (
            "Más de un centenar de personas murieron.",
            "A hundred people died.",
            "es",
            [("Más de un centenar", "A hundred", False)],
        ),
        ("几千人参加了游行。", "A thousand people took part.", "zh", []),
        # A French bound elided into its article.
        (
            "Plus d'une centaine de personnes ont été blessées.",
            "A hundred people were injured.",
            "fr",
            [("Plus d'une centaine", "A hundred", False)],
        ),
        # A bound that opens a range only where another closes it: "from more than 30% … to" keeps its bound.
        (
            "La cuota bajó desde más del 30 % hasta el 9 %.",
            "The share fell from 30% to 9%.",
            "es",
            [("más del 30 %", "30%", False)],
        ),
        # A word with other senses the translation adds counts only where it renders no preposition of the source.
        ("El púgil perdió tras 12 asaltos.", "The boxer lost over 12 rounds.", "es", []),
        (
            "Die Polizei zählte in Berlin 15.000 Teilnehmer.",
            "Police counted over 15,000 participants in Berlin.",
            "de",
            [("over 15,000", "15.000", True)],
        ),
        ("两个不到半周岁的孩子", "two babies not yet half a year old", "zh", []),
    ],
)
def test_lost_bounds(source, target, lang, expected):
    assert _found(source, target, lang) == expected


def test_a_lost_bound_is_flagged_with_both_spans(word_aligner):
    source, target = "Más de 2.000 personas se manifestaron en Madrid.", "2,000 people demonstrated in Madrid."
    flags = [f for f in bead_flags(word_aligner, source, target) if f.kind == "number_mismatch"]
    assert [(f.source_text, f.target_text) for f in flags] == [("Más de 2.000", "2,000")]
    assert flags[0].source_span == (0, len("Más de 2.000")) and flags[0].target_span == (0, len("2,000"))
    assert "drops its bound" in flags[0].message and 0.6 < flags[0].confidence < 0.75


def test_a_bound_word_of_another_sense_linked_to_the_other_side_is_no_lost_bound(word_aligner):
    source, target = "Fino a 10 anni fa il paese era povero.", "Until 10 years ago the village was poor."
    flags = bead_flags(word_aligner, source, target, source_lang="it")
    assert not [f for f in flags if "bound" in f.message]
