"""Roman numerals read where a text uses them for a number: centuries and regnal or series numbers."""

import pytest

from align.detectors.number_mismatch import pair_numbers
from align.detectors.numbers import find_numbers
from align.detectors.units import units_of


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("Es el mayor desastre del siglo XX.", "es", [20]),
        ("au XIXe siècle", "fr", [19]),
        ("nel XX secolo", "it", [20]),
        ("no século XXI", "pt", [21]),
        ("en el s. XIX", "es", [19]),
        ("en el siglo I", "es", [1]),  # a lone I beside a century word
        ("los siglos XVI y XVII", "es", [16, 17]),  # a list shares the word
        ("aux XVe-XVIe siècles", "fr", [15, 16]),
        ("aux XVe, XVIe et XVIIe siècles", "fr", [15, 16, 17]),
        ("El rey Felipe VI visitó Lima", "es", [6]),
        ("Luis XIV y Carlos V", "es", [14, 5]),
        ("François Ier", "fr", [1]),  # one letter with its ordinal ending
        ("Gasherbrum II und Lager III", "de", [2, 3]),
        ("au camp IV", "fr", [4]),  # after a lowercase word too: French does not capitalise "camp"
        ("El rei Jaume I va conquerir Mallorca", "ca", [1]),  # a lone I outside English
        ("King Charles I was executed", "en", [1]),  # in English after a title ...
        ("visited by Pope John Paul I", "en", [1]),  # ... (up to three words before) ...
        ("Frederick I of Swabia", "en", [1]),  # ... or with a place after it
        ("the nineteenth century and a twentieth-century novel", "en", [19, 20]),  # centuries said with an ordinal
        ("le dix-neuvième siècle", "fr", [19]),
        # Not numbers: the pronoun, a name, acronyms, capitals, a compound, an OCR'd "Völker", letters in a word.
        ("And I said that I would come", "en", []),
        ("In Paris I met her, and Maria and I left", "en", []),
        ("This is the Grannie Liu I was telling you about", "en", []),
        ("In St Louis I spent a week, like Prince Harry I was nervous", "en", []),  # no title of a king
        ("il romanzo di Giovanni Verga I Malavoglia", "it", []),  # the Italian article
        ("el ministro José I. Wert dijo", "es", []),  # an initial
        ("the first time", "en", []),
        ("Malcolm X spoke, then Generation X", "en", []),
        ("in Washington DC with the CIA", "en", []),
        ("EL REY FELIPE VI", "es", []),
        ("die Lager II-Stellung", "de", []),
        ("Selbstbestimmung der V lker", "de", []),
        ("el VIH y el XXL", "es", []),
        ("the X social network", "en", []),
    ],
)
def test_roman_numerals_read_as_numbers(text, lang, values):
    assert [m.value for m in find_numbers(text, lang)] == values


@pytest.mark.parametrize(
    ("original", "lang", "translation", "differing"),
    [
        (
            "Es el mayor desastre del siglo XX.",
            "es",
            "It is the biggest disaster of the 21st century.",
            [("siglo XX", "21st century")],
        ),
        (
            "C'est la pire catastrophe du XIXe siècle.",
            "fr",
            "It is the worst disaster of the 20th century.",
            [("XIXe siècle", "20th century")],
        ),
        ("Luis XIV murió en 1715.", "es", "Louis XV died in 1715.", [("XIV", "XV")]),
        ("Es el mayor desastre del siglo XXI.", "es", "It is the biggest disaster of the 21st century.", []),
        ("El rey Felipe VI visitó Lima.", "es", "King Felipe VI visited Lima.", []),
        ("La Segunda Guerra Mundial terminó en 1945.", "es", "World War II ended in 1945.", []),
    ],
)
def test_a_roman_numeral_against_figures(original, lang, translation, differing):
    source, target = find_numbers(original, lang), find_numbers(translation, "en")
    units = ({m: units_of(m, original, lang) for m in source}, {m: units_of(m, translation, "en") for m in target})
    pairs = pair_numbers(source, target, len(original), len(translation), units)[0]

    def said(mention, side_units, text):
        spans = [(mention.start, mention.end)] + [(u.start, u.end) for u in side_units[mention]]
        return text[min(s for s, _ in spans) : max(e for _, e in spans)]

    assert [(said(s, units[0], original), said(t, units[1], translation)) for s, t in pairs] == differing
