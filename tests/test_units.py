"""The unit beside a number: the same value counting something else is a wrong number ("3 años" / "3 months")."""

import pytest

from align.detectors.number_mismatch import pair_numbers
from align.detectors.numbers import find_numbers
from align.detectors.units import units_of


@pytest.mark.parametrize(
    ("text", "lang", "names"),
    [
        ("condenado a 3 años de prisión", "es", {"year"}),
        ("a 3-year sentence", "en", {"year"}),
        ("die 3-jährige Tochter", "de", {"year"}),
        ("La grève a duré 5 jours", "fr", {"day"}),
        ("他被判处3年有期徒刑", "zh", {"year"}),
        ("3个月后", "zh", {"month"}),
        ("会談は3時間続いた", "ja", {"hour"}),
        ("5か月ぶり", "ja", {"month"}),
        ("subió 0,25 puntos porcentuales", "es", {"percentage_point"}),
        ("down 0.2 percentage points", "en", {"percentage_point"}),  # not "0.2 percent" and "age points"
        ("um 0,3 Prozentpunkte", "de", {"percentage_point"}),
        ("rose 3.2%", "en", {"percent"}),
        ("5 millones de euros", "es", {"euro"}),
        ("un plan de 10 milliards d'euros", "fr", {"euro"}),
        ("an 18-billion-euro budget", "en", {"euro"}),
        ("US$5 million", "en", {"dollar"}),
        ("$5 million", "en", {"dollar", "peso"}),  # the sign is a peso's too
        ("R$ 5 bilhões", "pt", {"real"}),
        ("耗资2.5亿欧元", "zh", {"euro"}),
        ("500万元", "zh", {"yuan", "dollar"}),
        ("3 anomalías", "es", None),  # a word that only starts like a unit
        ("el 3 de mayo", "es", None),
        ("8月15日", "zh", None),  # a month's name, not "8 months"
        ("at 8 p.m.", "en", None),
        ("La moneda data del año 300 d. C.", "es", {"ad"}),
        ("in AD 79", "en", {"ad"}),
        ("ad 8 persone", "it", None),  # Italian "ad" is "to"
        ("公元前300年", "zh", {"bc", "year"}),
        ("arrasó 10 kilómetros de costa", "es", {"kilometre"}),
        ("carrying 5 pounds of sand", "en", {"pound", "pound_mass"}),  # the currency or the weight
        ("alcanzó 40 °C", "es", {"celsius"}),
        ("insgesamt 2.805 Hektar", "de", {"hectare"}),
        ("10.000 pies de altura", "es", {"foot"}),
    ],
)
def test_the_unit_written_beside_a_number(text, lang, names):
    units = units_of(find_numbers(text, lang)[0], text, lang)
    assert {name for unit in units for name in unit.names} == (names or set())


