"""The work done for one item (sentences, check or compare), identical whichever engine or process runs it.

A `Worker` holds what is expensive to load (the encoder, the word aligner, calibrations) and is built once per
process: in the CLI process itself, in each local worker process, or in each Ray actor. It returns the rendered
output as a string rather than writing it, so that on a cluster the driver writes every file into --out-dir.
"""

from __future__ import annotations

import contextlib
import os
import time
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from align.batch.manifest import Item
from align.encoders.cache import MAX_MB_ENV, NO_CACHE_ENV, cache_options
from align.environment import scoped_environment
from align.errors import AlignError

if TYPE_CHECKING:
    from align.alignment.sentence_aligner import AlignerConfig
    from align.alignment.words import WordAligner
    from align.compare.thresholds import Calibration
    from align.encoders import Encoder
    from align.text.document import Document

TASKS = ("sentences", "check", "compare")
FORMATS: dict[str, tuple[str, ...]] = {
    "sentences": ("vecalign", "text", "json", "tsv", "tmx", "xliff"),  # first: the default
    "check": ("json", "text", "tsv", "xliff"),
    "compare": ("json", "text", "tsv"),
}


def output_suffix(task: str, fmt: str) -> str:
    """`sentences` keeps the historical `<source name>.<format>`; other tasks say what they are, so running two
    tasks into one folder can never make the second skip items because the first wrote a file of the same name."""
    return f".{fmt}" if task == "sentences" else f".{task}.{fmt}"


@dataclass(frozen=True)
class TaskSettings:
    """Everything that changes an item's output (plus how the process runs), sent once to every worker."""

    task: str = "sentences"
    fmt: str = "vecalign"
    model: str | None = None  # None: use-m3, or e5-small for a pair in a language use-m3 lacks (per item)
    presplit: bool = False
    source_lang: str | None = None
    target_lang: str | None = None
    max_side: int = 4
    skip: float = -0.1
    joins: str = "tokens"
    word_boundaries: bool = False
    min_confidence: float = 0.5
    word_model: str = "e5-small"  # check: whose token states words are aligned in
    translation_model: str | None = None  # check: omission evidence; sentences: bead boundaries settled by it
    fail_on: str = "medium"
    use_cache: bool = True
    cache_max_mb: float | None = None  # cap on the embedding cache, MiB; None: $ALIGN_CACHE_MAX_MB or no cap
    cwd: str | None = None  # workers resolve relative manifest paths against the driver's folder
    threads: int | None = None  # compute threads per worker process; None: the backend's default

    def aligner_config(self) -> AlignerConfig:
        """The aligner's settings; the translation model gives a check omission evidence, sentences bead
        boundaries."""
        from align.alignment.sentence_aligner import AlignerConfig

        boundaries = self.translation_model if self.task == "sentences" else None
        return AlignerConfig.from_options(self.max_side, self.skip, self.joins, self.word_boundaries, boundaries)


@dataclass
class Outcome:
    index: int
    content: str | None
    seconds: float
    reason: str | None = None
    details: dict[str, object] = field(default_factory=dict)


def cache_setting(settings: TaskSettings) -> contextlib.AbstractContextManager[None]:
    """The cache options for the duration (restoring the environment after, for in-process runs)."""
    return cache_options(not settings.use_cache, settings.cache_max_mb)


THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def thread_environment(threads: int | None) -> dict[str, str]:
    """Variables that cap BLAS/OpenMP threads; they must be in a worker's environment before numpy loads, so the
    engines set them where the worker processes are started rather than inside them."""
    return {name: str(threads) for name in THREAD_VARIABLES} if threads else {}


def environment(variables: dict[str, str]) -> contextlib.AbstractContextManager[None]:
    """Set variables for the duration (worker processes started meanwhile inherit them), then restore."""
    return scoped_environment(variables)


def configure_process(settings: TaskSettings) -> None:
    """For a dedicated worker process: quiet, the cache setting and the driver's folder.

    Threads are capped elsewhere (thread_environment, and the ONNX thread count in _load_encoder): several
    workers each starting one compute thread per core oversubscribe the machine (measured here: two USE workers
    with 2 threads each on 2 cores were ~1.5x slower than with 1 each).
    """
    from align.progress import set_quiet

    set_quiet(True)
    if not settings.use_cache:
        os.environ[NO_CACHE_ENV] = "1"
    if settings.cache_max_mb is not None:
        os.environ[MAX_MB_ENV] = repr(settings.cache_max_mb)
    if settings.cwd and os.path.isdir(settings.cwd):
        os.chdir(settings.cwd)


