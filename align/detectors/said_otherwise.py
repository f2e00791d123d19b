"""Source words a faithful translation says otherwise, so that their lack of a partner is no omission.

Word for word these look dropped, yet the translation carries them (the patterns of bench/faithful_flags.py; the
word lists in models/lexicon.json). Never a negation: whether the translation says one is negations.py's to judge.
Each rule was narrowed where a walk with real defects placed on purpose found it hiding one
(`python bench/faithful_flags.py --defects`).
- the words of an amount or time the translation gives with the same value ("15 Tsd. Euro" / "15,000 euros",
  "8 de la mañana" / "8 a.m.", "12.00 horas" / "noon"; a percentage is no bare number);
- a word for the hour right after a number ("10 heures", "10.00 horas", "10点") where the translation gives that
  hour as a clock time ("10 a.m."): clock_hours;
- a German separable verb's particle at the end of its clause ("lehnt die Reform ab"): it belongs to its verb, which
  the translation renders as one word ("oppose"): separable_particles;
- two plural gender forms of one noun ("Wählerinnen und Wähler", "Françaises et Français": voters):
  paired_form_conjunctions;
- into German, Dutch or the Nordic languages, words written inside one compound ("central bank" / "Notenbank");
- a Chinese or Japanese counter or date word against its number ("11月10日", "0.2个百分点"): number_units;
- an abbreviation that says no content of its own ("z. B.", "c.-à-d."): abbreviations;
- a courtesy title before a name ("M. Macron", "Sr. López", "Herr Scholz"): courtesy_titles;
- the ending of a German gender-starred noun ("Ärzt*innen", "Lehrer:innen"): its stem is the word;
- a phrase the translation says in one word, as often as it has that word ("second tour" / "runoff"):
  phrase_renderings ("PHRASE = WORD WORD ..."), or a connective at a clause's start it may say in any way or not at
  all ("por su parte", "quant à": "PHRASE = *");
- the rest of a dateline's place in capitals after the word the translation opens with ("SANTIAGO DE CHILE, 14 feb
  (EFE)" / "SANTIAGO, Feb 14"): agencies write it their own way; and the agency's credit in brackets among a
  dateline's first words where the translation has one there too ("（共同）" / "(Kyodo)");
- "years" after an age the translation writes bare ("el detenido, de 34 años," / "the man, 34,", "aged 34", "a
  34-year-old"): age_words.
"""

from __future__ import annotations

import re

import numpy as np

from align.alignment.words import Word, WordAlignment
from align.detectors.lexicon import folded, is_content_word, is_courtesy_title, is_negation, word_list
from align.detectors.numbers import NumberMention, find_numbers

_CLAUSE_END = re.compile(r"^[,;:.!?)\]\"“”»–—…]+$")
_PAIRED_STEM = 5  # letters of the shorter of two gender forms at least ("Bürger", "Wähler")
_PAIRED_DETERMINERS = 2  # words between the conjunction and the second form at most ("et tous les Lyonnais")
_ALL = frozenset({"tous", "toutes", "todos", "todas", "tutti", "tutte", "alle", "all"})  # "tous les Lyonnais"
_NOON = re.compile(r"\b(?:noon|midday)\b", re.IGNORECASE)
_MIN_TOGETHER = 5  # letters of a target word two source words may be written as ("Vietnam", not "to"/"do")
_COMPOUNDING = frozenset({"de", "nl", "sv", "da", "nb", "no", "is", "fi"})  # write noun phrases as one word
_MIN_COMPOUND = 9  # letters of a target word that holds several source words ("Notenbank")
_COMPOUND_REACH = 3  # source words from the linked one to a part ("end of the year")
_COMPOUND_EXTRA = 4  # letters a compound has beyond the source word linked to it ("Notenbank" / "bank")


def said_otherwise(words: WordAlignment, source_text: str, target_text: str, lang: str, target_lang: str) -> list[int]:
    """Indexes of the source words the translation says otherwise (see the module's docstring). Never a negation:
    whether the translation says those is negations.py's to judge."""
    source = words.source
    linked = {i for i, _ in words.links}
    targets = find_numbers(target_text, target_lang)
    noon = bool(_NOON.search(target_text))  # "12.00 horas" / "noon"
    found: set[int] = set(_phrases_in_one_word(source, source_text, target_text, lang))
    found.update(_amounts_said(source, source_text, targets, noon, lang))
    found.update(_clock_hours(source, target_text, targets, noon, lang))
    found.update(_clause_final_particles(source, lang))
    found.update(_paired_forms(source, lang, linked))
    found.update(_number_units(source, lang))
    found.update(_abbreviations(source, source_text, lang))
    found.update(_courtesy_titles(source, lang))
    found.update(_gender_star_endings(source))
    found.update(_dateline_place(words))
    found.update(_dateline_credit(words))
    found.update(_ages(source, target_text, lang))
    if target_lang in _COMPOUNDING:
        found.update(_parts_of_compounds(words, linked, lang))
    found.update(_written_together(words))
    return sorted(i for i in found if not is_negation(source[i].text, lang))


