"""Sentence splitting that keeps exact character offsets into the original text.

Paragraphs (lines) are split first so a heading on its own line stays its own sentence; within a paragraph pysbd
does the work where it knows the language, a punctuation rule elsewhere. News datelines ("Brussels (EFE).-") are
glued back to the sentence they open.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import pysbd

from align.text.document import Sentence, fold_line_breaks
from align.text.word_frequency import covers, zipf
from align.text.word_segmentation import THAI_LETTERS, phrase_alternation, spans_of, thai_tokenizers

# pysbd backtracks badly on very long runs without boundaries; cut such paragraphs into windows first.
_MAX_PARAGRAPH = 5000
_MAX_SENTENCE = 2000
# "BRUSELAS.- Varios países ..." (a place in capitals, perhaps a date, then ".-"): the splitter ends a sentence at the
# full stop and the next one starts with the dash.
_CAPITALS_DATELINE = re.compile(r"^[^\W\d_a-zß-ÿ][^\Wa-zß-ÿ]+(?:[ ,/]+[^\W_a-zß-ÿ][\w]*)*\.$")
_DATELINE = re.compile(r"^[^\s].{0,60}\((?:[A-Z][A-Za-z]{1,10}|[A-Z]{2,10}(?:/[A-Z]{2,10})?)\)\s*\.?-?\s*$")
# Where pysbd has no model: final punctuation, any closing quotes or brackets, then a space (none after CJK marks).
_FALLBACK_BOUNDARY = re.compile(r"(?<=[.!?…。！？])[\"'”’“»«›‹)]*\s+|(?<=[。！？])")
# The word a full stop ends, without the quotes or brackets before it.
_LAST_WORD = re.compile(r"([^\s\"'“”‘’„«»‹›(\[]*)\.[\"'”’“»«›‹)]*\s*$")

# Closing quotes and brackets, as written after a sentence's final punctuation; not the straight quotes, which open
# as often as they close, nor », which opens German quotes.
_CLOSERS = frozenset("”’」』）)】》〉!?！？‼⁉")  # a piece opening with one: it ends the sentence before
# What closes each opening quote, in the conventions of the languages that use it ("…", „…“, «…», »…«, ‚…‘).
_QUOTE_CLOSERS = {"“": "”", "„": "“”", "«": "»", "»": "«", "‘": "’", "‚": "‘’", "‹": "›", "›": "‹"}
# A quotation ended by its sentence's final punctuation and the next one opened: `board.” “It`, `gut.“ „Warum`,
# `bien. » « Pourquoi`, `book?' 'I`. pysbd keeps such pairs together in English, German, French and Italian. Group 1
# is the boundary's whitespace; the letter after the opening quote must be a capital.
_QUOTED_BOUNDARY = re.compile(r"[.!?…]\s?[”“»«’›‹\"']+(\s+)[“„«»‘‚‹›\"']\s?([^\W\d_])")

# A piece starting with a dash and a small letter continues the sentence before it (an attribution in dialogue).
_CONTINUATION = re.compile(r"\s*[—–-]\s*(\w)")
# A piece ending on a word of at most five letters and a full stop (an abbreviation, if a number follows).
# Arabic harakat, Qur'anic marks and the tatweel; Hebrew niqqud and cantillation (not the maqaf or sof pasuq).
_VOWEL_MARKS = dict.fromkeys(
    [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E9)]
    + [*range(0x06EA, 0x06EE), 0x0640, *range(0x0591, 0x05BE), 0x05BF, 0x05C1, 0x05C2, 0x05C4, 0x05C5, 0x05C7]
)
_HEADING_NUMBER = re.compile(r"\s*(?:[^\W\d_]+\s+)?(?:[IVXLCDM]+|\d{1,3})\.\s*$")
_LONE_LETTER_STOP = re.compile(r"(?:^|(?<=\s))([^\W\d_])\.\s*$")
_LINE_ENDS_AS_SPACES = {10: 32, 13: 32}
# Widths texts are wrapped at, in characters: fold 80, e-mail 72, wire copy 69; Chinese and Japanese lines hold about
# half as many characters as Latin ones of the same width.
_WRAP_WIDTHS = (15, 100)
_MIN_WRAPPED_LINES = 6  # line ends within paragraphs a text needs before it can read as wrapped
# Full stops and question marks of other scripts: the danda (Hindi, Bengali ...), the Arabic question mark, the Urdu
# full stop, the Khmer, Burmese and Tibetan ones.
SCRIPT_SENTENCE_ENDS = "।॥؟۔។။།"
# A piece ending with a full stop right after a Thai letter or mark: an abbreviation, the sentence goes on.
_THAI_ABBREVIATION_END = re.compile(rf"[{THAI_LETTERS}]\.\s*$")
_SENTENCE_ENDS = tuple(".!?…:;\"'»”)。！？" + SCRIPT_SENTENCE_ENDS)  # a line that ends a sentence (or a quote)
_INITIAL_SCRIPTS = frozenset({"GREEK", "CYRILLIC", "ARMENIAN", "GEORGIAN", "ARABIC", "HEBREW"})
_DAY_BEFORE = re.compile(r"\b\d{1,2}\.?\s*$")  # "12 sept.", "3. Okt."
_DAY_REACH = 8  # characters before a word where its day's number is looked for
_EVERYDAY_WORD = 5.0  # Zipf: "year" 6.0, "jahr" 5.8, "godz" 4.6, "env" 3.3
_SHORT_WORD_STOP = re.compile(r"(?:^|\s)([^\W\d_]{1,5})\.\s*$")

# Abbreviations written in parts, each with its full stop, that pysbd splits ("a las 10 p.| m.", "300 d.| C.",
# "av.| J.| -C."): a boundary inside one is none, nor one right after it where the text goes on in small letters or
# after a comma ("a las 10 p. m., según dijo").
_ABBREVIATIONS_IN_PARTS = {
    "es": ["a. m.", "p. m.", "a. C.", "d. C.", "a. de C.", "d. de C.", "p. ej."],
    "pt": ["a. m.", "p. m.", "a. C.", "d. C.", "p. ex."],
    "it": ["a. C.", "d. C."],
    "fr": ["av. J.-C.", "apr. J.-C.", "ap. J.-C.", "p. ex."],
    "en": ["a. m.", "p. m.", "i. e.", "e. g."],
}

# pysbd keeps the text being split on its Segmenter, so each thread has its own (shared ones made concurrent calls of
# the Python API split each other's texts).
_per_thread = threading.local()
# Bump when the rules below change where sentences end: signatures name it, so a run on raw text can be reproduced.
RULES_VERSION = 6


def splitter_name() -> str:
    """For signatures: pysbd's and PyThaiNLP's versions and this module's rules move sentence boundaries, and with
    them beads."""
    from importlib.metadata import version

    return f"pysbd {version('pysbd')}, pythainlp {version('pythainlp')}, rules {RULES_VERSION}"


def _segmenter(lang: str) -> pysbd.Segmenter | None:
    if lang not in pysbd.languages.LANGUAGE_CODES:
        return None
    segmenters: dict[str, pysbd.Segmenter] = _per_thread.__dict__.setdefault("segmenters", {})
    if lang not in segmenters:
        segmenters[lang] = pysbd.Segmenter(language=lang, clean=False, char_span=True)
    return segmenters[lang]


# Line ends as files write them (Unix, Windows, old Mac); not the other breaks str.splitlines() knows (form feeds
# from pdftotext, U+2028, U+0085 ...), which no line count (wc -l, a gold set's numbering) sees.
_LINE_END = re.compile(r"\r\n|\r|\n")


def split_presplit(text: str) -> list[Sentence]:
    """One sentence per line; line numbers are sentence ids, as in every published gold set."""
    sentences = []
    pos = 0
    for number, end in enumerate(_LINE_END.finditer(text)):
        sentences.append(Sentence(number, pos, end.start(), normalise(text[pos : end.start()])))
        pos = end.end()
    if pos < len(text):  # a last line without a line end
        sentences.append(Sentence(len(sentences), pos, len(text), normalise(text[pos:])))
    return sentences


def split_sentences(text: str, lang: str, detect_wrapping: bool = False) -> list[Sentence]:
    """`detect_wrapping` for a plain-text file, which may be wrapped at a fixed width (extracted HTML, Markdown,
    .docx and subtitle text is one block a line)."""
    spans: list[tuple[int, int]] = []
    paragraphs = _paragraphs(text)
    if detect_wrapping and _hard_wrapped(text):
        # Its paragraphs are blocks of lines; the splitter reads their line ends as spaces (one character for one,
        # so offsets hold), or pysbd ends a sentence at each.
        paragraphs, text_read = _blocks(text), text.translate(_LINE_ENDS_AS_SPACES)
    else:
        text_read = text
    for start, end in paragraphs:
        spans.extend(_glue_datelines(text_read, list(_split_paragraph(text_read, start, end, lang))))
    return [Sentence(i, s, e, normalise(text[s:e])) for i, (s, e) in enumerate(spans)]


def normalise(text: str) -> str:
    """NFC, collapsed whitespace, and no Arabic or Hebrew vowel marks: what the encoder sees (offsets always refer
    to the raw text). Fully vowelled Arabic (Qur'anic, didactic, children's text) read as unrelated to its own
    translation, mean bead score .05 against .46-.63 for the same text unvowelled: the encoders learnt the script
    as it is mostly written, without them."""
    return " ".join(fold_line_breaks(unicodedata.normalize("NFC", text).translate(_VOWEL_MARKS)).split())


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            yield pos + lead, pos + lead + len(stripped)
        pos += len(line)


def _hard_wrapped(text: str) -> bool:
    """Whether the text was wrapped at a fixed width (wire copy, e-mail, `fold`, pdftotext), so that a line end is
    no paragraph end: most lines that another line follows come near the width (lines <= 100 characters) and stop
    mid-sentence. Every line end of such a text ended a sentence ("The", "said on Wednesday.", "million euros.")."""
    lines = [line.strip() for line in text.splitlines()]
    width = max((len(line) for line in lines), default=0)
    if not _WRAP_WIDTHS[0] <= width <= _WRAP_WIDTHS[1]:
        return False
    pairs = [(line, after) for line, after in zip(lines, lines[1:], strict=False) if line and after]
    if len(pairs) < _MIN_WRAPPED_LINES:
        return False
    near_width = sum(len(line) >= 0.7 * width for line, _ in pairs)
    open_ended = sum(not line.endswith(_SENTENCE_ENDS) for line, _ in pairs)
    # A wrapped sentence goes on in small letters ("and forced", "said on"); verse, lists and headlines open each
    # line with a capital. Scripts without case count as going on.
    going_on = sum(after[0].isdigit() or (after[0].isalpha() and not after[0].isupper()) for _, after in pairs)
    count = len(pairs)
    return near_width >= 0.8 * count and open_ended >= 0.6 * count and going_on >= 0.4 * count


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Runs of non-blank lines, each one paragraph (the paragraphs of a hard-wrapped text): the lines of
    `_paragraphs` joined where no blank line parts them."""
    block: tuple[int, int] | None = None
    for start, end in _paragraphs(text):
        if block is None:
            block = (start, end)
        elif len((text[block[1] : start] + "x").splitlines()) <= 2:  # one line break between them, no blank line
            block = (block[0], end)
        else:
            yield block
            block = (start, end)
    if block is not None:
        yield block