@pytest.mark.parametrize(
    ("original", "lang", "translation", "target_lang", "differing"),
    [
        ("Fue condenado a 3 años de prisión.", "es", "He was sentenced to 3 months in prison.", "en", [("3", "3")]),
        ("会談は3時間続いた。", "ja", "The talks lasted 3 days.", "en", [("3", "3")]),
        ("El tipo subió 0,25 puntos porcentuales.", "es", "The rate rose 0.25%.", "en", [("0,25", "0.25%")]),
        ("un plan de 5 millones de euros", "es", "a $5 million plan", "en", [("5 millones", "5 million")]),
        ("a £400,000 Porsche", "en", "einen 400.000-Dollar-Porsche", "de", [("400,000", "400.000")]),
        ("La moneda data del año 300 d. C.", "es", "The coin dates from 300 BC.", "en", [("300", "300")]),
        ("公元前300年", "zh", "in 300 AD", "en", [("300", "300")]),
        # Units that agree, or are not both said, are no mismatch.
        ("un plan de 5 millones de dólares", "es", "a $5 million plan", "en", []),
        ("costó 5 pesos", "es", "it cost $5", "en", []),
        ("3 años y 3 meses", "es", "3 years and 3 months", "en", []),
        ("3 meses y 3 años", "es", "3 months and 3 years", "en", []),
        ("tiene 30 años", "es", "is 30", "en", []),
        ("公元前300年", "zh", "in 300 BC", "en", []),
        ("subió 0,3 puntos", "es", "rose 0.3 percentage points", "en", []),
        ("El paro bajó 1,2 puntos", "es", "Unemployment fell by 1.2 percent", "en", [("1,2", "1.2 percent")]),
        ("三十多年后", "zh", "Three decades later", "en", []),
        ("기준금리를 0.5%포인트 올렸다", "ko", "raised the key rate by 0.5 percentage points", "en", []),
        ("quince días", "es", "two weeks", "en", []),  # a fortnight
        ("Puede vivir hasta 13 años", "es", "It may live up to 14 years", "en", [("13", "14")]),  # one unit: exact
        ("48 horas", "es", "deux jours", "fr", []),
        ("hace tres décadas", "es", "3 years ago", "en", [("tres", "3")]),
        ("耗资2000万元", "zh", "it cost 20 million yuan", "en", []),
        # Measures: another unit of the same kind is a wrong number; a conversion within a tenth is none.
        ("arrasó 10 kilómetros de costa", "es", "ravaged 10 miles of coastline", "en", [("10", "10")]),
        ("5 toneladas de arena", "es", "5 pounds of sand", "en", [("5", "5")]),
        ("2,805 acre", "en", "2.805 Hektar", "de", [("2,805", "2.805")]),
        ("arrasó 10 kilómetros de costa", "es", "ravaged 6 miles of coastline", "en", []),
        ("El Everest mide 8.848 metros", "es", "Everest is 29,029 feet high", "en", []),
        ("alcanzó 40 °C", "es", "reached 104 °F", "en", []),
        ("une longueur de 30 cm", "fr", "12 inches (305 mm) long", "en", []),
        ("pagó 5 libras", "es", "paid 5 pounds", "en", []),
        ("à 130 km/h", "fr", "at 80 mph", "en", []),  # speeds
        ("alcanzó 40 grados", "es", "reached 104 degrees Fahrenheit", "en", []),  # bare "grados": Celsius
        ("已经走了二十公里", "zh", "had walked twelve miles", "en", []),
        ("体重六十公斤", "zh", "weighed about 130 pounds", "en", []),
        ("Böen von 160 Kilometern pro Stunde", "de", "gusts of 160 miles per hour", "en", [("160", "160")]),
        ("Ayer hizo 100 grados en Phoenix.", "es", "Yesterday it was 100 °F in Phoenix.", "en", []),  # or °F
        ("se extiende 200 millas desde la costa", "es", "extends 200 nautical miles", "en", []),
        ("a 10 millas de la costa", "es", "11 miles off the coast", "en", [("10", "11")]),
        ("Water freezes at 32 °F.", "en", "El agua se congela a 0 °C.", "es", []),  # near zero
        ("limitar el calentamiento a 1,5 °C", "es", "to limit warming to 2.7 °F", "en", []),  # a difference
        # A conversion pairs after equal figures: crossed, the two conversions hid the wrong 78.
        ("eine Zone von 50 Meilen (gut 76 km)", "de", "une zone de 50 milles (78 km)", "fr", [("76", "78")]),
        (
            "Ключевая ставка повышена на 2 процентных пункта",
            "ru",
            "The key rate was raised by 2 percentage points",
            "en",
            [],
        ),
    ],
)
def test_the_same_value_with_another_unit_is_a_mismatch(original, lang, translation, target_lang, differing):
    source, target = find_numbers(original, lang), find_numbers(translation, target_lang)
    units = {m: units_of(m, original, lang) for m in source}, {m: units_of(m, translation, target_lang) for m in target}
    pairs, _, _ = pair_numbers(source, target, len(original), len(translation), units)
    assert [(a.text, b.text) for a, b in pairs] == differing
