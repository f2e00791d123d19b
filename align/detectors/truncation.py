"""truncation: a target sentence that stops short, its source's tail left with no counterpart."""

from __future__ import annotations

from align.detectors.base import BeadView, Detector, Flag, span_of_words
from align.detectors.lexicon import is_content_word

_TERMINAL = tuple(".!?…»”\"')。！？:：")  # a colon ends a sentence that introduces a quote or a list
MIN_TAIL_WORDS = 3


class TruncationDetector(Detector):
    kind = "truncation"

    def detect(self, view: BeadView) -> list[Flag]:
        words = view.words
        if view.bead.is_null or words is None or not words.source or not words.target:
            return []
        target_text = view.target.text.rstrip()
        if target_text.endswith(_TERMINAL) or not view.source.text.rstrip().endswith(_TERMINAL):
            return []
        linked = {s for s, _ in words.plain_links()}
        last_linked = max(linked) if linked else -1
        tail = words.source[last_linked + 1 :]
        content = [w for w in tail if is_content_word(w.text, view.source.lang)]
        first = last_linked + 1
        # A target ending on a word no sentence ends on ("pour", "the", "d'") was cut there: one word of the source's
        # tail without a counterpart is then evidence enough.
        least = 1 if _dangling(words.target[-1].text, view.target.lang) else MIN_TAIL_WORDS
        if len(content) < least:
            # Word order moves a stray link to the end (a German final verb links early in French): fall back on
            # the unlinked content words of the source's second half, counted from the first of them; then on those
            # of the whole source, for a target that put the source's end first ("In 1914 the First" for "La Primera
            # Guerra Mundial estalló en 1914.").
            unlinked = [
                i
                for i in range(len(words.source))
                if i not in linked and is_content_word(words.source[i].text, view.source.lang)
            ]
            half = [i for i in unlinked if i >= len(words.source) // 2]
            if len(half) >= least:
                unlinked = half
            elif len(unlinked) < least:
                return []
            first = unlinked[0]
        share = (len(words.source) - first) / len(words.source)
        raw = min(1.0, 0.5 + share)
        source_span, source_text = span_of_words(view.source, words.source, first, len(words.source) - 1)
        end = view.target.file_offset(len(target_text))
        message = f"target stops short: '{source_text}' has no counterpart"
        return [Flag(self.kind, raw, view.index, source_span, (end, end), source_text, "", message)]


def _dangling(word: str, lang: str) -> bool:
    """A closed-class word or an elided one ("qu'", "l'"): where a sentence was cut, not where it ends."""
    return word.endswith(("'", "’")) or (any(ch.isalpha() for ch in word) and not is_content_word(word, lang))
