"""Offline language identification, so users need not say what they already gave us."""

from __future__ import annotations

import re
from functools import lru_cache

from align.errors import AlignError
from align.progress import status

_SAMPLE_CHARS = 4000
SURE_DETECTION = 0.5  # at or above this confidence the detector's first choice stands, covered or not
MIN_FALLBACK_CONFIDENCE = 0.05  # a covered language this unlikely is no better a guess
_VOTE_BREAK = re.compile(r"\n|(?<=[.!?;])\s+")
_MIN_VOTE_LETTERS = 15


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().build()


def detect_language(text: str, name: str, covered: frozenset[str] | None = None) -> str:
    """ISO 639-1 code of the text's main language.

    With `covered` (the languages the encoder knows), a first choice outside them gets a second look, since lists of
    names, heights and initials fool the detector (a French list of Himalayan expeditions reads as Latin at
    confidence 1.0): the lines' own languages, weighted by their letters, decide when most of them agree on a
    covered language; else, when the detector is unsure, its likeliest covered language is taken. A note on stderr
    says so. A text clearly in an uncovered language keeps its code, so the encoder still refuses it clearly."""
    sample = _without_names(text[:_SAMPLE_CHARS])
    first = _detector().detect_language_of(sample)
    if first is not None and (covered is None or first.iso_code_639_1.name.lower() in covered):
        return first.iso_code_639_1.name.lower()  # the usual case: no confidence values needed
    ranked = _ranked(sample)
    if not ranked:
        raise AlignError(f"{name}: cannot tell which language this is; pass it with --source-lang/--target-lang")
    best, confidence = ranked[0]
    if covered is None or best in covered:
        return best
    chosen = _line_vote(sample, covered, best)
    if chosen is None and confidence < SURE_DETECTION:
        chosen = next((code for code, value in ranked if code in covered and value >= MIN_FALLBACK_CONFIDENCE), None)
    if chosen is None:
        return best
    status(
        f"{name}: detected as {best} at first, taking {chosen}, the likeliest language the model covers "
        "(set it with --source-lang/--target-lang)"
    )
    return chosen


# Capitalised words inside a sentence: mostly names, which speak for their own language ("Flamengo won in Rio de
# Janeiro" read as Portuguese, "The train left Hamburg at 8 a.m." as German).
_NAME_INSIDE = re.compile(r"(?<=[^\s.!?¿¡«“\"'(])(\s+)[A-ZÀ-ÖØ-Þ][\w'’-]*")
_SHORT_TEXT_LETTERS = 400  # a longer text has words enough to outweigh its names
_MIN_LETTERS_LEFT = 20  # with fewer left the names are most of what it says
_CLEAR_READING = 0.1  # the detector's confidence in its first choice for what is left


def _without_names(text: str) -> str:
    """A short text without its capitalised words inside sentences, where enough is left to read and the detector
    reads what is left clearly; else as it is ("Flamengo won in Rio de Janeiro on Sunday night." loses its day name
    too, and what is left reads as nothing in particular). Measured on the 1,388 sentences of bench/faithful: 27
    misread, 16 without names, none misread that was right."""
    if sum(ch.isalpha() for ch in text) >= _SHORT_TEXT_LETTERS:
        return text
    stripped = _NAME_INSIDE.sub(r"\1", text)
    if sum(ch.isalpha() for ch in stripped) < _MIN_LETTERS_LEFT:
        return text
    ranked = _ranked(stripped)
    return stripped if ranked and ranked[0][1] >= _CLEAR_READING else text


def detection_confidence(text: str, lang: str) -> float:
    """The detector's confidence that the text is in `lang` (0 to 1), from the same sample it decided on."""
    return dict(_ranked(_without_names(text[:_SAMPLE_CHARS]))).get(lang, 0.0)


def _ranked(text: str, detector=None) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    values = (detector or _detector()).compute_language_confidence_values(text)
    return [(v.language.iso_code_639_1.name.lower(), v.value) for v in values if v.value > 0]


@lru_cache(maxsize=8)
def _detector_among(codes: frozenset[str]):  # type: ignore[no-untyped-def]
    """A detector that only weighs these languages: voting line by line with every language loaded the n-gram
    models of dozens of them (about 900 MB for one list of expeditions)."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    known = [getattr(IsoCode639_1, code.upper()) for code in sorted(codes) if hasattr(IsoCode639_1, code.upper())]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*known).build() if len(known) >= 2 else None


def _line_vote(text: str, covered: frozenset[str], first_choice: str) -> str | None:
    """The covered language that lines of some length, weighted by their letters, mostly point to (each line
    choosing between the covered languages and the whole text's first choice)."""
    detector = _detector_among(covered | {first_choice})
    if detector is None:
        return None
    weights: dict[str, int] = {}
    for line in _VOTE_BREAK.split(text):
        letters = sum(ch.isalpha() for ch in line)
        if letters >= _MIN_VOTE_LETTERS:
            ranked = _ranked(line, detector)
            if ranked:
                weights[ranked[0][0]] = weights.get(ranked[0][0], 0) + letters
    if not weights:
        return None
    winner = max(weights, key=lambda code: weights[code])
    return winner if winner in covered and 2 * weights[winner] > sum(weights.values()) else None


def language_tag(code: str) -> str:
    """A BCP 47 tag in its usual case (en-gb -> en-GB, zh_hant -> zh-Hant, es-419), for memories written from it."""
    subtags = code.replace("_", "-").split("-")
    out = [subtags[0].lower()]
    for subtag in subtags[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            out.append(subtag.title())  # script
        elif (len(subtag) == 2 and subtag.isalpha()) or (len(subtag) == 3 and subtag.isdigit()):
            out.append(subtag.upper())  # region
        else:
            out.append(subtag.lower())
    return "-".join(out)


def is_known_language(code: str) -> bool:
    """An ISO 639-1 code (or a regional variant like zh-tw) of a language lingua knows."""
    from lingua import IsoCode639_1

    return hasattr(IsoCode639_1, _base_language(code).upper())


def _base_language(code: str) -> str:
    return code.lower().split("-")[0].split("_")[0]


def check_language_code(code: str, name: str) -> str:
    """Accept ISO 639-1 codes (and regional variants like zh-tw), reject anything lingua does not know."""
    if not is_known_language(code):
        raise AlignError(
            f"{name}: unknown language code '{code}', or a language this tool cannot read (expected one of the 75 "
            "ISO 639-1 codes of the language detector, e.g. en, es, de; `align models` lists what each model covers)"
        )
    return _base_language(code)
