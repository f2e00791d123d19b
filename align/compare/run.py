"""The compare pipeline: read every file once, embed the reference once, match each version, decide coverage.

Used by the CLI command and the benchmark alike, so what is measured is what users run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from align import __version__
from align.alignment.debris import is_debris
from align.alignment.sentence_aligner import AlignerConfig
from align.alignment.words import DEFAULT_WORD_MODEL
from align.compare.coverage import added_sentences, coverage_cells, matches_of, without_debris_matches
from align.compare.matching import MatchConfig, Side, match_version
from align.compare.model import Comparison, VersionComparison
from align.compare.thresholds import Calibration, load_calibration
from align.encoders import Encoder
from align.errors import AlignError
from align.pipeline import ReadOptions, align_documents, embed_texts, read_documents
from align.progress import status, warning
from align.text.document import Document
from align.text.segment import splitter_name


def compare_documents(
    reference: Document,
    versions: Sequence[Document],
    encoder: Encoder,
    calibration: Calibration,
    config: MatchConfig | None = None,
    presplit: bool = False,
    on_stage: Callable[[str], None] | None = None,
) -> Comparison:
    """Compare already-read documents; the reference is embedded once for all versions."""
    config = config or MatchConfig()
    thresholds = calibration.thresholds
    memo = _RunMemo(encoder)
    ref_vectors = memo.embed(reference.sentence_texts, f"embedding {reference.path}")
    ref_side = Side(ref_vectors, reference.sentence_texts)

    def embed(texts: list[str]) -> np.ndarray:
        return memo.embed(texts, "embedding joined sentences")

    results = []
    for index, version in enumerate(versions):
        if on_stage:
            on_stage(f"matching {version.path}")
        vectors = memo.embed(version.sentence_texts, f"embedding {version.path}")
        matching = match_version(ref_side, Side(vectors, version.sentence_texts), thresholds, config, embed)
        matching = without_debris_matches(matching, reference.sentence_texts, version.sentence_texts)
        scores = [group.evidence for group in matching.groups]
        median = float(np.median(scores)) if scores else None
        # A version of one or two sentences (a headline) is a short rendering, not a sample to judge a text by.
        judged = sum(not is_debris(text) for text in version.sentence_texts) >= _MIN_SENTENCES_JUDGED
        related = median is None or not judged or median >= thresholds.unrelated_median
        if not related:
            related = _in_order_a_version(reference, version, encoder, presplit)
        if not related:
            warning(
                f"{version.path} does not read as a version of {reference.path} (median match score {median:.2f}, "
                f"under {thresholds.unrelated_median:.2f}): nothing of it counted as carried"
            )
            matching = replace(matching, groups=[], ref_scores={}, ref_links={}, ref_length={})
        results.append(
            VersionComparison(
                index=index,
                document=version,
                matches=matches_of(matching),
                added=added_sentences(matching, version.sentence_texts),
                cells=coverage_cells(matching, reference.sentence_texts, index, thresholds),
                related=related,
            )
        )
    signature = make_signature(encoder, calibration, config, presplit, reference, versions)
    return Comparison(reference, results, signature)


def _in_order_a_version(reference: Document, version: Document, encoder: Encoder, presplit: bool) -> bool:
    """A version whose matches score low may still be a complete translation in order: a whole Text+Berg article
    against its own French read as unrelated (median .18) where `align check`'s judgement of the aligned pair, read
    in order, is right on every such pair; the median judges versions that reorder or drop much."""
    return align_documents(reference, version, encoder, AlignerConfig(), presplit).related


# Sentences a version needs before it can read as unrelated: the median of a few loose matches is noise (a faithful
# but free 3-sentence rendering scored .17).
_MIN_SENTENCES_JUDGED = 5


class _RunMemo:
    """Each distinct text embedded once per run: versions of one story share sentences (wire copies, light edits),
    and the reference's joined neighbours come up again for every version (five versions of a 293-sentence story:
    1,542 joined texts asked for, 1,019 distinct). Works with the on-disk cache off, as on a first run."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self.vectors: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str], description: str) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if missing:
            for text, vector in zip(missing, embed_texts(self.encoder, missing, description), strict=True):
                self.vectors[text] = vector
        if not texts:
            return np.zeros((0, self.encoder.info.dim), dtype=np.float32)
        return np.stack([self.vectors[t] for t in texts])


