"""Temperatures below zero (align/detectors/temperatures.py): the sign or the words that say so make the number
negative, so "-7 grados" / "7 degrees" is a wrong number and "-10 °C" / "14 °F" the same temperature."""

import pytest
from bead_flags import bead_flags

from align.detectors.numbers import find_numbers
from align.detectors.temperatures import below_zero


def _signed(text: str, lang: str) -> list[tuple[float, str]]:
    return [(m.value, m.text) for m in (below_zero(m, text, lang) for m in find_numbers(text, lang))]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("bajó a -7 grados", "es", [(-7.0, "-7")]),
        ("bajó a −7 grados", "es", [(-7.0, "−7")]),  # the minus sign
        ("menos 12 grados", "es", [(-12.0, "menos 12")]),
        ("cinco grados bajo cero", "es", [(-5.0, "cinco grados bajo cero")]),
        ("five below zero", "en", [(-5.0, "five below zero")]),
        ("minus 22C", "en", [(-22.0, "minus 22")]),
        ("-11 °C", "en", [(-11.0, "-11")]),
        ("moins 15 degrés", "fr", [(-15.0, "moins 15")]),
        ("零下41度", "zh", [(-41.0, "零下41")]),
        # No temperature, or no sign: a range, a name, "less than", a percentage.
        ("de 3-5 grados", "es", [(3.0, "3"), (5.0, "5")]),
        ("COVID-19", "en", [(19.0, "19")]),
        ("la autovía A-7", "es", [(7.0, "7")]),
        ("menos de 12 grados", "es", [(12.0, "12")]),
        ("cayó un -5 %", "es", [(5.0, "5 %")]),
        # A minus word inside another phrase: "at least", "more or less", "plus/minus".
        ("bajarán al menos 5 grados", "es", [(5.0, "5")]),
        ("plus ou moins 30 degrés", "fr", [(30.0, "30")]),
        ("plus/minus zwei Grad", "de", [(2.0, "zwei")]),
        # The sign where a unit is glued to the figure, follows further on, or the text speaks of temperature.
        ("-7ºC en Molina", "es", [(-7.0, "-7º")]),
        ("最低气温-25℃", "zh", [(-25.0, "-25")]),
        ("负25度", "zh", [(-25.0, "负25")]),
        ("entre -5 y -10 grados", "es", [(-5.0, "-5"), (-10.0, "-10")]),
        ("The temperature fell to -7 overnight.", "en", [(-7.0, "-7")]),
        ("el marcador 2 -1", "es", [(2.0, "2"), (1.0, "1")]),
        # Said after the figure.
        ("zehn Minusgrade", "de", [(-10.0, "zehn Minusgrade")]),
        ("sieben Grad minus", "de", [(-7.0, "sieben Grad minus")]),
        ("cuatro grados negativos", "es", [(-4.0, "cuatro grados negativos")]),
        ("minus 15 Celsius", "en", [(-15.0, "minus 15")]),
    ],
)
def test_a_temperature_below_zero_is_negative(text, lang, expected):
    assert _signed(text, lang) == expected


def _number_flags(word_aligner, source: str, target: str, source_lang: str = "es", target_lang: str = "en"):
    flags = bead_flags(word_aligner, source, target, source_lang=source_lang, target_lang=target_lang)
    return [(f.source_text, f.target_text) for f in flags if f.kind == "number_mismatch" and f.confidence >= 0.5]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        # English "degrees" alone names no unit: the target says "7".
        ("La temperatura bajó a -7 grados.", "The temperature fell to 7 degrees.", [("-7 grados", "7")]),
        ("La temperatura bajó a -7 grados.", "The temperature fell to minus seven degrees.", []),
        ("Se registraron cinco grados bajo cero.", "Five degrees below zero were recorded.", []),
        ("Se registraron -10 °C.", "A temperature of 14 °F was recorded.", []),  # a conversion keeps its sign
    ],
)
def test_a_lost_sign_is_a_wrong_number(word_aligner, source, target, expected):
    assert _number_flags(word_aligner, source, target) == expected


def test_an_hour_with_its_minutes_in_words_is_a_clock_time():
    (nine_ten,) = find_numbers("El tren descarriló a las nueve y diez de la mañana.", "es")
    assert nine_ten.value == 9.1 and nine_ten.half_said
    assert find_numbers("entre dos y cinco", "es") == []  # no clock: the words still make no one number


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("a la una y diez de la madrugada", "es", 1.1),  # the article is the hour
        ("a las nueve menos veinte de la noche", "es", 20.4),
        ("alle nove e dieci", "it", 9.1),
        ("à neuf heures dix", "fr", 9.1),
        ("às oito e quinze", "pt", 8.15),
        ("às oito e vinte e cinco", "pt", 8.25),
        ("à huit heures moins le quart", "fr", 7.45),
    ],
)
def test_minutes_said_in_words(text, lang, value):
    (time,) = find_numbers(text, lang)
    assert time.value == value
