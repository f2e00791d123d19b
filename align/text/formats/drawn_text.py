"""Text as a PDF gives it, which is text as drawn: typeset ligatures and Arabic presentation forms (a letter's shape
at the start, middle or end of a word, "ﻊﻔﺗرا") stand for letters, and many PDFs (Chromium's among them) give an
Arabic or Hebrew line's characters in the order they are drawn, left to right, the line read backwards. Others
give them in reading order: which a document does is read from it, as the order in which more of its words are
words of the language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from align.text import word_frequency

# As NFKC has them ("ﬁ" fi, "ﻊ" ع); words must match across versions. Expanded once a line is in reading order:
# "ﻻ" stands for two letters, lam and alef, in that order.
_LETTERS = {
    code: unicodedata.normalize("NFKC", chr(code))
    for code in (*range(0xFB00, 0xFB07), *range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF))
    if unicodedata.normalize("NFKC", chr(code)) != chr(code)
}
_RIGHT_TO_LEFT = frozenset({"R", "AL"})
_NUMBER = frozenset({"EN", "AN"})
_BETWEEN_DIGITS = frozenset({"CS", "ES"})  # "3.2", "1,500", "10:30"
_BETWEEN_WORDS = frozenset({"WS", "CS", "ES", "ET", "ON"})  # "New York", "Reuters-EFE"
_MIRRORED = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_SAMPLED_LINES = 200  # right-to-left lines read to tell the order a document gives their characters in
_WORD = re.compile(r"[^\W\d_]+")
_MARK_APART = re.compile(r"\s+(?=[\u064b-\u065f\u0670\u05b0-\u05c7])")  # a vowel mark drawn apart from its letter


def drawn_right_to_left(lines: Iterable[str]) -> bool:
    """Whether the document's Arabic or Hebrew lines come as drawn (more of their words are words once reversed)."""
    right_to_left = [line for line in lines if _mostly_right_to_left(line)][:_SAMPLED_LINES]
    return bool(right_to_left) and _known_words(map(in_logical_order, right_to_left)) > _known_words(right_to_left)


def as_read(line: str, drawn: bool) -> str:
    """The line as it is read: in reading order where the document gives right-to-left lines as drawn, and with
    letters for ligatures and presentation forms."""
    return (in_logical_order(line) if drawn else line).translate(_LETTERS)


def in_logical_order(line: str) -> str:
    """A right-to-left line given as drawn, as it is read: reversed, its brackets turned round, and the runs it
    still writes left to right (Latin words and the spaces between them, numbers with their decimal marks) put back
    in their own order. A line of mostly left-to-right letters is left as it is."""
    if not _mostly_right_to_left(line):
        return line
    reversed_line = line[::-1]
    classes = [unicodedata.bidirectional(c) for c in reversed_line]
    out: list[str] = []
    k = 0
    while k < len(line):
        end = _left_to_right_run(classes, k)
        if end > k:
            out.append(reversed_line[k:end][::-1])
            k = end
        else:
            out.append(reversed_line[k].translate(_MIRRORED))
            k += 1
    return _MARK_APART.sub("", "".join(out))


def _mostly_right_to_left(line: str) -> bool:
    classes = [unicodedata.bidirectional(c) for c in line]
    return sum(c in _RIGHT_TO_LEFT for c in classes) > sum(c == "L" for c in classes)


def _known_words(lines: Iterable[str]) -> int:
    """Words wordfreq knows in a right-to-left language of their script (Hebrew, or Arabic, Persian and Urdu)."""
    known = 0
    for line in lines:
        for word in _WORD.findall(line.translate(_LETTERS)):
            langs = ("he",) if "\u0590" <= word[0] <= "\u05ff" else ("ar", "fa", "ur")
            known += any(word_frequency.zipf(word, lang) > 0 for lang in langs)
    return known


def _left_to_right_run(classes: list[str], start: int) -> int:
    """The end of the run of left-to-right text at `start` (itself if none starts there): Latin letters with the
    spaces and marks between them, or digits with the separators between them."""
    kind = "L" if classes[start] == "L" else "EN" if classes[start] in _NUMBER else ""
    if not kind:
        return start
    inside = _BETWEEN_DIGITS if kind == "EN" else _BETWEEN_WORDS
    end = k = start + 1
    while k < len(classes):
        if (classes[k] == "L") if kind == "L" else (classes[k] in _NUMBER):
            end = k = k + 1
        elif classes[k] in inside:
            k += 1
        else:
            break
    return end
