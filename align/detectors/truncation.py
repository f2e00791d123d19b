"""truncation: a target sentence that stops short, its source's tail left with no counterpart."""

from __future__ import annotations

from align.alignment.words import Word
from align.detectors.base import BeadView, Detector, Flag, span_of_words
from align.detectors.lexicon import is_content_word
from align.text.segment import SCRIPT_SENTENCE_ENDS

# A colon ends a sentence that introduces a quote or a list; other scripts' stops as "." does (and Greek's ";").
_TERMINAL = tuple(".!?…»”\"')。！？:：" + SCRIPT_SENTENCE_ENDS)
# Written without a mark at the end of a sentence (a space ends it): a missing full stop says nothing there.
_NO_FINAL_MARK = frozenset({"th", "lo"})
MIN_TAIL_WORDS = 3


class TruncationDetector(Detector):
    kind = "truncation"

    def detect(self, view: BeadView) -> list[Flag]:
        words = view.compared_words
        if words is None:
            return []
        target_text = view.target.text.rstrip()
        if _ends(target_text, view.target.lang) or not _ends(view.source.text.rstrip(), view.source.lang):
            return []
        if view.target.lang in _NO_FINAL_MARK:
            return []
        linked = {s for s, _ in words.plain_links()}
        # A target ending on a word no sentence ends on ("pour", "the", "d'") was cut there: where three words of the
        # source without a counterpart are not found, one is then evidence enough.
        dangling = _dangling(words.target[-1].text, view.target.lang)
        first = _tail_start(words.source, linked, view.source.lang, MIN_TAIL_WORDS)
        if first is None and dangling:
            first = _tail_start(words.source, linked, view.source.lang, 1)
        if first is None:
            return []
        if len(view.bead.target) > 1 and _mostly_rendered(words.source, first, linked, view.source.lang):
            return []  # lines joined after the sentence that renders the source (cut sentences: see _tail_start)
        share = (len(words.source) - first) / len(words.source)
        raw = min(1.0, 0.5 + share)
        source_span, source_text = span_of_words(view.source, words.source, first, len(words.source) - 1)
        end = view.target.file_offset(len(target_text))
        message = f"target stops short: '{source_text}' has no counterpart"
        return [Flag(self.kind, raw, view.index, source_span, (end, end), source_text, "", message)]


def _mostly_rendered(source: list[Word], first: int, linked: set[int], lang: str) -> bool:
    """More of the tail's content words have a counterpart than not: the target renders it, whatever ends the target
    (a table's header cells "Party", "Seats" joined to the bead after the sentence they follow). Asked only of beads
    of several target sentences: in a sentence really cut, stray links of the tail's words to earlier target words
    made this veto lose 1.4-2.3 points of truncation recall on the damage benchmarks."""
    content = [i for i in range(first, len(source)) if is_content_word(source[i].text, lang)]
    return sum(i in linked for i in content) * 2 > len(content)


def _dangling(word: str, lang: str) -> bool:
    """A closed-class word or an elided one ("qu'", "l'"): where a sentence was cut, not where it ends."""
    return word.endswith(("'", "’")) or (any(ch.isalpha() for ch in word) and not is_content_word(word, lang))


def _tail_start(source: list[Word], linked: set[int], lang: str, least: int) -> int | None:
    """Where the source's unrendered tail begins: after its last linked word when at least `least` content words
    follow it. Word order moves a stray link to the end (a German final verb links early in French), so else the
    first of the unlinked content words of the source's second half, then of the whole source (a target that put
    the source's end first: "In 1914 the First" for "La Primera Guerra Mundial estalló en 1914."); None when there
    are fewer than `least` of them."""
    last_linked = max(linked) if linked else -1
    if sum(is_content_word(w.text, lang) for w in source[last_linked + 1 :]) >= least:
        return last_linked + 1
    unlinked = [i for i, w in enumerate(source) if i not in linked and is_content_word(w.text, lang)]
    half = [i for i in unlinked if i >= len(source) // 2]
    if len(half) >= least:
        return half[0]
    return unlinked[0] if len(unlinked) >= least else None


def _ends(text: str, lang: str) -> bool:
    return text.endswith(_TERMINAL) or (lang == "el" and text.endswith(";"))