def _has_digit(word: Word) -> bool:
    return any(ch.isdigit() for ch in word.text)


def _clock_hours(
    source: list[Word], target_text: str, targets: list[NumberMention], noon: bool, lang: str
) -> list[int]:
    """A word for the hour right after a number ("10 heures", "10.00 horas", "10 Uhr", "10点") where the translation
    gives that hour as a clock time ("10 a.m.", "10:00"): not a duration ("duró 2 horas" / "lasted 2" beside a
    "10:00" elsewhere), nor a price ("2,50")."""
    hours = word_list("clock_hours", lang)
    clock = {int(m.value) % 12 for m in targets if _is_clock(m, target_text)} | ({0} if noon else set())
    found = []
    for i in range(1, len(source)):
        if source[i].text.lower() not in hours or not _has_digit(source[i - 1]):
            continue
        said = find_numbers(source[i - 1].text, lang)
        if said and int(said[0].value) % 12 in clock:
            found.append(i)
    return found


def _is_clock(mention: NumberMention, text: str) -> bool:
    """A time of day in the translation: its half said ("10 a.m."), or hours and minutes with a colon ("10:00")."""
    return mention.half_said or bool(re.fullmatch(r"\d{1,2}:\d\d", text[mention.start : mention.end]))


def _clause_final_particles(source: list[Word], lang: str) -> list[int]:
    particles = word_list("separable_particles", lang)
    return [
        i
        for i, w in enumerate(source)
        if i > 0
        and w.text.lower() in particles
        and w.text[:1].islower()
        and (i + 1 == len(source) or _CLAUSE_END.match(source[i + 1].text))
    ]


def _paired_forms(source: list[Word], lang: str, linked: set[int]) -> list[int]:
    """Both of two gender forms joined by a conjunction (determiners may follow it, each form having its own: "les
    Lyonnaises et les Lyonnais", "toutes les Lyonnaises et tous les Lyonnais") where either is linked; where neither
    is, the first, so the second still speaks for the pair."""
    conjunctions = word_list("paired_form_conjunctions", lang)
    found = []
    for i in range(len(source) - 2):
        if source[i + 1].text.lower() not in conjunctions:
            continue
        other = i + 2
        while other < min(len(source), i + 2 + _PAIRED_DETERMINERS) and _determiner(source[other].text, lang):
            other += 1
        if other < len(source) and _gender_forms(source[i].text.lower(), source[other].text.lower(), lang):
            found.extend((i, other) if i in linked or other in linked else (i,))
    return found


def _determiner(word: str, lang: str) -> bool:
    return not is_content_word(word, lang) or word.lower() in _ALL


# Endings a feminine adds to the masculine ("Wähler-innen", "Lyonnais-e(s)"), and final vowels swapped ("-a"/"-o").
_GENDER_SUFFIXES = {"de": ("innen",), "fr": ("e", "es", "ne", "nes")}
_GENDER_VOWELS = {"es": ({"a", "o"},), "pt": ({"a", "o"},), "it": ({"e", "i"},)}


def _gender_forms(one: str, other: str, lang: str) -> bool:
    """Two plural forms of one noun that differ only in their gender ending: German "-innen", French "-es", "-nes"
    ("Lyonnaises", "citoyennes"), Spanish and Portuguese "-as"/"-os", Italian "-e"/"-i". Plural only: "der König
    und die Königin", "hermano y hermana" are two people."""
    if min(len(one), len(other)) < _PAIRED_STEM:
        return False
    if lang == "de":
        return _one_gender_apart(one, other, lang)
    if lang == "it":
        return one[-1:] in ("e", "i") and _one_gender_apart(one, other, lang)
    if not (one.endswith(("s", "x")) and other.endswith(("s", "x"))):
        return False
    return _one_gender_apart(one, other, lang) or _one_gender_apart(one[:-1], other[:-1], lang)


def _one_gender_apart(one: str, other: str, lang: str) -> bool:
    for longer, shorter in ((one, other), (other, one)):
        if any(longer == shorter + suffix for suffix in _GENDER_SUFFIXES.get(lang, ())):
            return True
    return (
        len(one) == len(other)
        and one[:-1] == other[:-1]
        and any({one[-1], other[-1]} == pair for pair in _GENDER_VOWELS.get(lang, ()))
    )


