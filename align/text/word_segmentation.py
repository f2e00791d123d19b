"""Words inside runs of Chinese, Japanese and Thai text, which is written without spaces between words.

Why: the word aligner and the detectors reason word by word ("this source word has no counterpart"). Without a
segmenter such a sentence splits only at punctuation, so a whole clause is one "word" and an omission inside it
cannot be seen. Chinese: jieba (MIT, dictionary inside the PyPI package, offline). Japanese: TinySegmenter (BSD, a
few hundred kB, no dictionary; news-text accuracy in the mid-90s per cent by its authors, enough for word evidence;
a MeCab dictionary would add about 200 MB). Thai: PyThaiNLP's dictionary-based maximal matching (newmm, Apache-2.0,
dictionary inside the package). Other unspaced scripts (Lao, Khmer ...) keep their clause-sized tokens.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

# Languages whose words the segmenters find; the codes are those of align/text/language.py.
SEGMENTED_LANGUAGES = frozenset({"zh", "ja", "th"})

# Han ideographs (Chinese, Japanese kanji) and kana (hiragana, katakana, full and half width), as bodies of regex
# character classes: the word splitter and the number finder read the same scripts.
HAN_LETTERS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
KANA_LETTERS = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
THAI_LETTERS = "\u0e01-\u0e4e"  # consonants, vowels and tone marks (not the digits and the paragraph signs)
_HAN = re.compile(f"[{HAN_LETTERS}]")
_KANA = re.compile(f"[{KANA_LETTERS}]")
_JAPANESE = re.compile(f"[{KANA_LETTERS}{HAN_LETTERS}]")
_THAI = re.compile(f"[{THAI_LETTERS}]")

# Multipliers written right after a number in Chinese and Japanese (7.3万 = 73,000).
HAN_MULTIPLIERS = {
    "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8, "万亿": 1e12, "萬億": 1e12,
    "千万": 1e7, "千萬": 1e7, "百万": 1e6, "百萬": 1e6, "千": 1e3,
}  # fmt: skip


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first, so a match takes the whole of 千万 rather than 千."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def phrase_pattern(phrase: str, gap: str = r"\s+") -> str:
    """A literal phrase as a regex whose words may be apart by any spaces ("percentage  points", "p.\nm.")."""
    return gap.join(re.escape(part) for part in phrase.split())


def phrase_alternation(phrases: Iterable[str], gap: str = r"\s+") -> str:
    """A regex alternation of literal phrases, longest first, each as phrase_pattern writes it."""
    return "|".join(phrase_pattern(p, gap) for p in sorted(phrases, key=len, reverse=True))


def has_east_asian_letters(text: str) -> bool:
    return _JAPANESE.search(text) is not None


def has_unspaced_letters(text: str) -> bool:
    """Letters of a script some segmenter splits into words (Han, kana, Thai)."""
    return has_east_asian_letters(text) or _THAI.search(text) is not None


def needs_segmenting(text: str, lang: str) -> bool:
    """Whether a token split at spaces and punctuation may still hold several words of `lang`."""
    if lang == "zh":
        return _HAN.search(text) is not None
    if lang == "ja":
        return has_east_asian_letters(text)
    if lang == "th":
        return _THAI.search(text) is not None
    return False


def script_language(token: str) -> str | None:
    """The segmenter a token of some other language's text needs: Japanese when it has kana, Chinese when it has
    Han characters only, Thai when it has Thai letters, none otherwise."""
    if not has_east_asian_letters(token):
        return "th" if _THAI.search(token) is not None else None
    if _HAN.search(token) is not None and _KANA.search(token) is None:
        return "zh"
    return "ja"


def segmenter_name() -> str:
    """For signatures: a new dictionary or model can move word boundaries, and with them flags."""
    from importlib.metadata import PackageNotFoundError, version

    names = []
    for package in ("jieba", "tinysegmenter", "pythainlp"):
        try:
            names.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            names.append(f"{package} (not installed)")
    return ", ".join(names)


def segment(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of every word of a run of `lang` text, in order, covering it without gaps."""
    if lang == "ja":
        return spans_of(text, _japanese_segmenter().tokenize(text))
    if lang == "th":
        return spans_of(text, thai_tokenizers().word_tokenize(text, engine="newmm", keep_whitespace=False))
    return [(start, end) for _, start, end in _chinese_segmenter().tokenize(text)]


def spans_of(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    """Offsets of tokens that concatenate to the text (a segmenter that gives strings only; the rest of the text
    one more span where they fall short)."""
    spans = []
    position = 0
    for token in tokens:
        start = text.find(token, position)
        if start < 0:  # not expected; keep the rest as one word rather than lose it
            break
        spans.append((start, start + len(token)))
        position = start + len(token)
    if position < len(text):
        spans.append((position, len(text)))
    return spans


@lru_cache(maxsize=1)
def thai_tokenizers() -> Any:
    """pythainlp.tokenize (words and sentences), its models inside the package. PyThaiNLP makes a data folder on
    import (~/pythainlp-data, for corpora it would download): under align's cache instead, unless one is set."""
    import os

    from align.encoders.e5_convert import default_cache_dir

    if not os.environ.get("PYTHAINLP_DATA") and not os.environ.get("PYTHAINLP_DATA_DIR"):
        os.environ["PYTHAINLP_DATA"] = str(default_cache_dir() / "pythainlp-data")
    import pythainlp.tokenize

    return pythainlp.tokenize


@lru_cache(maxsize=1)
def _japanese_segmenter() -> Any:
    import tinysegmenter

    return tinysegmenter.TinySegmenter()


@lru_cache(maxsize=1)
def _chinese_segmenter() -> Any:
    """jieba's default tokenizer, loaded once (about 1 s: it reads a cached prefix dictionary, built on first use
    in the align cache folder instead of the shared temporary folder); jieba's own log lines are silenced."""
    import jieba

    from align.encoders.e5_convert import default_cache_dir

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    folder = default_cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tokenizer.tmp_dir = str(folder)
    except OSError:
        pass  # an unwritable cache folder: jieba falls back on the system's temporary folder
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=65536)
def chinese_word_tag(word: str) -> str:
    """jieba's part-of-speech tag of a Chinese word ("v" a verb, "n", "nr", "ns", "nt" nouns and names), read off its
    dictionary: the tag of the word's first piece where jieba would split it ("x" for none)."""
    pieces = _chinese_tagger().lcut(word, HMM=False)
    return pieces[0].flag if pieces else "x"


@lru_cache(maxsize=1)
def _chinese_tagger() -> Any:
    from jieba.posseg import POSTokenizer

    return POSTokenizer(_chinese_segmenter())