def _split_paragraph(text: str, start: int, end: int, lang: str) -> Iterator[tuple[int, int]]:
    for w_start, w_end in _windows(text, start, end):
        for s, e in _split_window(text[w_start:w_end], lang):
            yield from _cap_length(text, w_start + s, w_start + e)


def _windows(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut a huge paragraph at whitespace so segmentation stays linear in its length."""
    while end - start > _MAX_PARAGRAPH:
        cut = text.rfind(" ", start + _MAX_PARAGRAPH // 2, start + _MAX_PARAGRAPH)
        cut = cut if cut > start else start + _MAX_PARAGRAPH
        yield start, cut
        start = cut
    yield start, end


def _split_window(chunk: str, lang: str) -> Iterator[tuple[int, int]]:
    if lang == "th":
        yield from _trimmed(chunk, _thai_sentences(chunk))
        return
    segmenter = _segmenter(lang)
    if segmenter is not None:
        try:
            spans = [(span.start, span.end) for span in segmenter.segment(chunk)]
        except Exception:  # pysbd raises on rare inputs; the rule below still gives usable sentences
            spans = []
        if spans:
            yield from _trimmed(
                chunk, _split_quotations(chunk, _continued(chunk, _closers_to_previous(chunk, spans), lang))
            )
            return
    pos = 0
    pieces = []
    for match in _FALLBACK_BOUNDARY.finditer(chunk):
        if _ends_sentence(chunk[pos : match.end()], chunk[match.end() : match.end() + 3], lang):
            pieces.append((pos, match.end()))
            pos = match.end()
    pieces.append((pos, len(chunk)))
    yield from _trimmed(chunk, _split_quotations(chunk, _continued(chunk, _closers_to_previous(chunk, pieces), lang)))


def _thai_sentences(chunk: str) -> list[tuple[int, int]]:
    """Thai ends a sentence with a space, not a mark, and also writes spaces inside sentences (around numbers and
    foreign words, between a name and a surname, between clauses), so a punctuation rule finds no boundary and a
    space rule finds too many: PyThaiNLP's CRF model (CRFCut, trained on Thai news and talks; Apache-2.0, offline)
    tells them apart. It also cuts after a full stop, which Thai writes in abbreviations ("มี.ค.", March; "พ.ศ.")
    rather than at the end of a sentence: such a piece goes on into the next."""
    spans: list[tuple[int, int]] = []
    for start, end in spans_of(chunk, thai_tokenizers().sent_tokenize(chunk, engine="crfcut")):
        if spans and _THAI_ABBREVIATION_END.search(chunk, 0, start):
            start = spans.pop()[0]
        spans.append((start, end))
    return spans


def _ends_sentence(before: str, after: str, lang: str) -> bool:
    """Whether a full stop (or ! ? …) followed by a space ends a sentence, for languages pysbd has no rules for:
    not before a small letter or closing punctuation (`p. ex. a de ontem`, `headache . . . and`), not after an
    initial (`M. Herzog`, `z. B.`; a small letter alone is mostly a unit: `8222 m.`), a word before a number (`p.
    298`), a day or ordinal number (`am 6. Juli`, `10. kesäkuuta`) or a capitalised abbreviation without a vowel
    (`Sr. Silva`, `Dr. Meyer`)."""
    following = after[:1]
    if following and (following.islower() or following in ",;:)]}.…"):
        return False
    match = _LAST_WORD.search(before)
    if match is None:
        return True
    word = match.group(1)
    if word.isalpha() and following.isdigit() and not _everyday_word(word, lang, before, match.start(1)):
        return False  # `p. 298`, `env. 7315 m`, `Nr. 4`
    if len(word) == 1 and word.isalpha() and (word.isupper() or re.match(r"\w\.", after)):
        return False
    if word.isdigit() and len(word) <= 2:
        return False
    return not (word.istitle() and word.isalpha() and len(word) <= 4 and not _has_vowel(word))


def _has_vowel(word: str) -> bool:
    """Abbreviations of titles and units are mostly consonants (Sr, Dr, Mr, Nr, St, Kl); words are not (Yes, Oh)."""
    return any(unicodedata.normalize("NFD", c)[0].lower() in "aeiouy" for c in word)


def _closers_to_previous(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A closing quote or bracket that opens a sentence belongs to the one before: pysbd ends a Chinese sentence at
    "。" inside “……。” and gave the ” to the next one. A comma after such a mark cannot open a sentence, so what follows
    goes with it too (»Warum?«, fragte sie.)."""
    out = [spans[0]]
    for start, end in spans[1:]:
        previous_start, previous_end = out[-1]
        moved = start
        while moved < end and (
            chunk[moved] in _CLOSERS
            or _closes_open_quote(chunk[previous_start:moved], chunk[moved], chunk[moved + 1 : end])
        ):
            moved += 1
        if moved > start and not chunk[previous_end:start].strip():
            rest = chunk[moved:end].lstrip()
            if rest[:1] in (",", ";", ":"):
                moved = end
            out[-1] = (previous_start, moved)
            start = moved
        if start < end:
            out.append((start, end))
    return out


def _continued(chunk: str, spans: list[tuple[int, int]], lang: str) -> list[tuple[int, int]]:
    """Pieces that cannot open a sentence joined to the one before: an attribution after a dash ("„Kiedy?” –
    zapytała.", "— Você vem? — perguntou ela."), a number after a short word's full stop ("O godz. 10 rano",
    "S. 81"), and a heading's title after its number."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        dash = _CONTINUATION.match(chunk, start, end)
        if out and (
            (dash and dash.group(1).islower())
            or _continues_abbreviation(chunk, out[-1], start, lang)
            or _cannot_end_or_open(chunk, out[-1][1], start)
            or _after_initial(chunk, out[-1])
            or _in_abbreviation(chunk, out[-1], start, lang)
            or _heading_number(chunk, out[-1])
        ):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _heading_number(chunk: str, previous: tuple[int, int]) -> bool:
    """A paragraph that opens with a heading's number, pysbd ending a sentence at its full stop: "I.| La llegada",
    "Chapter IV.| The Return" (a book's chapter titles). Only at the paragraph's start, and only a Roman numeral
    or a number after at most one word."""
    return not chunk[: previous[0]].strip() and _HEADING_NUMBER.match(chunk[previous[0] : previous[1]]) is not None


def _continues_abbreviation(chunk: str, previous: tuple[int, int], start: int, lang: str) -> bool:
    """A number after an abbreviation's full stop: a small word ("p.", "godz.", "h."), one letter ("S.") or a
    capitalised word without a vowel ("Nr."); not after an acronym or a name ("the EU. 2023 ...", "Mr Li. 2023"),
    nor after an everyday word."""
    if not chunk[start : start + 1].isdigit():
        return False
    short = _SHORT_WORD_STOP.search(chunk[previous[0] : previous[1]])
    if short is None:
        return False
    word = short.group(1)
    if _everyday_word(word, lang, chunk, previous[0] + short.start(1)):
        return False
    return word.islower() or len(word) == 1 or (word.istitle() and not _has_vowel(word))


def _in_abbreviation(chunk: str, previous: tuple[int, int], start: int, lang: str) -> bool:
    """The boundary cuts an abbreviation written in parts ("10 p.| m."), or follows one where the piece goes on in
    small letters or after a comma."""
    pattern = _abbreviations_in_parts(lang)
    if pattern is None:
        return False
    opening = chunk[start : start + 1]
    for match in pattern.finditer(chunk, max(previous[0], previous[1] - 16), min(len(chunk), start + 16)):
        if match.start() < previous[1] and match.end() > start:
            return True
        ends_previous = match.end() <= previous[1] and not chunk[match.end() : previous[1]].strip()
        if ends_previous and (opening.islower() or opening in ",;:"):
            return True
    return False


@lru_cache(maxsize=32)
def _abbreviations_in_parts(lang: str) -> re.Pattern[str] | None:
    parts = _ABBREVIATIONS_IN_PARTS.get(lang)
    if not parts:
        return None
    alternatives = phrase_alternation(parts, gap=r"\s*")
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})", re.IGNORECASE)


def _cannot_end_or_open(chunk: str, previous_end: int, start: int) -> bool:
    """A piece after a comma (the Arabic "،" ends no sentence), and a decimal point between digits with no space
    around it ("３．５ドル": a full-width stop is a decimal point there)."""
    before, opening = chunk[max(previous_end - 8, 0) : previous_end].rstrip(), chunk[start : start + 1]
    if before.endswith(("،", ",", "，")):
        return True
    stop = chunk[max(previous_end - 2, 0) : start]  # a digit and the stop, with nothing after them
    return len(stop) == 2 and stop[0].isdigit() and stop[1] in ".．" and opening.isdigit()


def _after_initial(chunk: str, previous: tuple[int, int]) -> bool:
    """A piece after one letter of a script other than Latin and its full stop: a title or a name's initial (Greek
    "κ. Παπαδόπουλος", Arabic "د. أحمد", Russian "А. Пушкин"), which pysbd ends a sentence at. Latin letters are
    left to its rules ("vitamin C. Then")."""
    match = _LONE_LETTER_STOP.search(chunk, max(previous[1] - 4, previous[0]), previous[1])
    if match is None:
        return False
    letter = match.group(1)
    script = unicodedata.name(letter, "LATIN").split(" ")[0]
    # Not a small letter that is a word of its own (Russian "Это я.", Ukrainian "Це був я."), nor a Korean or Chinese
    # syllable ("그는 왕."); Greek writes its titles small ("κ.", "κα.").
    return script in _INITIAL_SCRIPTS and (not letter.islower() or script == "GREEK")


def _everyday_word(word: str, lang: str, text: str, start: int) -> bool:
    """A word of four letters or more (at `start` in `text`) as common as an everyday word ends a sentence before a
    number ("next year. 100,000 people", "χρόνο. 100.000"): abbreviations are written often too, so only the most
    common count; and not after a day's number, where it is a month ("12 sept. 2019": French "sept" is "seven")."""
    if len(word) < 4 or not covers(lang) or _DAY_BEFORE.search(text, max(start - _DAY_REACH, 0), start):
        return False
    return zipf(word.lower(), lang) >= _EVERYDAY_WORD


def _closes_open_quote(before: str, mark: str, after: str) -> bool:
    """True when `mark` closes a quotation that `before` opened and left open (German »Das ist gut.« split after
    the full stop gave the « to the next sentence). A mark before a word opens one (French « C'est), whatever an
    OCR speck in `before` ("P»tar") seems to leave open."""
    if mark in "\"'":
        # A straight quote opens and closes. A closing one hugs what it ends, and no word follows it: the sentence's
        # final punctuation, or any text where the count before it leaves one open (for '"' only: apostrophes spoil
        # a count of "'"; and a quotation of several sentences opened its '"' in an earlier one).
        if after[:1].isalnum() or before[-1:].isspace():
            return False
        return before.rstrip(mark)[-1:] in (".", "!", "?", "…") or (mark == '"' and before.count('"') % 2 == 1)
    if after.lstrip()[:1].isalnum():
        return False
    return any(
        mark in closers and before.count(opener) > sum(before.count(c) for c in closers)
        for opener, closers in _QUOTE_CLOSERS.items()
    )


def _split_quotations(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each span cut where one quoted sentence ends and another, capitalised, begins."""
    out = []
    for start, end in spans:
        for match in _QUOTED_BOUNDARY.finditer(chunk, start, end):
            if match.group(2).isupper():
                out.append((start, match.start(1)))
                start = match.end(1)
        out.append((start, end))
    return out


def _trimmed(chunk: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    for s, e in spans:
        piece = chunk[s:e]
        if not piece.strip():
            continue
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        yield s + lead, e - trail


def _cap_length(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > _MAX_SENTENCE:
        cut = text.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        cut = cut if cut > start else start + _MAX_SENTENCE
        yield start, cut
        start = cut + 1 if text[cut] == " " else cut
    if end > start:
        yield start, end


def _glue_datelines(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    glued: list[tuple[int, int]] = []
    carry: int | None = None
    for k, (s, e) in enumerate(spans):
        if carry is not None:
            s, carry = carry, None
        dashed = k + 1 < len(spans) and text[spans[k + 1][0]] in "-–—"
        if e - s < 80 and (_DATELINE.match(text[s:e]) or (dashed and _CAPITALS_DATELINE.match(text[s:e]))):
            carry = s
            continue
        glued.append((s, e))
    if carry is not None:
        glued.append((carry, spans[-1][1]))
    return glued
