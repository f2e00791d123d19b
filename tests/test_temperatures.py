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
