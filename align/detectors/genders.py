"""A person's sex said otherwise: "La portavoz dijo" / "The spokesman said", "她说" / "He said", "su hija" / "his
son", "La ministra presentó su dimisión" / "The minister presented his resignation", "Fue detenida" / "He was
arrested". Machine translation defaults to one sex where the source says the other; every word keeps its partner,
so no omission or comparison sees it.

Words that name a man or a woman are data (models/genders.json): pronouns, nouns that say a sex (mother, actress,
spokeswoman, "Sprecherin"), titles, nouns of either sex whose determiner says which ("la portavoz"), and the
participle a Spanish, Italian or Portuguese sentence without a subject opens with ("Fue detenida"). Two readings: a
word linked to a word of the other sex, where the target keeps nothing of the source's sex or the source says nothing
of the target's; and a target word of one sex where the source names persons of the other sex only and the target
names no one else it could stand for (a name)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from align.alignment.words import Word, WordAlignment
from align.detectors.closed_sets import named_words
from align.detectors.lexicon import ELIDED, MODELS_DIR, english_readings, is_content_word
from align.detectors.places import find_places
from align.text.word_frequency import covers, zipf

GENDERS = "genders.json"
_POSSESSIVE = re.compile(r"['’]s?$")
_FORMER = re.compile(r"^(?:ex-?|Ex-)(?=[^\W\d_]{3})")
_OPENING = frozenset(".!?:;\"“”«»„‘’'(—–-¿¡。！？：；「『（")
# Words between a mention and the name it is apposed to: "la ministra de Defensa, Margarita Robles".
_APPOSITION = frozenset({",", "de", "del", "of", "the", "la", "el", "le", "di", "da", "do", "des", "du", "von", "der"})
# A capitalised word this common in the target language is no name a person bears ("National Assembly", "World
# Cup"), unless the source spells it the same ("Bush").
_COMMON_WORD_ZIPF = 4.0
_LOCATIVE = frozenset({"in", "at", "near", "outside", "inside"})  # English: what follows is a place or an event
_ENCLITIC = re.compile(r"-(?:[ln]?[ao]s?|lhe|lhes|me|te|se|nos)$")  # "recebeu-a", "viu-o": a pronoun in the verb
_ACRONYM = re.compile(r"^[A-Z]{2,}s?$")  # "MPs", "NATO": no name a person bears
STRONG, GRAMMATICAL_PRONOUN, AGENT, WEAK = "strong", "grammatical pronoun", "agent", "weak"
_OTHER = {"m": "f", "f": "m"}
_ROMANCE = frozenset({"es", "fr", "it", "pt"})
_DE_DETERMINERS = frozenset(
    {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines"}
)
_HUMAN_OR_OTHER_SEX = "人男女"  # after 男 / 女: "男人家", "男女" are no one's sex said in a prefix
# Words that join two mentions into a pair of both sexes ("ladies and gentlemen", "sus hijos e hijas").
_COORDINATING = frozenset(
    {",", "and", "or", "y", "e", "o", "u", "et", "ou", "und", "oder", "ed", "en", "和", "与", "及", "或"}
)


@dataclass(frozen=True)
class Marked:
    """A word that names a man ("m") or a woman ("f"), from `first` (its determiner or title) to `index`."""

    index: int
    first: int
    gender: str
    # STRONG; GRAMMATICAL_PRONOUN (may stand for a thing: "ella", la ley); AGENT (a German masculine that may be
    # the old generic: counts only against a linked noun); WEAK (only keeps a flag from being raised)
    strength: str
    pronoun: bool
    subject: bool = False  # a subject pronoun: stands for someone named before it
    relation: str | None = None  # a kinship ("parent", "child", "spouse" ...): models/genders.json "relations"
    unsaid_subject: bool = False  # a participle that says the sex of a sentence's unsaid subject ("Fue detenida")


@dataclass(frozen=True)
class GenderChange:
    """A source mention of one sex and the target word that says the other; `linked`: read off a word link, else
    off the whole sentence (`source` is then the source's first mention of its one sex)."""

    source: Marked
    target: Marked
    linked: bool


def gender_changes(
    words: WordAlignment, source_text: str, target_text: str, lang: str, target_lang: str
) -> list[GenderChange]:
    """Words of one sex rendered by words of the other: off the word links first, else off the whole sentence."""
    data = _data()
    if lang not in data["pronouns"] or target_lang not in data["pronouns"]:
        return []
    source = marked_words(words.source, lang)
    target = marked_words(words.target, target_lang)
    if not source or not target:
        return []
    if _names_either_sex(words.source, lang):  # "la victime ... elle" may be a man
        source = [m for m in source if m.strength != GRAMMATICAL_PRONOUN]
    if _names_either_sex(words.target, target_lang):
        target = [m for m in target if m.strength != GRAMMATICAL_PRONOUN]
    source_at = {m.index: m for m in source}
    target_at = {m.index: m for m in target}
    changes: list[GenderChange] = []
    for i, j in sorted(set(words.links)):
        mine, theirs = source_at.get(i), target_at.get(j)
        if mine is None or theirs is None or mine.gender == theirs.gender or not _comparable(mine, theirs):
            continue
        if mine.relation and theirs.relation and mine.relation != theirs.relation:
            continue  # "sucedió a su padre" / "was succeeded by his daughter": a kinship turned round
        if _says(target, mine.gender) and _says(source, theirs.gender):
            continue  # both sexes on both sides: a crossed link more likely than a changed sex
        if any(m.gender == mine.gender and _coordinated(words.target, m.index, j) for m in target):
            continue  # both sexes side by side: "ladies and gentlemen" for "Kolleginnen und Kollegen"
        if all(c.target.index != j for c in changes):
            changes.append(GenderChange(mine, theirs, True))
    if not changes and lang in data["antecedent_sources"] and target_lang in data["grammatical"]:
        changes += _antecedent_rendered(words, source, target, source_text, lang)
    if not changes and lang in data["unanchored_sources"] and target_lang in data["unanchored_targets"]:
        changes += _unanchored(words, source, target, source_text, target_text, lang, target_lang)
    return changes


def marked_words(side: list[Word], lang: str) -> list[Marked]:
    """The side's words that name a man or a woman."""
    data = _data()
    grammatical = lang in data["grammatical"]
    pronouns, subjects = _lists("pronouns", lang), _words("subject_pronouns", lang)
    nouns, weak = _lists("nouns", lang), _lists("weak", lang)
    titles = data["titles"].get(lang, {})
    epicene = _words("epicene", lang)
    suffixes = data["suffixes"].get(lang, {})
    prefixes = _lists("prefixes", lang)
    found = []
    for k, word in enumerate(side):
        text = _bare(word.text, lang)
        lower = text.lower()
        small = text[:1].islower() or _opens(side, k) or lang in ("de", "zh")
        gender, first, strength, pronoun = None, k, STRONG, False
        if (title := next((g for g, ws in titles.items() if text in ws), None)) is not None:
            gender = title
        elif lower in pronouns and (small or lang != "it"):  # "Lei" inside an Italian sentence: formal you
            gender, pronoun = pronouns[lower], True
            strength = GRAMMATICAL_PRONOUN if grammatical else STRONG
        elif lower in nouns and small and _names_someone(side, k, lang):
            gender = nouns[lower]
            if gender == "m" and k > 0 and side[k - 1].text.lower() in _words("plural_openers", lang):
                continue  # "les fils", "sus hijos": men and women together
            if lang in _ROMANCE:  # "la hija"; "la médico": the determiner says the sex
                gender, first = _determiner(side, k, lang) or (gender, k)
        elif len(text) > 2 and (prefix := prefixes.get(text[0])) is not None and text[1] not in _HUMAN_OR_OTHER_SEX:
            gender = prefix
        elif lang == "de" and text[:1].isupper() and _names_someone(side, k, lang):
            if any(lower.endswith(s) and len(lower) > len(s) + 3 for s in suffixes.get("f", [])):
                gender = "f"
            elif any(lower.endswith(s) for s in suffixes.get("m_agent", [])):
                gender, strength = "m", AGENT
        elif (
            small
            and (determiner := _determiner(side, k, lang)) is not None
            and (
                lower in epicene
                or (determiner[0] == "f" and any(lower.endswith(s) for s in suffixes.get("f_after_determiner", [])))
            )
        ):
            gender, first = determiner
        elif lower in weak:
            gender, strength = weak[lower], WEAK
        if gender is None:
            continue
        if gender == "m" and strength == STRONG and not pronoun and lang in _ROMANCE and _before_name(side, k, lang):
            strength = WEAK  # "il presidente Meloni", "Le maire, Anne Hidalgo": a masculine title of old use
        subject = pronoun and lower in subjects
        found.append(Marked(k, first, gender, strength, pronoun, subject, _relations(lang).get(lower)))
    return found + _pro_drop_subject(side, lang)


def _bare(text: str, lang: str) -> str:
    """The word without a possessive "'s", an elided article ("l'actrice", French and Italian) or "ex-"."""
    if lang == "zh":
        return text
    text = _POSSESSIVE.sub("", text)
    if lang in ("fr", "it"):
        text = ELIDED.sub("", text)
    return _FORMER.sub("", text)  # "ex-secretária", "exministra"


def _names_someone(side: list[Word], k: int, lang: str) -> bool:
    """Whether a listed noun stands for a person here: in Spanish, French, Italian and Portuguese after a determiner
    or possessive ("su hija", not "país hermano", "células madre"); in English not before a noun it qualifies
    ("mother tongue", "sister company") nor opening a name ("Man City"); in German not within a name ("Thomas
    Mann", "Junge Union") nor a place ("Schwerin")."""
    after = side[k + 1].text if k + 1 < len(side) else ""
    if lang in _ROMANCE:
        return _determiner(side, k, lang) is not None or _opened(side, k, lang)
    if lang == "en":
        if _opens(side, k) and after[:1].isupper():
            return False
        return not (after[:1].islower() and is_content_word(after, lang) and _qualified_noun(after))
    if lang == "de":
        before = side[k - 1].text if k > 0 else ""
        if before[:1].isupper() and not _opens(side, k - 1) and before.lower() not in _DE_DETERMINERS:
            return False  # "Thomas Mann", "Steffi Graf"
        if _opens(side, k) and after[:1].isupper():
            return False  # "Junge Union", "Junge Menschen"
        return not find_places(side[k].text, lang)
    return True


def _determiner(side: list[Word], k: int, lang: str) -> tuple[str, int] | None:
    """The gender and place of a determiner right before word k, or before one adjective of the language's short
    list ("La Première ministre", "la nuova portavoce")."""
    determiners = _lists("determiners", lang)
    between = _words("between_determiner", lang)
    for back in (1, 2):
        at = k - back
        if at < 0:
            return None
        before = side[at].text.lower()
        if before in determiners:
            return determiners[before], at
        if before not in between:
            return None
    return None


def _opened(side: list[Word], k: int, lang: str) -> bool:
    """Whether a possessive, a plural article or another of the language's openers stands right before word k."""
    openers = _words("openers", lang)
    if k > 0 and side[k - 1].text.lower() in openers:
        return True
    elided = ELIDED.match(side[k].text)
    return bool(elided and elided.group(0).lower() in openers)


def _qualified_noun(word: str) -> bool:
    """Whether an English word after a noun is a noun that the first qualifies ("mother tongue", "sister country"):
    a noun, and no verb in "-s" ("his wife works")."""
    readings = english_readings(word)
    return "NOUN" in readings and not (word.endswith("s") and "VERB" in readings)


def _before_name(side: list[Word], k: int, lang: str) -> bool:
    """Whether a full name (two capitalised words) follows word k, past an adjective, a comma or a complement ("il
    presidente del Consiglio Giorgia Meloni", "Le maire de Paris, Anne Hidalgo", "Le médecin urgentiste Sophie")."""
    capitals = 0
    for at in _apposition(side, k, lang):
        capitals = capitals + 1 if side[at].text[:1].isupper() else 0
        if capitals == 2:
            return True
    return False


def _apposition(side: list[Word], k: int, lang: str) -> list[int]:
    """The words after a mention that still belong to it: an adjective right after it, then capitalised words,
    commas and the small words of a complement ("la canciller alemana, Angela Merkel", "la ministra de Defensa,
    Margarita Robles")."""
    walked, at = [], k + 1
    if at < len(side) and side[at].text[:1].islower() and is_content_word(side[at].text, lang):
        walked.append(at)
        at += 1
    while at < len(side) and (side[at].text[:1].isupper() or side[at].text.lower() in _APPOSITION):
        walked.append(at)
        at += 1
    return walked


def _pro_drop_subject(side: list[Word], lang: str) -> list[Marked]:
    """The participle or adjective that says the sex of a sentence's unsaid subject ("Fue detenida", "Se mostró muy
    sorprendida", "È stata arrestata", "Foi eleita"): the sentence opens with a copula of the language's list."""
    table = _data()["pro_drop"].get(lang)
    if table is None:
        return []
    lowered = [w.text.lower() for w in side]
    found = []
    for k in (k for k in range(len(side) - 1) if _opens(side, k)):
        for parts in (opening.split() for opening in table["openings"]):
            if lowered[k : k + len(parts)] != parts or k + len(parts) >= len(side):
                continue
            at = k + len(parts)
            while at < len(side) - 1 and lowered[at] in table["between"]:
                at += 1
            word = lowered[at]
            gender = next((g for g in "fm" if any(word.endswith(e) for e in table[g])), None)
            if gender is not None and word.isalpha() and len(word) > 3:
                found.append(Marked(at, k, gender, STRONG, False, unsaid_subject=True))
    return found


def _opens(side: list[Word], k: int) -> bool:
    """Whether word k opens the sentence or a quote."""
    return k == 0 or all(ch in _OPENING for ch in side[k - 1].text)


def _names_either_sex(side: list[Word], lang: str) -> bool:
    either = _words("persons_of_either_sex", lang)
    return any(_bare(w.text, lang).lower() in either for w in side)


def _comparable(mine: Marked, theirs: Marked) -> bool:
    """Neither is a weak word; a pronoun that may stand for a thing ("ella": la ley) only against a pronoun of a
    language whose pronouns follow a person's sex ("she", "她"); a German masculine that may be generic only against
    a noun ("A spokeswoman" / "Ein Sprecher")."""
    strengths = (mine.strength, theirs.strength)
    if WEAK in strengths:
        return False
    if GRAMMATICAL_PRONOUN in strengths:
        return mine.pronoun and theirs.pronoun and STRONG in strengths
    if AGENT in strengths:
        return not mine.pronoun and not theirs.pronoun and STRONG in strengths
    return True


def _coordinated(side: list[Word], a: int, b: int) -> bool:
    """Whether words a and b stand with one coordinating word between them."""
    low, high = min(a, b), max(a, b)
    return high - low == 2 and side[low + 1].text.lower() in _COORDINATING


def _says(side: list[Marked], gender: str) -> bool:
    return any(m.gender == gender for m in side)


def _unanchored(
    words: WordAlignment,
    source: list[Marked],
    target: list[Marked],
    source_text: str,
    target_text: str,
    lang: str,
    target_lang: str,
) -> list[GenderChange]:
    """A target word of one sex where the source names persons of the other sex only (no word of the target's sex,
    not even one that may mark it) and the target names no one else the word could stand for: every capitalised
    target word before it (anywhere, for a word that is no subject pronoun: "In his speech, Sánchez ...") renders one
    of the source's persons, a place, or a common word the source does not spell the same, and no target noun for a
    person of either sex there renders anyone else ("The judge sentenced the defendant to ... his")."""
    places: set[int] | None = None  # read once, where a candidate needs them
    for theirs in target:
        if theirs.strength in (WEAK, AGENT) or _says(source, theirs.gender):
            continue
        persons = [m for m in source if m.gender == _OTHER[theirs.gender] and m.strength == STRONG]
        if not persons or _says(target, _OTHER[theirs.gender]) or _owns_person(words, theirs, persons):
            continue
        if _possessed(words.source, persons, lang) or not _stands_for_subject(words, theirs, persons[0], lang):
            return []
        if places is None:
            places = _place_words(words, source_text, target_text, lang, target_lang)
        if not _someone_else_named(words, theirs, persons, _apposed(words.source, persons, lang), places, target_lang):
            return [GenderChange(persons[0], theirs, False)]
    return []


def _stands_for_subject(words: WordAlignment, theirs: Marked, person: Marked, lang: str) -> bool:
    """Whether the target word may stand for the person the source sentence opens with: the person opens the
    source (no unsaid subject of a verb before it: "Dijo que la ministra ..."), is rendered before the target word,
    and the target word renders no source word of its own (a clitic: "la felicitó" / "congratulated her"); a
    participle's unsaid subject ("Fue detenida") only for the pronoun the target sentence opens with ("He was
    arrested")."""
    if any(is_content_word(w.text, lang) for w in words.source[: person.first]):
        return False
    if person.unsaid_subject:
        return theirs.subject and _opens(words.target, theirs.index)
    rendered = [j for i, j in words.links if i == person.index]
    if not rendered or min(rendered) > theirs.index:
        return False
    possessives = _words("possessives", lang)
    return not any(
        j == theirs.index
        and (not is_content_word(words.source[i].text, lang) or _ENCLITIC.search(words.source[i].text))
        and words.source[i].text.lower() not in possessives  # "su" says no sex: it is "his" or "her"
        and words.source[i].text.lower() not in _lists("weak", lang)  # "sie": she (or they)
        for i, j in words.links
    )


def _someone_else_named(
    words: WordAlignment, theirs: Marked, persons: list[Marked], named: set[int], places: set[int], target_lang: str
) -> bool:
    """Whether the target names someone a target pronoun or noun may stand for besides the source's persons: a
    noun for a person of either sex that renders none of them, or a capitalised word that may be a name (before a
    subject pronoun; anywhere for another word: "In his speech, Sánchez ...")."""
    reach = theirs.index if theirs.subject else len(words.target)
    return any(_someone_else(words, j, persons, target_lang) for j in range(reach)) or any(
        _may_name_someone(words, j, named, places, target_lang)
        for j in _capitalised(words.target, target_lang)
        if j < reach
    )


def _possessed(side: list[Word], persons: list[Marked], lang: str) -> bool:
    """Whether a possessive stands before one of the persons ("su madre", "la sua allenatrice"): someone else is
    spoken of, whose sex the source does not say."""
    possessives = _words("possessives", lang)
    return any(side[k].text.lower() in possessives for p in persons for k in range(max(0, p.first - 2), p.first))


def _owns_person(words: WordAlignment, theirs: Marked, persons: list[Marked]) -> bool:
    """Whether the target word is a possessive before a rendering of one of the persons ("his mother" for "su
    madre"): it stands for someone else, whom the source need not name."""
    if not theirs.pronoun or theirs.subject:
        return False
    rendered = {j for i, j in words.links if any(i == p.index for p in persons)}
    return any(theirs.index < j <= theirs.index + 2 for j in rendered)


def _antecedent_rendered(
    words: WordAlignment, source: list[Marked], target: list[Marked], source_text: str, lang: str
) -> list[GenderChange]:
    """A subject pronoun of one sex after a verb of saying, the source saying nothing of the other sex, whose one
    possible antecedent before it (a noun for a person of either sex; no capitalised word but a place) is rendered
    by a target word of the other sex, the target saying nothing of the pronoun's ("The prosecutor said she would
    appeal" / "El fiscal dijo que recurrirá")."""
    reporting = _words("reporting_verbs", lang)
    for mine in source:
        if not mine.pronoun or mine.strength != STRONG or _says(source, _OTHER[mine.gender]):
            continue
        if not mine.subject or mine.index == 0 or words.source[mine.index - 1].text.lower() not in reporting:
            continue  # "received her", "her funeral": someone else, or a ship or a country
        if any(m.pronoun and m.index < mine.index for m in source):
            return []  # "The nurse who treated him said he ...": the one before may be whom it stands for
        if _says(target, mine.gender):
            return []
        people = [k for k in range(mine.index) if words.source[k].text.lower() in _words("person_nouns", lang)]
        places = _places_on(words.source, source_text, lang) if people else set()
        names = [
            k
            for k in _capitalised(words.source, lang)
            if k < mine.index
            and k not in places
            and not _ACRONYM.match(words.source[k].text)
            and not _after_locative(words.source, k)
        ]
        if len(people) != 1 or names:
            return []
        target_at = {m.index: m for m in target}
        for i, j in words.links:
            theirs = target_at.get(j)
            if i == people[0] and theirs is not None and theirs.gender != mine.gender and theirs.strength != WEAK:
                return [GenderChange(mine, theirs, False)]
        return []
    return []


def _someone_else(words: WordAlignment, j: int, persons: list[Marked], target_lang: str) -> bool:
    """Whether target word j is a noun for a person of either sex ("the defendant") that renders none of the source's
    persons: a target pronoun may stand for it."""
    if words.target[j].text.lower() not in _words("person_nouns", target_lang):
        return False
    heads = {p.index for p in persons}
    return not any(abs(k - j) <= 1 and i in heads for i, k in words.links)  # "chief executive": one mention


def _may_name_someone(words: WordAlignment, j: int, named: set[int], places: set[int], target_lang: str) -> bool:
    """Whether capitalised target word j may name a person the source does not mark: not a place (known, or after
    "in", "at"), an acronym or a part of the persons' mentions, and a rare word or one spelt as its source word
    ("Badosa", "Bush")."""
    text = words.target[j].text
    if j in places or _ACRONYM.match(text):
        return False
    linked = [i for i, k in words.links if k == j]
    if linked and all(i in named for i in linked):
        return False
    if not linked and any(text.lower() in words.source[i].text.lower() for i in named):
        return False  # a part of a mention's compound ("Bundestag" in "Bundestagspräsidentin")
    if _after_locative(words.target, j):
        return False
    spelt_alike = any(words.source[i].text == text for i in linked)
    return spelt_alike or not covers(target_lang) or zipf(text.lower(), target_lang) < _COMMON_WORD_ZIPF


def _after_locative(side: list[Word], j: int) -> bool:
    """Whether word j names where something happens: after "in", "at" ... and any capitalised words or "the" between
    ("in Oberhof", "at the Cannes Film Festival")."""
    k = j - 1
    while k >= 0 and (side[k].text[:1].isupper() or side[k].text.lower() == "the"):
        k -= 1
    return k >= 0 and side[k].text.lower() in _LOCATIVE


def _place_words(words: WordAlignment, source_text: str, target_text: str, lang: str, target_lang: str) -> set[int]:
    """Target words inside a place's name, or linked to a source word inside one ("Roma" / "Rome")."""
    source_places = _places_on(words.source, source_text, lang)
    return _places_on(words.target, target_text, target_lang) | {j for i, j in words.links if i in source_places}


def _places_on(side: list[Word], text: str, lang: str) -> set[int]:
    return set(named_words(side, find_places(text, lang)))


def _apposed(side: list[Word], persons: list[Marked], lang: str) -> set[int]:
    """Source words that belong to a mention of the persons: the mention, the words after it that still belong to it
    (_apposition), and a name right before it."""
    named: set[int] = set()
    for person in persons:
        named.update(range(person.first, person.index + 1))
        named.update(_apposition(side, person.index, lang))
        # A name right before the mention ("Robles, la ministra"; "Kanzlerin Merkel" reads after it).
        k = person.first - 1
        while k > 0 and not _opens(side, k) and (side[k].text[:1].isupper() or side[k].text == ","):
            named.add(k)
            k -= 1
    return named


def _capitalised(side: list[Word], lang: str) -> list[int]:
    """Words that may be a name: capitalised inside the sentence, besides "I", or opening it as a content word
    ("Sánchez defended ...", not "The" or "He")."""
    return [
        k
        for k, word in enumerate(side)
        if word.text[:1].isupper() and word.text != "I" and (not _opens(side, k) or is_content_word(word.text, lang))
    ]


@lru_cache(maxsize=128)
def _words(table: str, lang: str) -> frozenset[str]:
    """One language's words of a table of models/genders.json that lists words per language."""
    return frozenset(_data()[table].get(lang, []))


@lru_cache(maxsize=16)
def _relations(lang: str) -> dict[str, str]:
    return {w: relation for relation, table in _data()["relations"].items() for w in table.get(lang, [])}


@lru_cache(maxsize=64)
def _lists(table: str, lang: str) -> dict[str, str]:
    """word -> gender for one table of models/genders.json (lowercased)."""
    return {w.lower(): g for g, ws in _data()[table].get(lang, {}).items() for w in ws}


@lru_cache(maxsize=1)
def _data() -> dict:  # type: ignore[type-arg]
    return json.loads((MODELS_DIR / GENDERS).read_text(encoding="utf-8"))
