"""Weekdays named on both sides are compared: "el lunes" / "on Tuesday" is a wrong date."""

import pytest

from align.detectors.weekdays import differing_weekdays, find_weekdays


@pytest.mark.parametrize(
    ("original", "lang", "translation", "target_lang", "differing"),
    [
        (
            "El presidente viajará el lunes a Bruselas.",
            "es",
            "He will travel to Brussels on Tuesday.",
            "en",
            [("lunes", "Tuesday")],
        ),
        (
            "Die Wahl findet am Sonntag statt.",
            "de",
            "The election takes place on Saturday.",
            "en",
            [("Sonntag", "Saturday")],
        ),
        ("会议将于周一举行。", "zh", "The meeting will be held on Wednesday.", "en", [("周一", "Wednesday")]),
        ("Il arrive samedi.", "fr", "Er kommt am Samstag.", "de", []),
        ("de lunes a viernes", "es", "from Monday to Friday", "en", []),
        ("El lunes 3 de marzo", "es", "On March 3", "en", []),  # one side alone says nothing
        ("Cantó Plácido Domingo el sábado.", "es", "Plácido Domingo sang on Saturday.", "en", []),  # a name
        ("Domingo de elecciones en el país.", "es", "Election Sunday in the country.", "en", []),  # sentence start
    ],
)
def test_weekdays_each_side_names_are_compared(original, lang, translation, target_lang, differing):
    pairs = differing_weekdays(find_weekdays(original, lang), find_weekdays(translation, target_lang))
    assert [(a.text, b.text) for a, b in pairs] == differing
