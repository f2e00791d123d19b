"""`align check`: align, then look inside every bead for what was dropped, changed or garbled."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from align.alignment.beads import Bead
from align.alignment.sentence_aligner import AlignerConfig
from align.alignment.words import DEFAULT_WORD_MODEL, WordAligner, WordAlignment
from align.detectors.base import (
    BeadView,
    CheckContext,
    Flag,
    SideText,
    TranslationScorer,
    repeated_parts,
    sentence_key,
    spans_overlap,
)
from align.detectors.calibration import SEVERITY_ORDER, DetectorSettings, calibrate, load_settings
from align.detectors.lexicon import MODELS_DIR
from align.detectors.moved import KIND as MOVED
from align.detectors.moved import paired_as_moved
from align.detectors.registry import all_detectors
from align.encoders import Encoder
from align.errors import AlignError
from align.pipeline import ReadOptions, SentenceAlignment, align_documents, read_pair
from align.progress import progress_bar, status
from align.text.document import Document
from align.text.word_segmentation import segmenter_name

# Non-null beads whose words are aligned in one batch of forward passes (see _word_alignments_in_chunks).
WORD_CHUNK = 512
# Where two flags cover the same source words, the kind listed first wins: a sentence with no counterpart at all,
# then the more specific kinds.
_SPECIFICITY = ["missing_sentence", "truncation", "number_mismatch", "name_mismatch", "garbled", "omission"]
_JUNCTION_EXPLAINERS = ("untranslated", "duplicate")
_CUT_SHORT_LEAST = 3  # source sentences at the end with no counterpart (a fifth of all, too) to say "stops early"


@dataclass
class CheckResult:
    alignment: SentenceAlignment
    flags: list[Flag]
    related: bool
    pair_score: float
    signature: dict[str, object] = field(default_factory=dict)
    unrelated_because: str = ""  # the test the pair failed, in words (empty when related)

    def unrelated_reason(self) -> str:
        """Why the pair was judged unrelated, in words for the reports; where one text is much longer, what to run
        instead (`compare` finds a translation inside a longer text, and `--check` checks it there)."""
        reason = self.unrelated_because or f"their sentences barely match (mean bead score {self.pair_score:.2f})"
        lengths = sorted((len(self.source.text), len(self.target.text)))
        if lengths[1] > 2 * lengths[0]:
            reason += (
                f"; one is {lengths[1] / max(lengths[0], 1):.0f} times as long as the other: to check a translation "
                "inside a longer text, run `align compare SOURCE TARGET --check`"
            )
        return reason

    def stops_early(self) -> str:
        """Said once where the source's last sentences all align to nothing (wire copy cut short), for the reports:
        a run of missing sentences at the end reads, row by row, as many separate losses. Empty otherwise."""
        tail = 0
        for bead in reversed(self.beads):
            if bead.target:
                break
            tail += len(bead.source)
        total = len(self.source.sentences)
        if tail < _CUT_SHORT_LEAST or tail * 5 < total or tail == total:
            return ""
        return f"The target stops early: the last {tail} of the source's {total} sentences have no counterpart."

    @property
    def source(self) -> Document:
        return self.alignment.source

    @property
    def target(self) -> Document:
        return self.alignment.target

    @property
    def beads(self) -> list[Bead]:
        return self.alignment.beads


def check_files(
    source_path: str,
    target_path: str,
    model: str | None = None,
    config: AlignerConfig | None = None,
    source_options: ReadOptions | None = None,
    target_options: ReadOptions | None = None,
    word_model: str = DEFAULT_WORD_MODEL,
    min_confidence: float = 0.5,
    translation_model: str | None = None,
) -> CheckResult:
    """Python API: check a translation against its original with one call, as `align check` does (model None: the
    default sentence encoder, or the fallback where it does not cover a language; translation_model
    "gemma-3-270m": omission evidence from that model, align/encoders/translation_lm.py)."""
    if not 0.0 <= min_confidence <= 1.0:
        raise AlignError("--min-confidence must be between 0 and 1")
    encoder, source, target, presplit = read_pair(source_path, target_path, model, source_options, target_options)
    load_settings(word_model).for_translation_model(translation_model)  # its complaint before any model loads
    word_aligner, lock = _word_aligner(word_model, encoder)
    translation = load_translation_scorer(translation_model)
    with lock:  # the word aligner keeps recent token states: calls from several threads take turns with it
        return check_documents(
            source, target, encoder, word_aligner, config or AlignerConfig(), presplit, min_confidence, translation
        )


def load_translation_scorer(name: str | None) -> TranslationScorer | None:
    """The translation model a check reads omission evidence from (None: none)."""
    if name is None:
        return None
    from align.encoders.translation_lm import load_translation_lm

    return load_translation_lm(status, name)


# (word model, id of the sentence encoder) -> the encoder, kept so that its id is not reused, its word aligner, and
# the lock its users take turns with.
_WORD_ALIGNERS: dict[tuple[str, int], tuple[Encoder, WordAligner, threading.Lock]] = {}
_WORD_ALIGNERS_LOCK = threading.Lock()


def _word_aligner(word_model: str, encoder: Encoder) -> tuple[WordAligner, threading.Lock]:
    """One word aligner per word model and sentence encoder for the process (models load once: a new one for every
    `check_files` call cost 0.7 s of a 1 s check)."""
    key = (word_model, id(encoder))
    with _WORD_ALIGNERS_LOCK:
        if key not in _WORD_ALIGNERS:
            status("loading the word aligner")
            aligner = WordAligner(model=word_model, status=status, sentence_encoder=encoder)
            _WORD_ALIGNERS[key] = (encoder, aligner, threading.Lock())
        _, aligner, lock = _WORD_ALIGNERS[key]
        return aligner, lock


def check_documents(
    source: Document,
    target: Document,
    encoder: Encoder,
    word_aligner: WordAligner,
    config: AlignerConfig,
    presplit: bool,
    min_confidence: float = 0.5,
    translation: TranslationScorer | None = None,
) -> CheckResult:
    word_aligner.check_language(source.lang, source.path)
    word_aligner.check_language(target.lang, target.path)
    settings = load_settings(word_aligner.model).for_sentence_model(encoder.info.name)
    settings = settings.for_translation_model(translation.name if translation else None)
    alignment = align_documents(source, target, encoder, config, presplit, word_aligner)
    pair = alignment.relatedness
    assert pair is not None  # align_documents judges every pair it aligns
    signature = dict(alignment.signature)
    signature.update(check_signature(word_aligner, settings, min_confidence))
    if pair.unrelated_because:
        return CheckResult(alignment, [], False, pair.score, signature, pair.unrelated_because)
    flags = find_flags(alignment, word_aligner, settings, encode=encoder.encode, translation=translation)
    flags = [f for f in flags if f.confidence >= min_confidence]
    return CheckResult(alignment, flags, True, pair.score, signature)


def find_flags(
    alignment: SentenceAlignment,
    word_aligner: WordAligner | None,
    settings: DetectorSettings,
    word_alignments: list[WordAlignment] | None = None,
    encode: Callable[[list[str]], np.ndarray] | None = None,
    translation: TranslationScorer | None = None,
) -> list[Flag]:
    """Flags in every bead; word alignments of the non-null beads may be given (benchmarks batch them). With a
    translation model, `settings` must be those for it (DetectorSettings.for_translation_model)."""
    context = CheckContext(
        alignment.source, alignment.target, alignment.beads, settings, encode=encode, translation=translation
    )
    keys = [sentence_key(sentence.text) for sentence in alignment.target.sentences]
    for sentence, key in zip(alignment.target.sentences, keys, strict=True):
        context.target_sentence_counts[key] = context.target_sentence_counts.get(key, 0) + 1
        context.target_first_seen.setdefault(key, sentence.id)
    context.target_part_of = repeated_parts(
        keys, settings.duplicate_short_sentence_words, settings.duplicate_short_sentence_reach
    )
    for index, bead in enumerate(alignment.beads):
        context.bead_of_target.update((j, index) for j in bead.target)
    sides = [
        (SideText.of(alignment.source, bead.source), SideText.of(alignment.target, bead.target))
        for bead in alignment.beads
    ]
    if word_alignments is not None:
        return _flags_per_bead(alignment.beads, sides, iter(word_alignments), context, settings)
    assert word_aligner is not None
    pairs = [(s.text, t.text) for (s, t), bead in zip(sides, alignment.beads, strict=True) if not bead.is_null]
    with progress_bar("aligning words", len(pairs)) as advance:
        langs = (alignment.source.lang, alignment.target.lang)
        streamed = _word_alignments_in_chunks(word_aligner, pairs, langs, advance)
        return _flags_per_bead(alignment.beads, sides, streamed, context, settings)


def _word_alignments_in_chunks(
    aligner: WordAligner,
    pairs: list[tuple[str, str]],
    langs: tuple[str, str],
    advance: Callable[[int], None],
) -> Iterator[WordAlignment]:
    """Word alignments a chunk of beads at a time, used and dropped as the detectors go: all at once, a
    10,000-bead document held every word's vector and every similarity matrix together (about 1 GB). A document
    of up to one chunk is aligned in one call, exactly as before."""
    told = False
    for start in range(0, len(pairs), WORD_CHUNK):
        chunk = pairs[start : start + WORD_CHUNK]
        for words in aligner.align_many(chunk, langs=langs):
            if words.cut and not told:
                status(
                    f"some beads are longer than the word aligner reads ({aligner.max_length} subwords a side): "
                    "their words past that are not checked word by word"
                )
                told = True
            yield words
        advance(len(chunk))


def _flags_per_bead(
    beads: list[Bead],
    sides: list[tuple[SideText, SideText]],
    word_alignments: Iterator[WordAlignment],
    context: CheckContext,
    settings: DetectorSettings,
) -> list[Flag]:
    detectors = all_detectors()
    flags: list[Flag] = []
    for start in range(0, len(beads), WORD_CHUNK):
        views = []
        for index in range(start, min(start + WORD_CHUNK, len(beads))):
            bead, (source_side, target_side) = beads[index], sides[index]
            words = None if bead.is_null else next(word_alignments)
            views.append(BeadView(index, bead, source_side, target_side, words, context))
        # The sentence vectors the detectors will ask for, a chunk of beads in one call (the encoder runs them side
        # by side; bead by bead, each call held a handful); dropped after the chunk.
        context.embedded.clear()
        context.fetch([text for view in views for detector in detectors for text in detector.texts_to_embed(view)])
        for view in views:
            for detector in detectors:
                flags.extend(calibrate(flag, settings) for flag in detector.detect(view))
    context.embedded.clear()
    kept = _without_explained_junctions(_without_overlaps(flags))
    kept = paired_as_moved(kept, context)
    return [_cut_from_files(flag, context.source.text, context.target.text) for flag in kept]


def _cut_from_files(flag: Flag, source_text: str, target_text: str) -> Flag:
    """A flag's texts as its files have them between its offsets (the JSON contract): detectors read a bead's text,
    in which a line break inside a sentence is a space (a wrapped line gave "de las  cotizaciones")."""

    def cut(span: tuple[int, int] | None, said: str, text: str) -> str:
        return text[span[0] : span[1]] if span is not None and span[1] > span[0] else said

    return replace(
        flag,
        source_text=cut(flag.source_span, flag.source_text, source_text),
        target_text=cut(flag.target_span, flag.target_text, target_text),
    )


def check_signature(aligner: WordAligner, settings: DetectorSettings, min_confidence: float) -> dict[str, object]:
    """What changes the flags (also recorded by `align compare --check`)."""
    return {
        "word_aligner": {
            **aligner.signature(),
            # Chinese words come from the segmenter (align/text/word_segmentation.py).
            "word_segmenter": segmenter_name(),
        },
        "min_confidence": min_confidence,
        "calibration": settings.calibrated_for,
        # The values set per sentence encoder, as its similarity scale needs (models/detectors.json).
        "sentence_model_settings": {
            "omission_masking_weight": settings.omission_masking_weight,
            "min_mean_bead_score": settings.min_mean_bead_score,
        },
        # Omission evidence from a translation model, and its weight (models/detectors.json).
        "translation_model": {
            "name": settings.translation_model,
            "weight": settings.omission_translation_weight,
            "cap": settings.omission_translation_cap,
        }
        if settings.translation_model
        else None,
        # The kinds that can be flagged: each bead's detectors, then moved passages across the document.
        "detectors": [d.kind for d in all_detectors()] + [MOVED],
        "detector_data": detector_data_digests(),
        # English parts of speech decide which words may be the verb of two parties (align/detectors/roles.py) and
        # which noun a word of sex qualifies ("mother tongue": align/detectors/genders.py).
        "part_of_speech": package_name("lemminflect"),
        # How common a word is in each language decides untranslated leftovers, names and rare word pairs
        # (align/text/word_frequency.py): wordfreq's data changes with its version.
        "word_frequencies": package_name("wordfreq"),
    }


def package_name(package: str) -> str:
    """A package and its version, for signatures: its data changes flags as the code does."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{package} {version(package)}"
    except PackageNotFoundError:
        return f"{package} (not installed)"


