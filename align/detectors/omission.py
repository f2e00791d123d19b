"""omission: source words with no counterpart in the target (dropped words, a dropped negation or name, a clause).

Evidence: the word aligner leaves them unlinked, none of the target's words is close to them in context, and the
target often shows a scar where they were cut ("importance of United States ,", "The United Kingdom and convened").
Against it: a target word the document pairs with them in every bead they occur in (term_consistency.py).
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np

from align.alignment.words import Word, WordAlignment
from align.detectors.base import BeadView, Detector, Flag, span_of_words, spans_overlap
from align.detectors.calibration import DetectorSettings, word_confidence
from align.detectors.gaps import target_gap_for_source
from align.detectors.hedges import HedgeReading, lost_hedge_raw, read_hedges
from align.detectors.junctions import cut_probabilities
from align.detectors.lexicon import is_auxiliary, is_content_word, is_negated_verb, is_negation
from align.detectors.negations import rendered_negations
from align.detectors.said_otherwise import said_otherwise
from align.detectors.word_evidence import load_omission_model, word_features

# Traces a cut leaves: a space before punctuation, a doubled word, two function words that cannot meet.
_SCAR = re.compile(
    r"\s[,.;:]|\b(\w+)\s+\1\b"
    r"|\b(and|y|et|und|of|de|in|en|its|su|the|el|la|a|to|must)\s+(and|y|et|und|of|de|in|en|the|el|la|that|que|a|to)\b",
    re.IGNORECASE,
)


class OmissionDetector(Detector):
    kind = "omission"

    def texts_to_embed(self, view: BeadView) -> list[str]:
        if view.context.encode is None:
            return []
        return _cut_texts(view, self._candidates(view)[1])

    def detect(self, view: BeadView) -> list[Flag]:
        return _one_per_hedge(self._lost_hedges(view), self._dropped_words(view))

    def _lost_hedges(self, view: BeadView) -> list[Flag]:
        """Source hedges the target does not render (hedges.py): the claim is stated as fact."""
        flags, raw = [], lost_hedge_raw()
        for hedge in _hedges(view).lost:
            source_span = view.source.file_span(hedge.start, hedge.end)
            gap = target_gap_for_source(view, hedge.start, hedge.end)
            message = (
                f"source hedge '{hedge.text}' missing in the target: it states as fact what the source reports as "
                "alleged, reported or possible"
            )
            flags.append(Flag(self.kind, raw, view.index, source_span, (gap, gap), hedge.text, "", message))
        return flags

    def _dropped_words(self, view: BeadView) -> list[Flag]:
        probabilities, candidates = self._candidates(view)
        words = view.words
        if not candidates or words is None:  # null beads and beads without word links have none
            return []
        lang = view.source.lang
        settings = view.context.settings
        gains = _masking_gains(view, candidates)
        # Sentence encoders barely read a negation: cutting one moves the cosine by noise, either way ("dat de rente
        # dit jaar niet zal dalen" / "rates will fall": -.022), so for a negation the cut only counts for it.
        gains = [
            max(g, 0.0) if is_negation(words.source[i].text, lang) else g
            for i, g in zip(candidates, gains, strict=True)
        ]
        weight = settings.omission_masking_weight
        reliefs = _translation_reliefs(view, candidates)
        scores = {
            i: probabilities[i] + weight * g + settings.omission_translation_weight * r
            for i, g, r in zip(candidates, gains, reliefs, strict=True)
        }
        flags = []
        for first, last in _spans(words, scores, probabilities, settings.omission_span):
            if _rendered_consistently(view, first, last):
                continue
            run = words.source[first : last + 1]
            scar = _scar_near(view, target_gap_for_source(view, run[0].start, run[-1].end))
            raw = max(scores[i] for i in range(first, last + 1) if i in scores) + (0.1 if scar else 0.0)
            # The evidence is the whole span's; the words reported are those likely missing on their own.
            first, last = _trimmed(view, first, last, scores, settings)
            run = words.source[first : last + 1]
            gap = target_gap_for_source(view, run[0].start, run[-1].end)
            negation = any(is_negation(w.text, lang) for w in run)
            bare = _bare_ne(words.target, view.target.lang) if negation else []
            if bare:  # where the second part of the French negation belongs
                gap = view.target.file_offset(_after_verb(words.target, bare[0]).end)
            elif negation:  # a dropped "not" leaves no odd junction ("would be suspended"): grammar places it
                gap = _after_auxiliary(view, gap)
            else:
                gap = _at_likeliest_cut(view, gap, settings)
            source_span, source_text = span_of_words(view.source, words.source, first, last)
            what = "negation" if negation else ("words" if last > first else "word")
            message = f"source {what} '{source_text}' missing in the target"
            flags.append(Flag(self.kind, raw, view.index, source_span, (gap, gap), source_text, "", message))
        return _one_per_french_negation(flags) if lang == "fr" else flags

    def _candidates(self, view: BeadView) -> tuple[np.ndarray, list[int]]:
        """Each source word's learned missing-probability, and the content words likely enough to be scored."""
        if self.kind in view.evidence:
            return view.evidence[self.kind]  # type: ignore[return-value]
        words = view.compared_words
        if words is None:
            found: tuple[np.ndarray, list[int]] = (np.zeros(0), [])
        else:
            lang = view.source.lang
            settings = view.context.settings
            rendered = rendered_negations(words, view.source.text, view.target.text, lang, view.target.lang)
            unsaid = [i for i, w in enumerate(words.source) if i not in rendered and is_negated_verb(w.text, lang)]
            probabilities = _missing_probabilities(
                _negation_unlinked(words, unsaid), lang, view.target.lang, settings.word_model
            )
            rendered += said_otherwise(words, view.source.text, view.target.text, lang, view.target.lang)
            rendered += _hedges(view).rendered
            probabilities[rendered] = 0.0  # the target says them, linked or not
            threshold = settings.omission_candidate
            candidates = [
                i for i, w in enumerate(words.source) if probabilities[i] >= threshold and is_content_word(w.text, lang)
            ]
            found = (probabilities, candidates)
        view.evidence[self.kind] = found
        return found


