"""Offline language identification, so users need not say what they already gave us."""

from __future__ import annotations

from functools import lru_cache

from align.errors import AlignError
from align.progress import status

_SAMPLE_CHARS = 4000
SURE_DETECTION = 0.5  # at or above this confidence the detector's first choice stands, covered or not
MIN_FALLBACK_CONFIDENCE = 0.05  # a covered language this unlikely is no better a guess


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().build()


def detect_language(text: str, name: str, covered: frozenset[str] | None = None) -> str:
    """ISO 639-1 code of the text's main language.

    With `covered` (the languages the encoder knows): when the likeliest language is not among them and the detector
    is unsure (a list of names and heights reads a little like Latin), the likeliest covered language is taken
    instead, with a note on stderr; a text that is clearly in an uncovered language keeps its code, so the encoder
    still refuses it with a clear error."""
    values = _detector().compute_language_confidence_values(text[:_SAMPLE_CHARS])
    ranked = [(v.language.iso_code_639_1.name.lower(), v.value) for v in values if v.value > 0]
    if not ranked:
        raise AlignError(f"{name}: cannot tell which language this is; pass it with --source-lang/--target-lang")
    best, confidence = ranked[0]
    if covered is None or best in covered or confidence >= SURE_DETECTION:
        return best
    fallback = next(((code, value) for code, value in ranked if code in covered), None)
    if fallback is None or fallback[1] < MIN_FALLBACK_CONFIDENCE:
        return best
    status(
        f"{name}: language unclear ({best} {confidence:.2f}, {fallback[0]} {fallback[1]:.2f}); "
        f"taking {fallback[0]}, the likeliest the model covers (set it with --source-lang/--target-lang)"
    )
    return fallback[0]


def check_language_code(code: str, name: str) -> str:
    """Accept ISO 639-1 codes (and regional variants like zh-tw), reject anything lingua does not know."""
    from lingua import IsoCode639_1

    base = code.lower().split("-")[0].split("_")[0]
    if not hasattr(IsoCode639_1, base.upper()):
        raise AlignError(f"{name}: unknown language code '{code}' (expected ISO 639-1, e.g. en, es, de)")
    return base
