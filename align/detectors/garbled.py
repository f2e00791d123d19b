"""garbled: target text broken in itself or against the source: a heading run into the next paragraph, (English)
two neighbouring words the language almost never writes side by side, the trace of words cut out between them, or a
negation the source does not say ("aprobó" / "did not approve") or a word rendered by its opposite ("aprobó" /
"rejected"), which turn the sentence round, a future reported as done ("visitará" / "visited"), two parties given
each other's role, or a person's sex said otherwise ("La portavoz" / "The spokesman")."""

from __future__ import annotations

import numpy as np

from align.alignment.words import Word
from align.detectors.base import BeadView, Detector, Flag, span_of_words
from align.detectors.closed_sets import Named
from align.detectors.genders import gender_changes
from align.detectors.junctions import LANGUAGES as JUNCTION_LANGUAGES
from align.detectors.junctions import cut_probabilities, inflection_surprise, surprise
from align.detectors.lexicon import is_content_word
from align.detectors.negations import added_negations
from align.detectors.opposites import opposite_pairs
from align.detectors.roles import swapped_roles
from align.detectors.tenses import futures_said_as_past, raw_score

_TERMINAL = tuple(".!?…:;»”\"')。！？")
# Raw score of an added negation (calibrated about 0.76): the source may say it in words no list holds.
ADDED_NEGATION_RAW = 0.9
# Raw score of a word rendered by its opposite ("aprobó" / "rejected"): the same evidence, a negation in other words.
OPPOSITE_RAW = 0.9
# Raw score of two parties given each other's role ("El Barcelona venció al Madrid" / "Madrid beat Barcelona"): the
# sentence says the opposite of what happened, as with an opposite word.
ROLES_RAW = OPPOSITE_RAW
# Raw score of a person's sex said otherwise, read off a word link ("La portavoz" / "The spokesman"), and read off
# the whole sentence ("La ministra presentó su dimisión" / "The minister presented his resignation").
GENDER_RAW = OPPOSITE_RAW
UNANCHORED_GENDER_RAW = 0.8
_SEX = {"m": "a man", "f": "a woman"}
# A line that ends in a comma continues into the next (list items, an address): not a heading, whatever its length.
_CONTINUING = tuple(",，、")
MAX_HEADING_WORDS = 10
_TRANSPARENT = frozenset("\"'“”‘’«»()[]")  # punctuation two neighbouring words may stand on either side of