def make_signature(
    encoder: Encoder,
    calibration: Calibration,
    config: MatchConfig,
    presplit: bool,
    reference: Document,
    versions: Sequence[Document],
) -> dict[str, object]:
    """Everything that changes the result, so a run can be reproduced and its scores read."""
    thresholds = calibration.thresholds
    presplit = presplit or all(d.presplit for d in [reference, *versions])  # a TMX/XLIFF brings its own segments
    return {
        "tool": "align",
        "command": "compare",
        "version": __version__,
        "model": encoder.info.name,
        "model_dim": encoder.info.dim,
        "presplit": presplit,
        "sentence_splitter": None if presplit else splitter_name(),
        "reference_lang": reference.lang,
        "version_langs": [v.lang for v in versions],
        "matcher": config.signature(),
        "thresholds": {
            **asdict(thresholds),
            "calibrated_for": calibration.encoder,
            "calibrated_for_this_model": calibration.exact,
            "fitted_on": calibration.fitted_on,
        },
        "score": "cosine of joined texts minus mean cosine of the members' nearest neighbours (margin)",
        "check": None,  # `--check`: the fragment detectors' settings (align.compare.fragments)
    }


def compare_files(
    reference_path: str,
    version_paths: Sequence[str],
    model: str | None = None,
    presplit: bool = False,
    config: MatchConfig | None = None,
    thresholds_file: Path | None = None,
    check: bool = False,
    min_confidence: float = 0.5,
    word_model: str = DEFAULT_WORD_MODEL,
    reference_lang: str | None = None,
    version_langs: Sequence[str] = (),
) -> Comparison:
    """Python API: compare files with one call (one model load, every file read and checked before any work);
    `check` also runs `align check`'s fragment detectors inside every match. Languages not given are detected;
    `version_langs` holds one code for every version or one per version."""
    if isinstance(version_paths, (str, os.PathLike)):  # one version given alone, not a list of its characters
        version_paths = [version_paths]
    if isinstance(version_langs, str):
        version_langs = [version_langs]
    if not version_paths:
        raise AlignError("give at least one VERSION to compare with the reference")
    if not 0.0 <= min_confidence <= 1.0:
        raise AlignError("--min-confidence must be between 0 and 1")
    if len(version_langs) not in (0, 1, len(version_paths)):
        raise AlignError(
            f"--target-lang given {len(version_langs)} times for {len(version_paths)} versions: give it once for "
            "all of them or once per version, in their order"
        )
    langs = list(version_langs) * len(version_paths) if len(version_langs) == 1 else list(version_langs)
    requests = [(reference_path, ReadOptions(presplit, reference_lang))]
    requests += [(path, ReadOptions(presplit, langs[k] if langs else None)) for k, path in enumerate(version_paths)]
    encoder, (reference, *versions) = read_documents(requests, model)
    calibration = load_calibration(encoder.info.name, thresholds_file)
    if not calibration.exact:
        status(f"no thresholds calibrated for {encoder.info.name}; using those of {calibration.encoder}")
    result = compare_documents(reference, versions, encoder, calibration, config, presplit, status)
    if check:
        from align.compare.fragments import FragmentCheck, check_matches

        status("loading the word aligner")
        fragments = FragmentCheck.load(min_confidence, encoder, status, word_model)
        for document in (reference, *versions):
            fragments.word_aligner.check_language(document.lang, document.path)
        check_matches(result, fragments)
    return result