@lru_cache(maxsize=1)
def detector_data_digests() -> dict[str, str]:
    """A digest of each data file under models/ (thresholds, calibration, the omission model, word lists): they
    change flags as much as code does, and a refit changes them without changing the tool's version. Read once per
    process, as the settings they describe are (a batch checks many pairs)."""
    return {
        path.relative_to(MODELS_DIR).as_posix(): "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        for path in sorted(MODELS_DIR.rglob("*.json"))
    }


def _without_overlaps(flags: list[Flag]) -> list[Flag]:
    """Where flags of one bead cover the same source words, the more specific kind speaks for them ("truncation"
    over the omissions inside a cut tail); but a less specific flag that is more confident and covers the other
    whole replaces it: "Juni 2004 verfügte" dropped outright is an omission of three words, not a number that
    disagrees (which only "2004" would have said, at .31)."""
    kept: list[Flag] = []
    specific_in_bead: dict[int, list[Flag]] = {}  # only flags of the same bead compete: linear in the document
    ranked = sorted(flags, key=lambda f: _SPECIFICITY.index(f.kind) if f.kind in _SPECIFICITY else -1)
    for flag in ranked:
        rivals = specific_in_bead.setdefault(flag.bead, [])
        if flag.kind in _SPECIFICITY:
            overlapping = [other for other in rivals if spans_overlap(other.source_span, flag.source_span)]
            if overlapping and not all(_explains(flag, other) for other in overlapping):
                continue
            for other in overlapping:
                kept.remove(other)
                rivals.remove(other)
            rivals.append(flag)
        kept.append(flag)
    return sorted(kept, key=lambda f: (f.bead, f.source_span or f.target_span or (0, 0)))


