"""Countries, nationalities and cities read in any language as one member each (align/detectors/places.py), and
the name check that compares them across a bead."""

import pytest
from bead_flags import bead_flags

from align.detectors.places import CITY, COUNTRY, find_places


def _read(text: str, lang: str) -> list[tuple[str, str]]:
    return [(named.kind, named.text) for named in find_places(text, lang)]


def _member(text: str, lang: str) -> int:
    (named,) = find_places(text, lang)
    return named.member


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("El acuerdo se firmó en Lisboa.", "es", [(CITY, "Lisboa")]),
        ("Deutschlands Exporte nach Frankreich", "de", [(COUNTRY, "Deutschland"), (COUNTRY, "Frankreich")]),
        ("France's president", "en", [(COUNTRY, "France")]),
        ("les exportations de l'Italie", "fr", [(COUNTRY, "Italie")]),
        # The longest name: "Guinea-Bissau" and "Papua New Guinea" are no "Guinea".
        ("Guinea-Bissau and Papua New Guinea", "en", [(COUNTRY, "Guinea-Bissau"), (COUNTRY, "Papua New Guinea")]),
        ("Los EE.UU. y el Reino Unido", "es", [(COUNTRY, "EE.UU."), (COUNTRY, "Reino Unido")]),
        ("中国和美国", "zh", [(COUNTRY, "中国"), (COUNTRY, "美国")]),
        # Names that are as often a person's or a common word: not read.
        ("Chad and Jordan met Victoria at Easter.", "en", []),
        ("the capital of Chile", "en", [(COUNTRY, "Chile")]),
        ("lisbon", "en", []),  # a place is written with a capital
        ("Los niños no son conejillos de Indias.", "es", []),  # no genitive "s" in Spanish; an idiom
        ("Eso me suena a chino.", "es", []),
        ("Frances Haugen testified.", "en", []),  # English genitives take an apostrophe
        ("タイミングが悪い", "ja", []),  # タイ (Thailand) inside a longer katakana word
        ("内蒙古", "zh", []),
    ],
)
def test_places_named_in_a_text(text, lang, expected):
    assert _read(text, lang) == expected


@pytest.mark.parametrize(
    ("one", "lang", "other", "other_lang"),
    [
        ("Lisboa", "es", "Lisbon", "en"),  # a time zone's city: CLDR names it in each language
        ("Lissabon", "de", "里斯本", "zh"),
        ("Alemania", "es", "Germany", "en"),
        ("EE.UU.", "es", "United States", "en"),
        ("Holanda", "es", "Netherlands", "en"),
        ("Côte d'Ivoire", "fr", "Ivory Coast", "en"),
        ("Myanmar", "en", "Birmania", "es"),
    ],
)
def test_one_place_in_two_languages_is_one_member(one, lang, other, other_lang):
    assert _member(one, lang) == _member(other, other_lang)


def test_two_places_are_two_members():
    assert _member("Lisboa", "es") != _member("Madrid", "en")
    assert _member("Alemania", "es") != _member("Austria", "en")


@pytest.fixture(scope="module")
def word_aligner():
    from align.alignment.words import WordAligner

    return WordAligner()


def _name_flags(word_aligner, source: str, target: str, source_lang: str = "es") -> list[tuple[str, str]]:
    flags = bead_flags(word_aligner, source, target, source_lang=source_lang)
    return [(f.source_text, f.target_text) for f in flags if f.kind == "name_mismatch" and f.confidence >= 0.5]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (
            "El acuerdo se firmó en 1998 en Lisboa.",
            "The agreement was signed in 1998 in Madrid.",
            [("Lisboa", "Madrid")],
        ),
        ("El acuerdo se firmó en 1998 en Lisboa.", "The agreement was signed in 1998 in Lisbon.", []),
        ("Francia y Alemania firmaron el tratado.", "France and Austria signed the treaty.", [("Alemania", "Austria")]),
        ("Las exportaciones de España a Estados Unidos crecieron.", "Spain's exports to the US grew.", []),
        (
            "Las exportaciones de España a Estados Unidos crecieron.",
            "Spain's exports to Canada grew.",
            [("Estados Unidos", "Canada")],
        ),
        # Unlinked, reordered: the one city each side leaves.
        (
            "La policía detuvo en el aeropuerto de Múnich a un empresario buscado por fraude.",
            "Police arrested a businessman wanted for fraud at Frankfurt airport.",
            [("Múnich", "Frankfurt")],
        ),
        # A city for its country is no other place: it is not compared with one.
        ("Moscú acusó a Ucrania de violar el alto el fuego.", "Russia accused Ukraine of breaking the truce.", []),
        # A nationality is its country: "alemán" / "German" agree, "italiano" / "Spanish" do not.
        (
            "El ministro alemán habló con su homólogo italiano.",
            "The German minister spoke with his Spanish counterpart.",
            [("italiano", "Spanish")],
        ),
        ("El Gobierno de Alemania lo aprobó.", "The German government approved it.", []),
        # Spain named elsewhere does not hide a second Spain where France was.
        ("El gobierno francés criticó a España.", "The Spanish government criticised Spain.", [("francés", "Spanish")]),
        # The target names Luxembourg as often as the source: it renders "Luxemburg", whatever it is linked to.
        (
            "Von französischer Staatsangehörigkeit, trat er 2008 der Anwaltskammer Luxemburg bei.",
            "In 2008, Luxembourg's bar joined him.",
            [],
        ),
        # The same place named anywhere on the other side is there, linked or not.
        ("中(中国大陆)美贸易摩擦持续。", "Trade frictions between China and the United States continue.", []),
    ],
)
def test_a_place_said_as_another_is_a_name_mismatch(word_aligner, source, target, expected):
    lang = "zh" if "中" in source else "de" if "Staatsangehörigkeit" in source else "es"
    assert _name_flags(word_aligner, source, target, lang) == expected
