"""Where in the target something from the source belongs: the gap after the target word linked to the nearest
aligned source word before it (or before the one linked to the nearest after it), past any article the dropped
words left behind."""

from __future__ import annotations

from align.alignment.words import WordAlignment
from align.detectors.base import BeadView
from align.detectors.lexicon import is_article, is_content_word

_NEAREST = 2


def target_gap_for_source(view: BeadView, source_start: int, source_end: int) -> int:
    """File offset in the target of the empty span where source text [start, end) would go."""
    words = view.words
    if words is None or not words.source or not words.target:
        return _proportional(view, source_start)
    links: dict[int, list[int]] = {}
    for s, t in words.links:
        links.setdefault(s, []).append(t)
    before = [i for i, w in enumerate(words.source) if w.end <= source_start and i in links]
    if before:
        # The two nearest aligned words, not one: a phrase the languages order differently ("Reino Unido" /
        # "United Kingdom") would put the gap inside it.
        last = max(t for i in before[-_NEAREST:] for t in links[i])
        return view.target.file_offset(words.target[_past_articles(words, last, view.target.lang)].end)
    after = [i for i, w in enumerate(words.source) if w.start >= source_end and i in links]
    if after:
        target_word = words.target[min(links[after[0]])]
        return view.target.file_offset(target_word.start)
    return _proportional(view, source_start)


def _past_articles(words: WordAlignment, last: int, lang: str) -> int:
    """Past the articles nothing links to right after target word `last`, unless a linked content word follows
    them (then they are its articles): those of dropped words ("en la ⟨…⟩ de la piel", not "en ⟨…⟩ la de la piel")."""
    linked = {t for _, t in words.links}
    end = last
    while end + 1 < len(words.target) and end + 1 not in linked and is_article(words.target[end + 1].text, lang):
        end += 1
    after = end + 1
    if after < len(words.target) and after in linked and is_content_word(words.target[after].text, lang):
        return last
    return end


def _proportional(view: BeadView, source_start: int) -> int:
    share = source_start / max(len(view.source.text), 1)
    return view.target.file_offset(int(share * len(view.target.text)))


def link_gaps(words: WordAlignment) -> list[tuple[int, int]]:
    """For each source word, the target positions strictly between the links of its nearest linked neighbours
    (-1 and the target length where a side has none): where its counterpart would sit."""
    targets_of: dict[int, list[int]] = {}
    for s, t in words.links:
        targets_of.setdefault(s, []).append(t)
    n, m = len(words.source), len(words.target)
    lows, last = [-1] * n, -1
    for i in range(n):
        lows[i] = last
        if i in targets_of:
            last = max(targets_of[i])
    highs, first = [m] * n, m
    for i in range(n - 1, -1, -1):
        highs[i] = first
        if i in targets_of:
            first = min(targets_of[i])
    return list(zip(lows, highs, strict=True))
