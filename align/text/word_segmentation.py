"""Words inside runs of Chinese characters, which are written without spaces between words.

Why: the word aligner and the detectors reason word by word ("this source word has no counterpart"). Without a
segmenter a Chinese sentence splits only at punctuation, so a whole clause is one "word" and an omission inside it
cannot be seen. jieba (MIT, dictionary inside the PyPI package, offline) segments Chinese; other unspaced scripts
(Japanese, Thai) keep their clause-sized tokens.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import Any

# Languages whose words the segmenter finds; the codes are those of align/text/language.py.
SEGMENTED_LANGUAGES = frozenset({"zh"})

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def segmenter_name() -> str:
    """For signatures: a new dictionary can move word boundaries, and with them flags."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"jieba {version('jieba')}"
    except PackageNotFoundError:
        return "jieba (not installed)"


def segment(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word of a run of Chinese text, in order, covering it without gaps."""
    return [(start, end) for _, start, end in _tokenizer().tokenize(text)]


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
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