def _hedges(view: BeadView) -> HedgeReading:
    """The bead's hedges (hedges.py), read once for both the omission model's candidates and the lost-hedge flags."""
    found = view.evidence.get("hedges")
    if found is None:
        words = view.compared_words
        if words is None:
            found = HedgeReading([], [])
        else:
            found = read_hedges(words, view.source.text, view.target.text, view.source.lang, view.target.lang)
        view.evidence["hedges"] = found
    return found  # type: ignore[return-value]


def _one_per_hedge(hedges: list[Flag], dropped: list[Flag]) -> list[Flag]:
    """Where the omission model also reports a lost hedge's words, the surer flag speaks for them."""
    kept = list(dropped)
    for hedge in hedges:
        rivals = [f for f in dropped if spans_overlap(f.source_span, hedge.source_span)]
        if any(f.confidence >= hedge.confidence for f in rivals):
            continue
        kept = [f for f in kept if f not in rivals]
        kept.append(hedge)
    return sorted(kept, key=lambda f: f.source_span or (0, 0))


def _rendered_consistently(view: BeadView, first: int, last: int) -> bool:
    """Every content word of the span has a partner that the document pairs it with in all the beads it occurs in
    ("alto el fuego" / "ceasefire"), among this bead's target words that no source word outside the span is linked
    to (a word already explained elsewhere is no partner: "importance" renders "importancia", not "contar")."""
    words = view.words
    assert words is not None
    taken = {t for s, t in words.links if not first <= s <= last}
    candidates = [w.text for j, w in enumerate(words.target) if j not in taken]
    content = [w.text for w in words.source[first : last + 1] if is_content_word(w.text, view.source.lang)]
    terms = view.context.terms
    return bool(content) and all(terms.partner(w, candidates, view.target.lang) for w in content)


# French negation is two words; a translation that drops "pas" keeps a bare "ne", which a word aligner happily pairs
# with the source's negation ("nicht" / "ne"). Without its second part "ne" renders nothing, and the second part
# belongs after the verb that follows it (object pronouns may come between: "ne se borna [pas]").
_FRENCH_NE = re.compile(r"^(?:ne|n|n['’].*)$", re.IGNORECASE)
_FRENCH_NEGATION_ENDS = frozenset(
    "pas jamais rien personne plus aucun aucune guère point nul nulle nullement ni".split()
)
_FRENCH_BEFORE_VERB = frozenset("me m te t se s nous vous le la les l lui leur y en".split())


