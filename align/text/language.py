"""Offline language identification, so users need not say what they already gave us."""

from __future__ import annotations

from functools import lru_cache

from align.errors import AlignError

_SAMPLE_CHARS = 4000


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().build()


def detect_language(text: str, name: str) -> str:
    """ISO 639-1 code of the text's main language."""
    language = _detector().detect_language_of(text[:_SAMPLE_CHARS])
    if language is None:
        raise AlignError(f"{name}: cannot tell which language this is; pass it with --source-lang/--target-lang")
    return language.iso_code_639_1.name.lower()


def check_language_code(code: str, name: str) -> str:
    """Accept ISO 639-1 codes (and regional variants like zh-tw), reject anything lingua does not know."""
    from lingua import IsoCode639_1

    base = code.lower().split("-")[0].split("_")[0]
    if not hasattr(IsoCode639_1, base.upper()):
        raise AlignError(f"{name}: unknown language code '{code}' (expected ISO 639-1, e.g. en, es, de)")
    return base