def _number_units(source: list[Word], lang: str) -> list[int]:
    """A counter or unit right against its number ("8座", "5.2%"... "岁", "点"), or after "个" ("0.2个百分点"); "月"
    only in a date ("11月10日": the month of a day, not "3个月", three months)."""
    units = word_list("number_units", lang)
    found = []
    for i, w in enumerate(source):
        if w.text not in units or i == 0 or source[i - 1].end != w.start:
            continue
        before = source[i - 1]
        counted = _has_digit(before) or (before.text == "个" and i > 1 and _has_digit(source[i - 2]))
        dated = w.text != "月" or (i + 1 < len(source) and _has_digit(source[i + 1]))
        if counted and dated:
            found.append(i)
    return found


def _abbreviations(source: list[Word], source_text: str, lang: str) -> list[int]:
    """The pieces of an abbreviation that says no content of its own ("z. B.", "d. h.", "c.-à-d.")."""
    found = []
    for abbreviation in word_list("abbreviations", lang):
        for match in re.finditer(_bounded(abbreviation), source_text, re.IGNORECASE):
            found.extend(_inside(source, match.start(), match.end()))
    return found


def _bounded(phrase: str) -> str:
    """A pattern for the phrase as whole words: bounded where it starts or ends with a letter of a script that
    spaces its words ("tour" not in "détour"); Chinese and Japanese write words against each other
    ("国务院总理李强")."""

    def spaced(ch: str) -> bool:
        return ch.isalnum() and ord(ch) < 0x2E80

    return (r"(?<!\w)" if spaced(phrase[0]) else "") + re.escape(phrase) + (r"(?!\w)" if spaced(phrase[-1]) else "")


def _inside(source: list[Word], start: int, end: int) -> list[int]:
    return [i for i, w in enumerate(source) if start <= w.start and w.end <= end]


def _courtesy_titles(source: list[Word], lang: str) -> list[int]:
    """A title before a capitalised name."""
    found = []
    for i, w in enumerate(source):
        after = i + 2 if i + 2 < len(source) and source[i + 1].text == "." else i + 1
        named = after < len(source) and source[after].text[:1].isupper()
        # German "Herr", "Frau" after an article are nouns ("eine Frau Anfang 30"); Romance titles take one ("el Sr.")
        led = (
            lang == "de"
            and i > 0
            and source[i - 1].text[:1].isalpha()
            and not is_content_word(source[i - 1].text, lang)
        )
        if is_courtesy_title(w.text, lang) and named and not led:
            found.append(i)
    return found


def _gender_star_endings(source: list[Word]) -> list[int]:
    return [
        i
        for i in range(2, len(source))
        if source[i].text in ("innen", "in")
        and source[i - 1].text in ("*", ":", "_")
        and source[i - 2].end == source[i - 1].start
        and source[i - 1].end == source[i].start
    ]


def _phrases_in_one_word(source: list[Word], source_text: str, target_text: str, lang: str) -> list[int]:
    """A phrase said in one word, as often as the translation has that word; a connective ("= *") at the start of a
    clause only ("El ministro, por su parte, dijo")."""
    found = []
    for entry in word_list("phrase_renderings", lang):
        phrase, _, renderings = (part.strip() for part in entry.partition("="))
        if renderings == "*":
            pattern, times = rf"(?:^|(?<=[,;:.]))\s*{_bounded(phrase)}", len(source_text)
        else:
            pattern = _bounded(phrase)
            times = sum(len(re.findall(_bounded(word), target_text, re.IGNORECASE)) for word in renderings.split())
        for match in list(re.finditer(pattern, source_text, re.IGNORECASE))[:times]:
            found.extend(_inside(source, match.start(), match.end()))
    return found


def _amounts_said(
    source: list[Word], source_text: str, targets: list[NumberMention], noon: bool, lang: str
) -> list[int]:
    """The words of an amount or time the translation gives with the same value ("15 Tsd." / "15,000", "7,4
    miliardi" / "7.4 bn", "12.00 horas" / "noon"): its figures and words for a thousand or an hour say nothing more."""
    found = []
    for mention in find_numbers(source_text, lang):
        same = [t for t in targets if mention.same_value(t) and t.percent == mention.percent]
        if same or (noon and round(mention.value, 6) == 12.0 and not mention.percent):
            found.extend(_inside(source, mention.start, mention.end))
    return found