def _one_per_french_negation(flags: list[Flag]) -> list[Flag]:
    """A dropped "ne ... pas" is one negation lost, reported once: on its second part, the word that negates in
    speech, with the surer of the two confidences ("ne" alone is flagged where nothing completes it)."""
    kept = list(flags)
    for ne in flags:
        if not _FRENCH_NE.match(ne.source_text) or ne.source_span is None:
            continue
        ends = [
            f
            for f in kept
            if f.source_text.lower() in _FRENCH_NEGATION_ENDS and f.source_span and f.source_span[0] > ne.source_span[1]
        ]
        if not ends:
            continue
        end = min(ends, key=lambda f: f.source_span[0] if f.source_span else 0)
        merged = replace(
            end,
            confidence=max(ne.confidence, end.confidence),
            message=f"source negation '{ne.source_text} … {end.source_text}' missing in the target",
        )
        kept = [merged if f is end else f for f in kept if f is not ne]
    return kept


def _bare_ne(target: list[Word], target_lang: str) -> list[int]:
    """Indices of French "ne" words that no second part completes (none in a sentence with pas, jamais ...)."""
    if target_lang != "fr" or any(w.text.lower() in _FRENCH_NEGATION_ENDS for w in target):
        return []
    return [j for j, w in enumerate(target) if _FRENCH_NE.match(w.text)]


def _after_verb(target: list[Word], ne: int) -> Word:
    """The word a bare "ne" governs (its verb, past pronouns and apostrophes), where the missing "pas" goes."""
    if len(target[ne].text) > 2 and ("'" in target[ne].text or "’" in target[ne].text):
        return target[ne]  # "n'est": the verb is in the word
    k = ne + 1
    while k < len(target) and (
        target[k].text.strip("'’").lower() in _FRENCH_BEFORE_VERB or not target[k].text.strip("'’")
    ):
        k += 1
    return target[min(k, len(target) - 1)]


def _at_likeliest_cut(view: BeadView, gap: int, settings: DetectorSettings) -> int:
    """The gap moved to the junction within reach where the word model's cut-junction model most clearly reads a
    cut ("the ⟨…⟩ European policy", not "the European ⟨…⟩ policy"): the links around a dropped word say roughly
    where it went, the target's own words say at which junction. Unchanged for a target language the move was not
    measured to help in (gap_cut_languages, per word model) and where no junction beats the links' own by the
    margin."""
    words = view.words
    if words is None:
        return gap
    cuts = cut_probabilities(words, view.target.lang, settings.word_model, settings.omission_gap_cut_languages)
    if cuts is None:
        return gap
    # Junction k lies between target words k and k + 1; the links' gap follows the last word ending at or before it.
    at = sum(view.target.file_offset(w.end) <= gap for w in words.target) - 1
    if not 0 <= at < len(cuts):
        return gap
    reach = settings.omission_gap_cut_reach
    best = max(range(max(0, at - reach), min(len(cuts), at + reach + 1)), key=lambda k: cuts[k])
    if cuts[best] - cuts[at] < settings.omission_gap_cut_margin:
        return gap
    return view.target.file_offset(words.target[best].end)


def _after_auxiliary(view: BeadView, gap: int) -> int:
    """Where a dropped negation goes in a language that puts it after an auxiliary ("his spirits did ⟨…⟩ improve"):
    after the nearest auxiliary within two words of the gap, else the gap itself."""
    target = view.words.target if view.words is not None else []
    at = next((j for j, w in enumerate(target) if view.target.file_offset(w.start) >= gap), len(target))
    for j in (at, at + 1, at + 2, at - 1, at - 2):
        if 0 <= j < len(target) and is_auxiliary(target[j].text, view.target.lang):
            return view.target.file_offset(target[j].end)
    return gap


def _without_bare_ne(words: WordAlignment, lang: str, target_lang: str) -> WordAlignment:
    """The word alignment with the source negations' links to a bare French "ne" taken away, so the omission model
    sees such a negation unrendered."""
    bare = _bare_ne(words.target, target_lang)
    negations = [i for i, w in enumerate(words.source) if is_negation(w.text, lang)]
    return _unlinked(words, {(i, j) for i in negations for j in bare})


def _negation_unlinked(words: WordAlignment, verbs: list[int]) -> WordAlignment:
    """The word alignment with these negated verbs' links taken away: a verb whose negation the target does not say
    (it says fewer negations) is linked to its rendering ("düşmeyeceğini" / "would fall"), which hid the lost
    negation from the omission model."""
    return _unlinked(words, {(i, j) for i in verbs for j in range(len(words.target))})


