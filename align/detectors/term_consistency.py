"""Terms a document renders the same way every time: a source word and a target word that occur in the same beads
and nowhere else are each other's translation, whatever the word aligner makes of them.

A one-to-many rendering ("alto el fuego" / "ceasefire", "Coalición de Voluntarios" / "Coalition of the Willing")
looks like dropped words inside one sentence pair, but a news story repeats its key terms, and across its beads the
pair keeps turning up together: "fuego" and "ceasefire" occur in the very same beads of the seed story. A word really
dropped from one bead leaves that bead's target without its partner, so the evidence never hides it; and only the
very same beads count, since a word that often sits next to the dropped one ("european" by "Commission") shares most
of its beads but not all.
"""

from __future__ import annotations

from dataclasses import dataclass

from align.alignment.beads import Bead
from align.detectors.lexicon import is_content_word
from align.text.document import Document

MIN_BEADS = 2  # a term seen once says nothing about how the document translates it
MIN_DICE = 1.0  # 2 |beads of both| / (|beads of source word| + |beads of target word|): the very same beads


def _term(word: str) -> str:
    return word.strip("\"'“”‘’«»()[]{}.,;:!?¿¡").lower()


def _terms(text: str, lang: str) -> set[str]:
    words = (_term(w) for w in text.split())
    return {w for w in words if w and any(ch.isalpha() for ch in w) and is_content_word(w, lang)}


@dataclass(frozen=True)
class TermIndex:
    """For every content word of each side, the beads it occurs in."""

    source: dict[str, frozenset[int]]
    target: dict[str, frozenset[int]]

    @staticmethod
    def of(source: Document, target: Document, beads: list[Bead]) -> TermIndex:
        sides: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
        for index, bead in enumerate(beads):
            if bead.is_null:
                continue
            for table, document, ids in ((sides[0], source, bead.source), (sides[1], target, bead.target)):
                for term in _terms(" ".join(document.sentences[i].text for i in ids), document.lang):
                    table.setdefault(term, set()).add(index)
        return TermIndex(*({k: frozenset(v) for k, v in table.items()} for table in sides))

    def partner(self, word: str, candidates: list[str], target_lang: str) -> str | None:
        """One of these target words (of the bead at hand) that occurs in (nearly) the same beads as the source
        word, if any."""
        beads = self.source.get(_term(word))
        if beads is None or len(beads) < MIN_BEADS:
            return None
        for term in sorted(_terms(" ".join(candidates), target_lang)):
            others = self.target.get(term, frozenset())
            if _dice(beads, others) >= MIN_DICE - 1e-9:
                return term
        return None


def _dice(first: frozenset[int], second: frozenset[int]) -> float:
    return 2 * len(first & second) / max(len(first) + len(second), 1)
