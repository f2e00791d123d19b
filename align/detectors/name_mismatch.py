"""name_mismatch: a name on one side that the other side spells differently or replaces by another name.

Only names that travel unchanged are checked (people, most places: "Brekelmans", "Macron"), not names a translation
renders ("Alemania" = "Germany", "OTAN" = "NATO"). A name travels when it is about as common in the target language
as in the source (word frequencies: a translated name is far more common in its own language), or when the target
document spells it the same way elsewhere.
"""

from __future__ import annotations

import os
import unicodedata

from rapidfuzz import fuzz, process

from align.alignment.words import Word
from align.detectors.base import BeadView, Detector, Flag
from align.detectors.calibration import DetectorSettings
from align.detectors.gaps import link_gaps
from align.detectors.lexicon import is_content_word, is_courtesy_title, word_list
from align.text.word_frequency import foreignness

SAME_NAME = 80.0  # rapidfuzz ratio at or above which two spellings are the same name
DIFFERENT_NAME = 50.0
STEM_LETTERS = 5  # shared opening letters that make a longer word a form of the name, not another name


class NameMismatchDetector(Detector):
    kind = "name_mismatch"

    def detect(self, view: BeadView) -> list[Flag]:
        """Pairs a travelling source name the target lacks with a travelling target name the source lacks: the
        word link when there is one, else the nearest by relative position (a replaced name is seldom linked: the
        encoder places two unrelated names apart)."""
        words = view.words
        if view.bead.is_null or words is None or not words.source or not words.target:
            return []
        source_texts = [w.text for w in words.source]
        target_texts = [w.text for w in words.target]
        # The target side first: most beads have no name the source lacks, and then nothing is left to pair.
        foreign = [
            j
            for j, w in enumerate(words.target)
            if not _starts_sentence(words.target, j)
            and _is_name(w.text, view.target.lang)
            and not _spelled_in(w.text, source_texts)
            and _carried(w.text, view.target.lang, view.source.lang, view.context.settings)
        ]
        # A name linked to a word that is not such a name has its counterpart there ("Joseph" renders "Iósif").
        lost = (
            [
                i
                for i, w in enumerate(words.source)
                if not _starts_sentence(words.source, i)
                and _is_name(w.text, view.source.lang)
                and all(j in foreign for s, j in words.links if s == i)
                and not _spelled_in(w.text, target_texts)
                and _travels_unchanged(w.text, view)
            ]
            if foreign
            else []
        )
        foreign = [j for j in foreign if all(i in lost for i, t in words.links if t == j)]
        lost = [i for i in lost if all(j in foreign for s, j in words.links if s == i)]
        pairs = _pairs(lost, foreign, words.links, len(words.source), len(words.target))
        flags = []
        for i, j in pairs + _orphan_pairs(view, {i for i, _ in pairs}, {j for _, j in pairs}):
            word, other = words.source[i], words.target[j]
            if (
                fuzz.ratio(word.text, other.text) >= DIFFERENT_NAME
                or _same_stem(word.text, other.text)
                or _shares_part(word.text, other.text)
            ):
                continue  # a respelling ("Andréievich" / "Andreyevich") or a compound of it, not another name
            src_span = (view.source.file_offset(word.start), view.source.file_offset(word.end))
            tgt_span = (view.target.file_offset(other.start), view.target.file_offset(other.end))
            message = f"name '{word.text}' appears as '{other.text}'"
            flags.append(Flag(self.kind, 0.6, view.index, src_span, tgt_span, word.text, other.text, message))
        return flags


def _orphan_pairs(view: BeadView, used_source: set[int], used_target: set[int]) -> list[tuple[int, int]]:
    """Names that no word of the other side is linked to, on both sides: a replaced name the frequency lists cannot
    vouch for ("Chile" / "Akureyri", a name known in one language only) when the target one stands in the narrow gap
    the source one's linked neighbours leave and is unlike it (not its rendering: "Infantil" / "Children's")."""
    words = view.words
    assert words is not None
    linked_source, linked_target = {i for i, _ in words.links}, {j for _, j in words.links}
    source_texts, target_texts = [w.text for w in words.source], [w.text for w in words.target]

    def orphans(side: list[Word], linked: set[int], used: set[int], lang: str, other: list[str]) -> list[int]:
        return [
            k
            for k, w in enumerate(side)
            if k not in linked
            and k not in used
            and not _starts_sentence(side, k)
            and _is_name(w.text, lang)
            and not _spelled_in(w.text, other)
        ]

    settings = view.context.settings
    lost = [
        i
        for i in orphans(words.source, linked_source, used_source, view.source.lang, target_texts)
        if not _of_its_language(words.source[i].text, view.source.lang, view.target.lang, settings)
    ]
    foreign = orphans(words.target, linked_target, used_target, view.target.lang, source_texts) if lost else []
    if not foreign:
        return []  # most beads: the gaps need not be computed
    gaps = link_gaps(words)
    pairs: list[tuple[int, int]] = []
    for i in lost:
        low, high = gaps[i]
        inside = [
            j
            for j in foreign
            if low < j < high
            and all(j != t for _, t in pairs)
            and words.similarity[i, j] < settings.name_max_unlinked_similarity
        ]
        if inside and high - low - 1 <= settings.name_max_unlinked_gap:
            pairs.append((i, inside[0]))
    return pairs