def _without_explained_junctions(flags: list[Flag]) -> list[Flag]:
    """An odd pair of target words at the edge of an untranslated span ("of la") or a repeated passage ("the the")
    is that span's trace, not a cut of its own: the flag that says what happened speaks for it."""
    edges: dict[int, list[tuple[int, int]]] = {}
    for flag in flags:
        if flag.kind in _JUNCTION_EXPLAINERS and flag.target_span is not None:
            edges.setdefault(flag.bead, []).append(flag.target_span)
    return [flag for flag in flags if not _explained_junction(flag, edges.get(flag.bead, []))]


def _explained_junction(flag: Flag, spans: list[tuple[int, int]]) -> bool:
    if flag.kind != "garbled" or flag.source_span is not None or flag.target_span is None:
        return False  # only junctions: a merged heading has its source line
    start, end = flag.target_span
    return any(start <= other_end and other_start <= end for other_start, other_end in spans)


def _explains(wider: Flag, other: Flag) -> bool:
    """Whether a less specific flag says all the other does, with more confidence: the other reports words absent
    from the target (a number or name that disagrees with one there, "Francia" / "Alemania", says more)."""
    assert wider.source_span is not None and other.source_span is not None
    inside = wider.source_span[0] <= other.source_span[0] and other.source_span[1] <= wider.source_span[1]
    absent = not other.target_text and other.kind in ("number_mismatch", "name_mismatch")
    return inside and absent and wider.confidence > other.confidence


def fails(flags: list[Flag], fail_on: str, settings: DetectorSettings) -> bool:
    threshold = SEVERITY_ORDER[fail_on]
    return any(SEVERITY_ORDER[settings.severity.get(f.kind, "medium")] >= threshold for f in flags)
