"""Countries, cities and nationalities named in a text, each as one member whatever the language says it in, so
that "Lisboa" / "Lisbon" is the same city and "Lisboa" / "Madrid" another, "el ministro alemán" / "the Austrian
minister" another country. A translation renders these names ("Alemania", "Pekín", "Múnich"), so the name check
that follows names carried unchanged cannot see such a swap.

Names come from the Unicode CLDR data that Babel ships (country names in every language, the cities that name
time zones) and from models/places.json (more cities, nationality words with their inflections, short forms such as
"EE.UU." and "Holland", names that are common words). A city of the list that a time zone names too ("Lisbon") is
that zone's city; nothing else is joined."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_timezone_location

from align.detectors.closed_sets import Named
from align.detectors.lexicon import MODELS_DIR
from align.text.word_segmentation import SEGMENTED_LANGUAGES, alternation

COUNTRY = "country"  # a country or its nationality: "Alemania", "alemán", "German" are one member
CITY = "city"
_ZONE_AREAS = frozenset({"Europe", "Asia", "Africa", "America", "Australia", "Pacific", "Atlantic", "Indian"})
_GENITIVES = {"en": "(?:['’]s)?", "de": "(?:['’]?s)?", "nl": "(?:['’]?s)?"}
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
_QUALIFIED = re.compile(r"\s*\(.*\)$")  # "Myanmar (Burma)", "Saint-Martin (France)": the name before


@dataclass(frozen=True)
class _Gazetteer:
    names: dict[str, tuple[str, int]]  # name as written -> (kind, member)
    pattern: re.Pattern[str] | None


def find_places(text: str, lang: str) -> list[Named]:
    """Countries, nationalities and cities named in the text, longest name first ("Guinea-Bissau", not "Guinea")."""
    gazetteer = _gazetteer(lang)
    if gazetteer.pattern is None:
        return []
    found = []
    for match in gazetteer.pattern.finditer(text):
        name = match.group("name")
        if name not in gazetteer.names:
            continue  # a phrase that holds a place's name and names something else ("Latin American")
        kind, member = gazetteer.names[name]
        found.append(Named(kind, member, match.start(), match.start() + len(name), name))
    return found


@lru_cache(maxsize=32)
def _gazetteer(lang: str) -> _Gazetteer:
    places = _places()
    names: dict[str, tuple[str, int]] = {}
    refused: set[str] = set(places.not_places.get(lang, ()))
    for (kind, key), by_language in places.names.items():
        for name in by_language.get(lang, ()):
            place = (kind, places.member(kind, key))
            if name in refused:
                continue
            if names.get(name, place) != place:
                # A country first ("Kuwait", "Singapore" also name their capitals); two places of a kind: neither.
                if names[name][0] == place[0]:
                    refused.add(name)
                    del names[name]
                elif place[0] == COUNTRY:
                    names[name] = place
                continue
            names[name] = place
    if not names:
        return _Gazetteer({}, None)
    other_names = set(places.inside_other_names.get(lang, ())) - set(names)
    alternatives = alternation({*names, *other_names})
    if lang in SEGMENTED_LANGUAGES:
        # Japanese katakana names not inside a longer katakana word (タイ in タイミング).
        pattern = re.compile(
            f"(?<![ァ-ヺー])(?P<name>{alternatives})(?![ァ-ヺー])" if lang == "ja" else f"(?P<name>{alternatives})"
        )
    else:
        # Not inside a longer word; an elision may stand before ("l'Italie"), a genitive after where the language
        # writes one ("Frankreichs", "France's"; not "Indias" for India), a hyphen either side only where the name
        # holds none itself ("Guinea-Bissau" is one name).
        genitive = _GENITIVES.get(lang, "")
        pattern = re.compile(rf"(?<![^\W\d_])(?<!-)(?P<name>{alternatives}){genitive}(?![^\W\d_])(?!-[^\W\d_])")
    return _Gazetteer(names, pattern)


@dataclass(frozen=True)
class _Places:
    names: dict[tuple[str, str], dict[str, list[str]]]  # (kind, key) -> language -> names
    not_places: dict[str, list[str]]
    inside_other_names: dict[str, list[str]]
    canonical: dict[tuple[str, str], int]  # (kind, key) -> member: a listed city and its time zone's city are one

    def member(self, kind: str, key: str) -> int:
        return self.canonical[(kind, key)]


@lru_cache(maxsize=1)
def _places() -> _Places:
    data = json.loads((MODELS_DIR / "places.json").read_text(encoding="utf-8"))
    languages = data["languages"]
    names: dict[tuple[str, str], dict[str, list[str]]] = {}

    def add(kind: str, key: str, lang: str, name: str) -> None:
        listed = names.setdefault((kind, key), {}).setdefault(lang, [])
        for form in _forms(name):
            if form not in listed:
                listed.append(form)

    skipped = set(data["skip_countries"])
    for lang in languages:
        for code, name in _territories(lang).items():
            if _COUNTRY_CODE.match(code) and code not in skipped:
                add(COUNTRY, code, lang, name)
        for zone in get_global("zone_territories"):
            if zone.split("/")[0] in _ZONE_AREAS:
                add(CITY, zone, lang, get_timezone_location(zone, locale=lang, return_city=True))
    for kind, table in ((COUNTRY, data["country_aliases"]), (COUNTRY, data["nationalities"]), (CITY, data["cities"])):
        for key, by_language in table.items():
            for lang, listed in by_language.items():
                for name in listed:
                    add(kind, key, lang, name)
    return _Places(names, data["not_places"], data["inside_other_names"], _members(names, set(data["cities"])))


def _territories(lang: str) -> dict[str, str]:
    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):
        return {}


def _forms(name: str) -> list[str]:
    """The name and the forms a text writes it in: without what parentheses add ("Myanmar (Burma)"; short forms
    are listed as aliases), "&" said as "and", a straight apostrophe for a curly one ("Côte d’Ivoire"), a capital
    at the start of a sentence ("alemán": "Alemán")."""
    name = _QUALIFIED.sub("", name)
    forms = []
    for form in (name, name.replace(" & ", " and "), name.replace("’", "'")):
        for written in (form, form[:1].upper() + form[1:]):
            if written and written not in forms:
                forms.append(written)
    return forms


def _members(names: dict[tuple[str, str], dict[str, list[str]]], listed_cities: set[str]) -> dict[tuple[str, str], int]:
    """A member for each country code and city; a city of the list that a time zone names too ("lisbon" and
    "Europe/Lisbon" both say "Lisboa" in Spanish) is that zone's city. Nothing else is joined: a name two places
    share names neither (see _gazetteer)."""
    zones_named: dict[tuple[str, str], set[str]] = {}  # (language, name) -> time zones of that city name
    for (kind, key), by_language in names.items():
        if kind == CITY and key not in listed_cities:
            for lang, listed in by_language.items():
                for name in listed:
                    zones_named.setdefault((lang, name), set()).add(key)
    same: dict[tuple[str, str], tuple[str, str]] = {}
    for key in listed_cities:
        zones = {
            z for lang, listed in names[(CITY, key)].items() for n in listed for z in zones_named.get((lang, n), ())
        }
        if len(zones) == 1:
            same[(CITY, key)] = (CITY, zones.pop())
    keys = sorted({same.get(place, place) for place in names})
    number = {place: k for k, place in enumerate(keys)}
    return {place: number[same.get(place, place)] for place in names}