def _pairs(lost: list[int], foreign: list[int], links: list[tuple[int, int]], n: int, m: int) -> list[tuple[int, int]]:
    """Linked pairs first, then the rest nearest by relative position, each name used once."""
    linked = [(i, j) for i, j in links if i in lost and j in foreign]
    taken_i, taken_j = {i for i, _ in linked}, {j for _, j in linked}
    rest = sorted((abs((i + 0.5) / n - (j + 0.5) / m), i, j) for i in lost for j in foreign)
    pairs = list(linked)
    for _, i, j in rest:
        if i not in taken_i and j not in taken_j:
            pairs.append((i, j))
            taken_i.add(i)
            taken_j.add(j)
    return pairs


def _same_stem(name: str, other: str) -> bool:
    """Both open with the same five letters or more: an inflected or compounded form of the name, as languages that
    write compounds in one word do ("Helsinki" / Icelandic "Helsingforssamningnum", the Helsinki Treaty)."""
    return len(os.path.commonprefix([_folded(name), _folded(other)])) >= STEM_LETTERS


def _folded(word: str) -> str:
    """Lowercase without accents: "Zürichsee" opens as "Zurich" does."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))


def _shares_part(name: str, other: str) -> bool:
    """One is a hyphenated compound holding the other ("Central-Lahul-Expedition" / "Lahul", "Alai-Pamir" / "Alaï"):
    German writes a name into a compound that a translation renders around it."""
    parts, other_parts = name.split("-"), other.split("-")
    if len(parts) == len(other_parts) == 1:
        return False
    return any(fuzz.ratio(a, b) >= SAME_NAME for a in parts for b in other_parts if len(a) >= 3 and len(b) >= 3)


def _spelled_in(name: str, words: list[str]) -> bool:
    return process.extractOne(name, words, scorer=fuzz.ratio, processor=None, score_cutoff=SAME_NAME) is not None


def _carried(name: str, lang: str, other_lang: str, settings: DetectorSettings) -> bool:
    """About as common in both languages: a name that crosses unchanged ("Brekelmans", "Macron"), not a word of its
    own language ("Bruselas"). A name wordfreq knows in one language only ("Kallas": English lists are longer) is
    not checked: taking names rare in both as carried found no more swaps on XL-WA dev and paired renderings such
    as "Iósif" / "Joseph" and "Aquisgrán" / "Aachen" (precision .875 -> .519)."""
    gap = foreignness(name, lang, other_lang)
    return gap is not None and abs(gap) <= settings.name_max_foreignness


def _of_its_language(word: str, lang: str, other_lang: str, settings: DetectorSettings) -> bool:
    """Far more common in its own language than in the other: a capitalised word of that language (German writes
    every noun so: "Beifall", "Ausschuß", "Mittel"), which a translation renders, not a name it carries."""
    gap = foreignness(word, lang, other_lang)
    return gap is not None and gap > settings.name_max_unlinked_foreignness


def _is_name(text: str, lang: str) -> bool:
    """Capitalised content word, not a title before a name ("San Marco" / "St Mark's" is no other name)."""
    title = is_courtesy_title(text, lang) or text.lower() in word_list("saints", lang)
    return text[:1].isupper() and text[1:2].islower() and is_content_word(text, lang) and not title


def _travels_unchanged(name: str, view: BeadView) -> bool:
    """Carried unchanged by its frequencies, or because the target document spells it the same elsewhere."""
    settings = view.context.settings
    return _carried(name, view.source.lang, view.target.lang, settings) or _spelled_in(name, view.context.target_words)


def _starts_sentence(words: list[Word], j: int) -> bool:
    """A capital at the start of a sentence, of a quotation or of a line of dialogue ("- Go on"), says nothing about a
    name."""
    if j == 0 or words[j - 1].text in _BEFORE_SENTENCE:
        return True
    return words[j - 1].text in _DASHES and (j == 1 or words[j - 2].text in _BEFORE_SENTENCE)


_BEFORE_SENTENCE = frozenset({".", "!", "?", ":", '"', "“", "”", "«", "»", "„", "‹", "›", "<", "‘"})
_DASHES = frozenset({"-", "–", "—"})