def _load_encoder(model: str, threads: int | None):  # noqa: ANN202 - an Encoder
    """`load_encoder`, except that the ONNX backend gets an explicit thread count when one is asked for.

    load_encoder() has no thread option (the ONNX session runs on one thread), so the worker puts its own instance
    into the per-process registry before anything else loads it; everything else is as load_encoder builds it.
    torch (e5, the word aligner) follows OMP_NUM_THREADS, which the engines set when they start the workers.
    """
    import align.encoders as encoders

    if threads and model == "use-m3" and model not in encoders._cache:
        from align.encoders.cache import with_cache
        from align.encoders.use_onnx import UseOnnxEncoder

        encoders._cache[model] = with_cache(UseOnnxEncoder(threads=threads))
    return encoders.load_encoder(model)


@dataclass
class _Models:
    """What items read with one sentence encoder need: the encoder and, per task, its word aligner or thresholds."""

    encoder: Encoder
    word_aligner: WordAligner | None = None
    calibration: Calibration | None = None


class Worker:
    """Loads the models for a task once, then runs items; never raises for a bad item."""

    def __init__(self, settings: TaskSettings) -> None:
        from align.encoders import DEFAULT_MODEL

        if settings.task not in TASKS:
            raise AlignError(f"unknown task {settings.task!r}; expected one of {', '.join(TASKS)}")
        self.settings = settings
        self.config = settings.aligner_config()
        self._models: dict[str, _Models] = {}
        # The model every item starts with, loaded up front (a fallback model only when an item needs it).
        self._models_for(_load_encoder(settings.model or DEFAULT_MODEL, settings.threads))

    def _models_for(self, encoder: Encoder) -> _Models:
        name = encoder.info.name
        if name not in self._models:
            models = _Models(encoder)
            if self.settings.task == "check":
                from align.alignment.words import WordAligner

                models.word_aligner = WordAligner(model=self.settings.word_model, sentence_encoder=encoder)
            elif self.settings.task == "compare":
                from align.compare.thresholds import load_calibration

                models.calibration = load_calibration(name)
            self._models[name] = models
        return self._models[name]

    def run(self, item: Item) -> Outcome:
        started = time.perf_counter()
        try:
            with cache_setting(self.settings):
                content, details = getattr(self, f"_{self.settings.task}")(item)
            return Outcome(item.index, content, time.perf_counter() - started, None, details)
        except AlignError as exc:
            return Outcome(item.index, None, time.perf_counter() - started, str(exc))
        except Exception as exc:  # one bad item must not stop the batch; its reason goes to the summary
            where = traceback.extract_tb(exc.__traceback__)[-1]
            reason = f"{type(exc).__name__}: {exc} (at {os.path.basename(where.filename)}:{where.lineno})"
            return Outcome(item.index, None, time.perf_counter() - started, reason)

    def _read(self, item: Item) -> tuple[_Models, list[Document]]:
        """The item's documents (source first), read with the model asked for, or the one their languages need."""
        from align.pipeline import ReadOptions, read_documents

        presplit = self.settings.presplit
        requests = [(item.source, ReadOptions(presplit, self.settings.source_lang))]
        requests += [(path, ReadOptions(presplit, self.settings.target_lang)) for path in item.targets]
        encoder, documents = read_documents(requests, self.settings.model)
        return self._models_for(encoder), documents

    def _sentences(self, item: Item) -> tuple[str, dict[str, object]]:
        from align.pipeline import align_documents

        models, (source, target, *_) = self._read(item)
        result = align_documents(source, target, models.encoder, self.config, self.settings.presplit)
        details = {"beads": len(result.beads), "related": result.related, "model": models.encoder.info.name}
        from align.reports.alignment_formats import render_alignment

        return render_alignment(result, self.settings.fmt), details

    def _check(self, item: Item) -> tuple[str, dict[str, object]]:
        from align.check import check_documents, fails, load_translation_scorer
        from align.detectors.calibration import load_settings
        from align.reports import check_json, check_text, check_tsv, check_xliff

        models, (source, target, *_) = self._read(item)
        assert models.word_aligner is not None
        result = check_documents(
            source,
            target,
            models.encoder,
            models.word_aligner,
            self.config,
            self.settings.presplit,
            self.settings.min_confidence,
            load_translation_scorer(self.settings.translation_model),
        )
        writers = {"json": check_json.render, "tsv": check_tsv.render, "xliff": check_xliff.render}
        render = writers.get(self.settings.fmt, check_text.render)
        gate = not result.related or fails(result.flags, self.settings.fail_on, load_settings(self.settings.word_model))
        details = {"flags": len(result.flags), "related": result.related, "fails_gate": gate}
        return render(result), {**details, "model": models.encoder.info.name}

    def _compare(self, item: Item) -> tuple[str, dict[str, object]]:
        from align.compare.run import compare_documents

        models, (reference, *versions) = self._read(item)
        assert models.calibration is not None
        result = compare_documents(
            reference, versions, models.encoder, models.calibration, presplit=self.settings.presplit
        )
        if self.settings.fmt == "json":
            from align.compare.report_json import render
        elif self.settings.fmt == "tsv":
            from align.compare.report_tsv import render
        else:
            from align.compare.report_text import render
        return render(result), {"versions": len(versions), "model": models.encoder.info.name}