def _unlinked(words: WordAlignment, pairs: set[tuple[int, int]]) -> WordAlignment:
    """The word alignment without these pairs' links, their similarities set to their rows' lowest."""
    if not pairs:
        return words
    similarity = words.similarity.copy()
    for i, j in pairs:
        similarity[i, j] = words.similarity[i].min()
    return replace(words, links=[link for link in words.links if link not in pairs], similarity=similarity)


def _missing_probabilities(words: WordAlignment, lang: str, target_lang: str, word_model: str) -> np.ndarray:
    words = _without_bare_ne(words, lang, target_lang)
    model = load_omission_model(word_model)
    if model is None:  # uncalibrated fallback: unlinked words only
        linked = {s for s, _ in words.links}
        return np.array([0.0 if i in linked else 0.6 for i in range(len(words.source))])
    return model.probabilities(word_features(words, lang, target_lang, word_model))


def _masking_gains(view: BeadView, candidates: list[int]) -> list[float]:
    """How much closer the source gets to the target when a word is cut out: positive when the target lacks it."""
    vectors = view.context.embed(_cut_texts(view, candidates)) if candidates else None
    if vectors is None:
        return [0.0] * len(candidates)
    base = float(vectors[0] @ vectors[1])
    return [float(v @ vectors[1]) - base for v in vectors[2:]]


def _translation_reliefs(view: BeadView, candidates: list[int]) -> list[float]:
    """How much likelier the target gets with each word cut from the source, by the translation model (clipped):
    high where the target was written without the word, negative where cutting it costs the word's rendering."""
    scorer, cap = view.context.translation, view.context.settings.omission_translation_cap
    if scorer is None or not candidates:
        return [0.0] * len(candidates)
    cuts = _cut_sources(view, candidates)
    found = scorer.reliefs(view.source.text, cuts, view.target.text, view.source.lang, view.target.lang)
    return [min(max(r, -cap), cap) for r in found]


def _cut_texts(view: BeadView, candidates: list[int]) -> list[str]:
    """The source, the target, and the source with each candidate word cut out."""
    cuts = _cut_sources(view, candidates)
    return [view.source.text, view.target.text, *cuts] if cuts else []


def _cut_sources(view: BeadView, candidates: list[int]) -> list[str]:
    """The source with each candidate word cut out."""
    words = view.words
    if words is None:
        return []
    text = view.source.text
    return [text[: words.source[i].start] + text[words.source[i].end :] for i in candidates]


def _spans(
    words: WordAlignment, scores: dict[int, float], probabilities: np.ndarray, join: float
) -> list[tuple[int, int]]:
    """Neighbouring missing words form one span; a closed-class word between two of them joins if it is likely
    missing too ("de Contacto", "contar con")."""
    spans: list[tuple[int, int]] = []
    for i in sorted(scores):
        if spans and all(probabilities[k] >= join for k in range(spans[-1][1] + 1, i)) and i - spans[-1][1] <= 2:
            spans[-1] = (spans[-1][0], i)
        else:
            spans.append((i, i))
    return spans


def _trimmed(
    view: BeadView, first: int, last: int, scores: dict[int, float], settings: DetectorSettings
) -> tuple[int, int]:
    """The span without edge words that would not be flagged on their own: a candidate next to a dropped word is
    often only the partner of a one-to-many rendering ("The United Kingdom" / "英国": "United" and "Kingdom" stay
    unlinked when "The" takes the link), and the span should say which words are missing, not where doubt begins.
    A negation stays: whether it is missing matters more than any other word."""
    words = view.words
    assert words is not None
    peak = max((i for i in range(first, last + 1) if i in scores), key=lambda i: scores[i])
    keep = settings.omission_span_edge_confidence

    def weak(i: int) -> bool:
        if is_negation(words.source[i].text, view.source.lang):
            return False
        return i not in scores or word_confidence(scores[i], settings) < keep

    while first < peak and weak(first):
        first += 1
    while last > peak and weak(last):
        last -= 1
    return first, last


def _scar_near(view: BeadView, gap_in_file: int) -> bool:
    text = view.context.target.text
    window = text[max(0, gap_in_file - 12) : gap_in_file + 14]
    return bool(_SCAR.search(window))
