"""name_mismatch: a name on one side that the other side spells differently or replaces by another name.

Only names that travel unchanged are checked (people, most places: "Brekelmans", "Macron"), not names a translation
renders ("Alemania" = "Germany", "OTAN" = "NATO"). A name travels when it is about as common in the target language
as in the source (word frequencies: a translated name is far more common in its own language), or when the target
document spells it the same way elsewhere.
"""

from __future__ import annotations

import os
from collections import Counter

from rapidfuzz import fuzz, process

from align.alignment.words import Word, WordAlignment, words_within
from align.detectors.base import BeadView, Detector, Flag
from align.detectors.calibration import DetectorSettings
from align.detectors.closed_sets import Named, differing
from align.detectors.gaps import link_gaps
from align.detectors.lexicon import folded, is_content_word, is_courtesy_title, word_list
from align.detectors.places import CITY, COUNTRY, find_places
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
        words = view.compared_words
        if words is None:
            return []
        source_texts = [w.text for w in words.source]
        target_texts = [w.text for w in words.target]
        # The target side first: most beads have no name the source lacks, and then nothing is left to pair.
        foreign = [
            j
            for j, w in enumerate(words.target)
            if not _starts_sentence(words.target, j)
            and _is_name(w.text, view.target.lang)
            and not _named_in(w.text, source_texts)
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
                and not _named_in(w.text, target_texts)
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
            src_span = view.source.file_span(word.start, word.end)
            tgt_span = view.target.file_span(other.start, other.end)
            message = f"name '{word.text}' appears as '{other.text}'"
            flags.append(Flag(self.kind, 0.6, view.index, src_span, tgt_span, word.text, other.text, message))
        return flags + _place_flags(view, self.kind, flags)


def _place_flags(view: BeadView, kind: str, name_flags: list[Flag]) -> list[Flag]:
    """A country, nationality or city said as another ("Lisboa" / "Madrid", "alemán" / "Austrian"): renderings the
    names above are not checked for, read from place lists in every language. A source place the target names
    nowhere pairs with a target place of its kind the word aligner links to it alone, or else, unlinked, one in the
    gap its neighbours leave or the one place of a kind each side leaves (_unlinked_places)."""
    source = find_places(view.source.text, view.source.lang)
    target = find_places(view.target.text, view.target.lang) if source else []
    in_source, in_target = Counter(named.member for named in source), Counter(other.member for other in target)
    # A place the target names anywhere is there, linked or not ("中(中国大陆)美" / "China and the United States").
    source = [named for named in source if named.member not in in_target]

    def linked(named: Named, other: Named) -> bool:
        return _linked_only(view.words, (named.start, named.end), (other.start, other.end))

    # A target place the source names as often is that name's rendering, whatever the aligner links it to
    # ("von französischer Staatsangehörigkeit ... Luxemburg" / "Luxembourg's lawyers").
    pairs = [
        (a, b) for a, b in differing(source, target, linked, _PLACE_KINDS) if in_target[b.member] > in_source[b.member]
    ]
    source = [named for named in source if all(named is not a for a, _ in pairs)]
    target = [other for other in target if all(other is not b for _, b in pairs)]
    # Unlinked, a place the source names elsewhere is no candidate ("Francia ... Alemania" / "France ... Germany").
    target = [other for other in target if other.member not in in_source]
    pairs += _unlinked_places(view, source, target) if source and target else []
    flags = []
    for named, other in pairs:
        src_span = view.source.file_span(named.start, named.end)
        if any(flag.source_span == src_span for flag in name_flags):
            continue  # said already as a name carried unchanged
        tgt_span = view.target.file_span(other.start, other.end)
        message = f"source says {named.text}, target says {other.text}"
        flags.append(Flag(kind, 0.6, view.index, src_span, tgt_span, named.text, other.text, message))
    return flags


_PLACE_KINDS = frozenset({COUNTRY, CITY})


def _linked_only(words: WordAlignment | None, source_span: tuple[int, int], target_span: tuple[int, int]) -> bool:
    """Linked to each other and to nothing else: a place another renders, not a name beside a dropped one ("英国と
    フランス" / "The United Kingdom and convened": "United" renders 英国, "Kingdom" is linked to フランス)."""
    if words is None:
        return False
    source, target = words_within(words.source, source_span), words_within(words.target, target_span)
    touching = [(i in source, j in target) for i, j in words.links if i in source or j in target]
    return any(a and b for a, b in touching) and all(a == b for a, b in touching)


def _unlinked_places(
    view: BeadView, unaccounted_source: list[Named], unaccounted_target: list[Named]
) -> list[tuple[Named, Named]]:
    """Places no word links, on both sides, the target one where the source one's linked neighbours put its
    counterpart, in a gap of a few words ("a la frontera con Estados Unidos para" / "to the border with Canada to"),
    or the only ones of a kind either side leaves: the encoder places two unrelated names apart, so a replaced one
    is seldom linked."""
    words = view.words
    assert words is not None
    linked_source, linked_target = {i for i, _ in words.links}, {j for _, j in words.links}
    # Each unlinked place with the indexes of its words.
    source = {
        n: i
        for n in unaccounted_source
        if (i := words_within(words.source, (n.start, n.end))) and not i & linked_source
    }
    target = {
        o: j
        for o in unaccounted_target
        if (j := words_within(words.target, (o.start, o.end))) and not j & linked_target
    }
    gaps = link_gaps(words)
    pairs = []
    max_gap = view.context.settings.name_max_unlinked_gap
    for named, indices in source.items():
        low, high = gaps[min(indices)][0], gaps[max(indices)][1]
        other = next(
            (
                other
                for other, at in target.items()
                if other.kind == named.kind and low < min(at) and max(at) < high and high - low - len(at) <= max_gap
            ),
            None,
        )
        if other is not None:  # in the gap the source one's linked neighbours leave, a few words wide
            pairs.append((named, other))
            del target[other]
    # The one place of a kind each side leaves, both unlinked, where words around it were reordered
    # ("detuvo en el aeropuerto de Múnich a un empresario" / "arrested a businessman at Frankfurt airport").
    for kind in (COUNTRY, CITY):
        mine = [n for n in unaccounted_source if n.kind == kind and all(n is not a for a, _ in pairs)]
        theirs = [o for o in unaccounted_target if o.kind == kind and all(o is not b for _, b in pairs)]
        if len(mine) == len(theirs) == 1 and mine[0] in source and theirs[0] in target:
            pairs.append((mine[0], theirs[0]))
    return pairs


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
            and not _named_in(w.text, other)
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
    return len(os.path.commonprefix([folded(name), folded(other)])) >= STEM_LETTERS


def _shares_part(name: str, other: str) -> bool:
    """One is a hyphenated compound holding the other ("Central-Lahul-Expedition" / "Lahul", "Alai-Pamir" / "Alaï"):
    German writes a name into a compound that a translation renders around it."""
    parts, other_parts = name.split("-"), other.split("-")
    if len(parts) == len(other_parts) == 1:
        return False
    return any(fuzz.ratio(a, b) >= SAME_NAME for a in parts for b in other_parts if len(a) >= 3 and len(b) >= 3)


def _named_in(name: str, words: list[str]) -> bool:
    """Spelled among the words, or as the end of a compound one of them is."""
    return _spelled_in(name, words) or _ends_compound(name, words)


def _ends_compound(word: str, others: list[str]) -> bool:
    """The last part of a compound the other side writes in one word ("Minister" of "Finanzminister", "Bank" of
    "Zentralbank"): a capitalised word that renders part of a longer one, not a name the other side lacks."""
    ending = folded(word)
    return len(ending) >= STEM_LETTERS and any(
        len(other) > len(word) and folded(other).endswith(ending) for other in others
    )


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