class GarbledDetector(Detector):
    kind = "garbled"

    def detect(self, view: BeadView) -> list[Flag]:
        return (
            self._merged_heading(view)
            + self._broken_junctions(view)
            + self._added_negations(view)
            + self._opposites(view)
            + self._futures_said_as_past(view)
            + self._swapped_roles(view)
            + self._changed_genders(view)
        )

    def _changed_genders(self, view: BeadView) -> list[Flag]:
        """A person's sex said otherwise (genders.py), spanned on both sides from the mention's determiner or
        title."""
        words = view.compared_words
        if words is None:
            return []
        flags = []
        for change in gender_changes(words, view.source.text, view.target.text, view.source.lang, view.target.lang):
            src_span, src_text = span_of_words(view.source, words.source, change.source.first, change.source.index)
            tgt_span, tgt_text = span_of_words(view.target, words.target, change.target.first, change.target.index)
            said, other = _SEX[change.source.gender], _SEX[change.target.gender]
            if change.linked:
                message = f"source says '{src_text}' ({said}), target says '{tgt_text}' ({other})"
            else:
                message = f"target says '{tgt_text}' ({other}) where the source names {said} only ('{src_text}')"
            raw = GENDER_RAW if change.linked else UNANCHORED_GENDER_RAW
            flags.append(Flag(self.kind, raw, view.index, src_span, tgt_span, src_text, tgt_text, message))
        return flags

    def _swapped_roles(self, view: BeadView) -> list[Flag]:
        """Two parties that the target gives each other's role (roles.py), spanned from the first party to the
        second on each side."""
        words = view.compared_words
        if words is None:
            return []
        flags = []
        for swap in swapped_roles(words, view.source.text, view.target.text, view.source.lang, view.target.lang):
            src_span, src_text = span_of_words(view.source, words.source, *swap.source.extent())
            tgt_span, tgt_text = span_of_words(view.target, words.target, *swap.target.extent())
            source, target = swap.source, swap.target
            message = (
                f"roles swapped: in the source {source.agent.named(words.source)} does "
                f"'{words.source[source.verb].text}' to {source.undergoer.named(words.source)}, in the target "
                f"{target.agent.named(words.target)} does it to {target.undergoer.named(words.target)}"
            )
            flags.append(Flag(self.kind, ROLES_RAW, view.index, src_span, tgt_span, src_text, tgt_text, message))
        return flags

    def _futures_said_as_past(self, view: BeadView) -> list[Flag]:
        """A source verb in the future rendered by an English past (tenses.py), spanned on both sides."""
        words = view.compared_words
        if words is None:
            return []
        return [
            self._both_sides(
                view,
                change.source,
                change.target,
                raw_score(),
                f"source says '{change.source.text}' (future), target says '{change.target.text}' (past): "
                "the event is reported as done",
            )
            for change in futures_said_as_past(words, view.source.lang, view.target.lang)
        ]

    def _opposites(self, view: BeadView) -> list[Flag]:
        """A source word whose linked target word is its opposite (opposites.py), spanned on both sides."""
        words = view.compared_words
        if words is None:
            return []
        return [
            self._both_sides(
                view,
                named,
                other,
                OPPOSITE_RAW,
                f"source says '{named.text}', target says the opposite, '{other.text}'",
            )
            for named, other in opposite_pairs(
                words, view.source.text, view.target.text, view.source.lang, view.target.lang
            )
        ]

    def _both_sides(self, view: BeadView, source: Named | Word, target: Named | Word, raw: float, message: str) -> Flag:
        """A flag on a source word and the target word that says it otherwise (an opposite, a past)."""
        src_span = view.source.file_span(source.start, source.end)
        tgt_span = view.target.file_span(target.start, target.end)
        return Flag(self.kind, raw, view.index, src_span, tgt_span, source.text, target.text, message)

    def _added_negations(self, view: BeadView) -> list[Flag]:
        """Target negations beyond what the source says (negations.added_negations); the message names the source word
        linked to the target word the negation stands before ("aprobó" for "did not approve"), where there is one."""
        words = view.compared_words
        if words is None:
            return []
        flags = []
        for j in added_negations(words, view.source.text, view.target.text, view.source.lang, view.target.lang):
            negation = words.target[j]
            tgt_span = view.target.file_span(negation.start, negation.end)
            linked = sorted(i for i, k in words.links if k == j + 1)
            negated = [words.source[i].text for i in linked if is_content_word(words.source[i].text, view.source.lang)]
            said = f"'{negated[0]}' is negated in the target" if negated else "the source says no negation here"
            message = f"target negation '{negation.text}' has no counterpart in the source ({said})"
            # Target text only, as a cut junction is: an untranslated or repeated passage holding it explains it.
            flags.append(Flag(self.kind, ADDED_NEGATION_RAW, view.index, None, tgt_span, "", negation.text, message))
        return flags

    def _broken_junctions(self, view: BeadView) -> list[Flag]:
        """Neighbouring target words with a very surprising bigram ("also in of training") or a word form that its
        base form would fit far better ("needed to “worked out”"); a rare pair only where the word model's
        cut-junction model (when it has one for the language) also reads a cut there. Quotes and brackets between
        the words do not part them, a clause break (a comma, a full stop) does."""
        if view.bead.is_null or view.words is None or view.target.lang not in JUNCTION_LANGUAGES:
            return []
        settings = view.context.settings
        threshold = settings.garbled_min_junction_surprise
        target = view.words.target
        cuts: np.ndarray | None = None  # the cut model's reading, only where a rare pair needs it (few beads have one)
        flags = []
        for k, m in _word_pairs(target):
            left, right = target[k], target[m]
            value = surprise(left.text, right.text)
            inflection = inflection_surprise(left.text, right.text) if value < threshold else 0.0
            if max(value, inflection) < threshold:
                continue
            if value >= threshold:
                if cuts is None:
                    cuts = cut_probabilities(view.words, view.target.lang, settings.word_model)
                if cuts is not None and cuts[k:m].max() < settings.garbled_min_cut_probability:
                    continue  # a rare pair where one phrase ends and the next begins ("passed by from time to time")
            span = view.target.file_span(left.start, right.end)
            text = view.target.text[left.start : right.end]
            if inflection >= threshold:
                message = f"'{text}': this form hardly ever follows that word; words may be missing or garbled"
            else:
                message = f"'{text}' is almost never written in {view.target.lang}: words may be missing between them"
            confidence = min(0.9, 0.5 + 0.05 * max(value, inflection))
            flags.append(Flag(self.kind, confidence, view.index, None, span, "", text, message))
        return flags

    def _merged_heading(self, view: BeadView) -> list[Flag]:
        """A short source line without final punctuation (a heading) that shares one target sentence with the
        paragraph after it: the target lost the line break and now reads as one garbled sentence."""
        bead = view.bead
        if len(bead.source) < 2 or len(bead.target) != 1:
            return []
        flags = []
        source_doc = view.context.source
        for position, i in enumerate(bead.source[:-1]):
            heading = source_doc.sentences[i]
            if heading.text.endswith(_TERMINAL + _CONTINUING) or len(heading.text.split()) > MAX_HEADING_WORDS:
                continue
            next_sentence = source_doc.sentences[bead.source[position + 1]]
            if "\n" not in source_doc.text[heading.end : next_sentence.start]:
                continue
            target_sentence = view.context.target.sentences[bead.target[0]]
            span = (target_sentence.start, _heading_end_in_target(view, heading.start, heading.end, target_sentence))
            message = f"heading '{heading.text}' has run into the next sentence"
            flags.append(
                Flag(
                    self.kind,
                    0.85,
                    view.index,
                    (heading.start, heading.end),
                    span,
                    heading.text,
                    view.context.target.text[span[0] : span[1]],
                    message,
                )
            )
        return flags


def _word_pairs(tokens: list[Word]) -> list[tuple[int, int]]:
    """Indices of each word token and the next one, across quotes and brackets but not across other punctuation."""
    pairs = []
    previous: int | None = None
    for k, token in enumerate(tokens):
        if any(ch.isalnum() for ch in token.text):
            if previous is not None:
                pairs.append((previous, k))
            previous = k
        elif not all(ch in _TRANSPARENT for ch in token.text):
            previous = None
    return pairs


def _heading_end_in_target(view: BeadView, start: int, end: int, target_sentence) -> int:  # type: ignore[no-untyped-def]
    """End of the target words the heading's words link to, or as many words as the heading has."""
    words = view.words
    heading_words = len(view.context.source.text[start:end].split())
    fallback = target_sentence.start + len(" ".join(target_sentence.text.split()[:heading_words]))
    if words is None:
        return fallback
    limit = heading_words + 3
    linked_ends = [
        words.target[t].end
        for s, t in words.links
        if start <= view.source.file_offset(words.source[s].start) < end and t < limit
    ]
    return view.target.file_offset(max(linked_ends)) if linked_ends else fallback
