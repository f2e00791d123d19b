"""How common a word is in each language (wordfreq's Zipf scale: 7 = "the", 3 = once per million words).

A word the translation shares with its source is either carried over on purpose (a name, an acronym, a loanword:
about as common in the target language as in the source) or left untranslated (common in the source language,
rare in the target: "horas", "del", "Tratado"). Nothing else available offline tells those apart as well.
"""

from __future__ import annotations

from functools import lru_cache

# wordfreq reads these only with optional tokenizers (jieba, MeCab). jieba is installed now (Chinese word
# segmentation), but Chinese frequencies stay off: the untranslated and name thresholds were chosen without them.
_NEEDS_EXTRA_TOKENIZER = frozenset({"zh", "ja", "ko"})


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


def covers(lang: str) -> bool:
    return lang in _languages() and lang not in _NEEDS_EXTRA_TOKENIZER


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


def foreignness(word: str, source_lang: str, target_lang: str) -> float | None:
    """How much more common the word is in the source language than in the target (Zipf units); None when
    wordfreq lacks either language."""
    if not (covers(source_lang) and covers(target_lang)):
        return None
    return zipf(word, source_lang) - zipf(word, target_lang)