def _written_together(words: WordAlignment) -> list[int]:
    """Neighbouring source words the translation writes as one word, accents aside ("Việt Nam" / "Vietnam", "Hà Nội"
    / "Hanoi", "Hong Kong" / "Hongkong"): a word aligner links the target word to one of them at most."""
    together = {folded(w.text) for w in words.target if len(w.text) >= _MIN_TOGETHER}
    found = []
    for i in range(len(words.source) - 1):
        first, second = words.source[i].text, words.source[i + 1].text
        if first.isalpha() and second.isalpha() and folded(first + second) in together:
            found += [i, i + 1]
    return found


def _parts_of_compounds(words: WordAlignment, linked: set[int], lang: str) -> list[int]:
    """Source words a compounding language writes inside one word ("central bank" / "Notenbank", "end of the year" /
    "Jahresende"): unlinked, closest to a long target word that a source word near them (function words between)
    is linked to."""
    found = []
    partners: dict[int, list[int]] = {}
    for i, j in words.links:
        partners.setdefault(j, []).append(i)
    for i in range(len(words.source)):
        if i in linked or words.similarity.shape[1] == 0:
            continue
        best = int(np.argmax(words.similarity[i]))
        if len(words.target[best].text) < _MIN_COMPOUND or best not in partners:
            continue
        for k in partners[best]:
            if len(words.target[best].text) < len(words.source[k].text) + _COMPOUND_EXTRA:
                continue  # as long as its partner: a word, not a compound ("Regierung" / "government")
            between = range(min(i, k) + 1, max(i, k))
            if 0 < abs(k - i) <= _COMPOUND_REACH and not any(
                is_content_word(words.source[m].text, lang) for m in between
            ):
                found.append(i)
                break
    return found


def _dateline_place(words: WordAlignment) -> list[int]:
    """The words after the first of a dateline's place in capitals, where the translation opens with that same word
    ("SANTIAGO DE CHILE, 14 feb" / "SANTIAGO, Feb 14"), up to the punctuation that ends the place; not a headline in
    capitals, nor a place whose first word the translation dropped ("NUEVO LAREDO" / "LAREDO")."""

    def capitals(word: Word) -> bool:
        letters = [ch for ch in word.text if ch.isalpha()]
        return len(letters) >= 2 and all(ch.isupper() for ch in letters)

    source, target = words.source, words.target
    if not source or not target or not capitals(source[0]) or source[0].text.lower() != target[0].text.lower():
        return []
    place = 1
    while place < len(source) and capitals(source[place]):
        place += 1
    if place == len(source) or source[place].text not in (",", "(", "-", "–", "—", "/"):
        return []
    return list(range(1, place))


def _dateline_credit(words: WordAlignment) -> list[int]:
    """The agency's credit in brackets among a dateline's first words, where the translation's first words hold a
    bracketed credit too ("東京、5月20日（共同）" / "TOKYO, May 20 (Kyodo)", "首尔3月1日（韩联社）" / "(Yonhap)"): a
    name written in another script that the word aligner cannot link."""
    source, target = _bracketed(words.source), _bracketed(words.target)
    return source if source and target else []


_OPENING = frozenset({"(", "（"})
_CLOSING = frozenset({")", "）"})
_DATELINE_WORDS = 12  # words from a bead's start a dateline's credit may stand at
_CREDIT_WORDS = 2  # words inside the brackets at most ("Agencia EFE")


def _bracketed(side: list[Word]) -> list[int]:
    """Indexes of the words inside the first brackets among a side's first words, if they hold one or two words and
    the dateline ends there (a dash or stop follows, or nothing)."""
    head = [w.text for w in side[:_DATELINE_WORDS]]
    opening = next((k for k, text in enumerate(head) if text in _OPENING), None)
    if opening is None:
        return []
    closing = next((k for k in range(opening + 1, len(head)) if head[k] in _CLOSING), None)
    if closing is None or not 0 < closing - opening - 1 <= _CREDIT_WORDS:
        return []
    after = side[closing + 1].text if closing + 1 < len(side) else ""
    if any(ch.isalnum() for ch in after):
        return []  # "El Fondo Monetario Internacional (FMI) dijo": words go on, no dateline ends here
    return list(range(opening + 1, closing))


def _ages(source: list[Word], target_text: str, lang: str) -> list[int]:
    """A word for years right after a number the translation gives as an age: the figure bare before a comma or the
    sentence's end ("the man, 34, was"), after "aged", or in "34-year-old"; not a duration ("durante 3 años" / "for
    3" is missing its years)."""
    years = word_list("age_words", lang)
    found = []
    for i in range(1, len(source)):
        if source[i].text.lower() not in years or not source[i - 1].text.isdigit():
            continue
        figure = re.escape(source[i - 1].text)
        if re.search(rf"(?<![\w.,]){figure}(?:\s*[,;)]|\.?$|-year-old)|\baged\s+{figure}\b", target_text.strip()):
            found.append(i)
    return found
