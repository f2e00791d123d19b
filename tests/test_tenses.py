"""A future reported as done (align/detectors/tenses.py): a garbled flag spanning the source's future verb and the
English past that renders it, and none where the target keeps the future in any of its forms."""

import pytest
from bead_flags import bead_flags

from align.alignment.words import split_words
from align.detectors.tenses import _future, _future_verbs


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("El presidente visitará Francia.", "es", ["visitará"]),
        ("El Gobierno va a presentar los presupuestos.", "es", ["presentar"]),
        ("La ministre signera l'accord et se rendra à Rome.", "fr", ["signera", "rendra"]),
        ("Die Ministerin wird den Vertrag am Montag unterzeichnen.", "de", ["unterzeichnen"]),
        ("Il premier incontrerà i sindacati.", "it", ["incontrerà"]),
        ("峰会将于五月在北京举行。", "zh", ["五月", "北京", "举行"]),
        # No future: a German passive, a past, a name, and "将" marking an object as "把" does.
        ("Die Sitzung wird um 19.27 Uhr unterbrochen und um 21.00 Uhr wiederaufgenommen.", "de", []),
        ("El presidente visitó Panamá y Canadá.", "es", []),
        ("他将书放在桌上。", "zh", []),
    ],
)
def test_future_verbs_of_a_source(text, lang, expected):
    side = split_words(text, lang)
    assert [side[k].text for k in _future_verbs(side, _future(lang))] == expected


def _tense_flags(word_aligner, source: str, target: str, source_lang: str):
    flags = bead_flags(word_aligner, source, target, source_lang=source_lang, target_lang="en")
    return [(f.source_text, f.target_text) for f in flags if f.kind == "garbled" and "(future)" in f.message]


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "expected"),
    [
        (
            "El presidente visitará Francia la semana que viene.",
            "The president visited France the following week.",
            "es",
            [("visitará", "visited")],
        ),
        (
            "Die Ministerin wird den Vertrag unterzeichnen.",
            "The minister signed the treaty.",
            "de",
            [("unterzeichnen", "signed")],
        ),
        ("峰会将于五月在北京举行。", "The summit was held in Beijing in May.", "zh", [("举行", "held")]),
        # The future kept, in any of its forms.
        ("El presidente visitará Francia.", "The president will visit France.", "es", []),
        ("El presidente visitará Francia.", "The president is to visit France.", "es", []),
        ("La cumbre se celebrará en mayo.", "The summit will be held in May.", "es", []),
        ("Anunció que visitará Francia.", "He announced that he would visit France.", "es", []),
        # A future perfect that guesses about the past; a French passé simple.
        ("Habrá sido un error de cálculo.", "It was probably a miscalculation.", "es", []),
        ("Le navire chavira au large de Brest.", "The ship capsized off Brest.", "fr", []),
        # English says a future in the perfect after "until".
        (
            "I voli resteranno sospesi finché la nube di cenere non si sarà dissolta.",
            "Flights will remain suspended until the ash cloud has cleared.",
            "it",
            [],
        ),
        (
            "El ministro, que dimitió ayer, comparecerá mañana.",
            "The minister, who resigned yesterday, will appear tomorrow.",
            "es",
            [],
        ),
    ],
)
def test_a_future_said_as_past_is_garbled(word_aligner, source, target, source_lang, expected):
    assert _tense_flags(word_aligner, source, target, source_lang) == expected
