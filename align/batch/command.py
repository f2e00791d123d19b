"""`align batch` and `align cache`: Typer layers over align.batch.runner and align.encoders.cache.

They live here (registered at the end of align/cli.py, like `compare`) so corpus-scale work is one package; the
option aliases are defined again because importing them from align.cli would be circular.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from align.aligner_options import (
    JoinMode,
    Joins,
    MaxSide,
    ModelOption,
    Skip,
    TranslationModel,
    TranslationModelOption,
    WordBoundaries,
    WordModel,
    WordModelOption,
)
from align.alignment.sentence_aligner import AlignerConfig
from align.cache_options import CacheMaxMbOption, NoCacheOption
from align.detectors.calibration import Severity, load_settings
from align.errors import AlignError
from align.progress import set_quiet


class Task(str, Enum):
    sentences = "sentences"
    check = "check"
    compare = "compare"


class EngineName(str, Enum):
    local = "local"
    ray = "ray"


def _fail(message: str) -> None:
    Console(stderr=True).print(f"[bold red]error:[/bold red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="MANIFEST: TSV (source TAB target per line) or JSONL ({\"source\", \"target\", \"id\"?}); "
            "or two folders DIR_A DIR_B whose files are matched by name; lines starting with # (no tab) are comments, "
            "relative paths are read from the current folder",
            metavar="MANIFEST | DIR_A DIR_B",
        ),
    ],
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Folder for one output per item, plus summary.json")],
    task: Annotated[Task, typer.Option("--task", help="What to run on every item")] = Task.sentences,
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="sentences: vecalign (default), text, json, tsv, tmx, xliff; "
                     "check: json (default), text, tsv or xliff; compare: json (default), text or tsv"),
    ] = None,
    presplit: Annotated[bool, typer.Option("--presplit", help="Inputs are one sentence per line")] = False,
    model: ModelOption = None,
    source_lang: Annotated[str | None, typer.Option("--source-lang", help="ISO 639-1; detected when omitted")] = None,
    target_lang: Annotated[str | None, typer.Option("--target-lang", help="ISO 639-1; detected when omitted")] = None,
    max_side: MaxSide = AlignerConfig.max_side,
    skip: Skip = AlignerConfig.skip,
    joins: Joins = JoinMode.tokens,
    word_boundaries: WordBoundaries = False,
    min_confidence: Annotated[float, typer.Option("--min-confidence", help="check: report flags this sure")] = 0.5,
    word_model: WordModelOption = WordModel.e5_small,
    translation_model: TranslationModelOption = TranslationModel.none,
    fail_on: Annotated[
        Severity, typer.Option("--fail-on", help="check: severity counted as failing the gate in the summary")
    ] = Severity.medium,
    engine: Annotated[EngineName, typer.Option("--engine", help="local processes, or a Ray cluster")] = (
        EngineName.local
    ),
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-j", help="Worker processes (local; default: cores) or actors (ray; default: CPUs)"),
    ] = None,
    ray_address: Annotated[
        str | None, typer.Option("--ray-address", help="Ray cluster address (e.g. HEAD:6379, auto); default: local")
    ] = None,
    no_cache: NoCacheOption = False,
    cache_max_mb: CacheMaxMbOption = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Recompute items whose output already exists")] = (
        False
    ),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr")] = False,
) -> None:
    """Run sentences, check or compare on many items; resumable: finished items are skipped on a rerun.

    Sentences: OUT_DIR/<source file name>.<format> (test0.de -> test0.de.vecalign).

    Check and compare: OUT_DIR/<source file name>.check.<format> or .compare.<format>. A JSONL "id" replaces the name.

    OUT_DIR/summary.json: counts, failures with reasons, seconds per item.

    Exit status 1 if any item failed, 2 if the batch could not run. Ray clusters: see align/batch/ray_engine.py.
    """
    from align.batch.runner import BatchOptions, run_batch
    from align.batch.tasks import FORMATS, TaskSettings
    from align.encoders.cache import check_max_mb

    set_quiet(quiet)
    try:
        allowed = FORMATS[task.value]
        chosen = fmt or allowed[0]
        if chosen not in allowed:
            raise AlignError(f"--format {chosen} does not go with --task {task.value}; use one of {', '.join(allowed)}")
        if workers is not None and workers < 1:
            raise AlignError("--workers must be at least 1")
        if ray_address and engine != EngineName.ray:
            raise AlignError("--ray-address goes with --engine ray")
        if not 0.0 <= min_confidence <= 1.0:
            raise AlignError("--min-confidence must be between 0 and 1")
        if task.value == "check":  # its complaint before any work starts
            load_settings(word_model.value).for_translation_model(translation_model.name_or_none)
        check_max_mb(cache_max_mb)
        settings = TaskSettings(
            task=task.value,
            fmt=chosen,
            model=model,
            presplit=presplit,
            source_lang=source_lang,
            target_lang=target_lang,
            max_side=max_side,
            skip=skip,
            joins=joins.value,
            word_boundaries=word_boundaries,
            min_confidence=min_confidence,
            word_model=word_model.value,
            translation_model=translation_model.name_or_none,
            fail_on=fail_on.value,
            use_cache=not no_cache,
            cache_max_mb=cache_max_mb,
            cwd=os.getcwd(),
        )
        settings.aligner_config()  # its complaints before any work starts
        options = BatchOptions(out_dir, engine.value, workers, ray_address, overwrite)
        report = run_batch(inputs, settings, options)
    except AlignError as exc:
        _fail(str(exc))
    counts = report.summary["counts"]
    if not quiet:
        Console(stderr=True).print(
            f"{counts['done']} done, {counts['skipped']} skipped, {counts['failed']} failed "  # type: ignore[index]
            f"-> {out_dir / 'summary.json'}",
            highlight=False,
        )
    if report.failed:
        raise typer.Exit(1)


cache_app = typer.Typer(
    help="The on-disk embedding cache shared by every command (ALIGN_NO_CACHE=1 turns it off).",
    no_args_is_help=True,
)


def _store():  # noqa: ANN202 - an EmbeddingStore
    from align.encoders.cache import EmbeddingStore, default_cache_path

    return EmbeddingStore(default_cache_path())


@cache_app.command("stats")
def cache_stats(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output")] = False,
) -> None:
    """Where the cache is, its size, and how many vectors it holds per model."""
    import json
    import sqlite3

    try:
        stats = _store().stats()
    except sqlite3.Error as exc:
        _fail(f"embedding cache: {exc} ({_UNREADABLE_HINT})")
    if as_json:
        print(json.dumps({
            "path": str(stats.path),
            "bytes": stats.file_bytes,
            "entries": stats.entries,
            "models": [{"model": m.model, "dim": m.dim, "entries": m.entries, "vector_bytes": m.vector_bytes}
                       for m in stats.models],
        }, indent=1))
        return
    print(f"cache: {stats.path}")
    print(f"entries: {stats.entries}")
    print(f"size: {stats.file_bytes / 2**20:.1f} MiB")
    for m in stats.models:
        print(f"  {m.model} (dim {m.dim}): {m.entries} entries, {m.vector_bytes / 2**20:.1f} MiB of vectors")


@cache_app.command("clear")
def cache_clear(
    model: Annotated[str | None, typer.Option("--model", help="Remove only this model's vectors")] = None,
) -> None:
    """Remove cached vectors (all, or one model's); they are recomputed when next needed."""
    import sqlite3

    store = _store()
    try:
        known = {m.model for m in store.stats().models} if model else set()
        removed = store.clear(model)
    except sqlite3.OperationalError as exc:  # locked, I/O: a cache that may be fine and in use, never deleted
        _fail(f"embedding cache: {exc}")
    except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed": nothing SQLite can read
        if model:
            _fail(f"embedding cache: {exc} ({_UNREADABLE_HINT})")
        store.remove_files()  # a cache SQLite cannot read holds nothing worth keeping
        print(f"removed the unreadable cache file {store.path} ({exc})")
        return
    if model and model not in known:
        listed = ", ".join(sorted(known)) or "none"
        print(f"no vectors of model {model} in the cache (models there: {listed}); nothing removed")
        return
    print(f"removed {removed} entries" + (f" of model {model}" if model else ""))


_UNREADABLE_HINT = "`align cache clear` without --model removes an unreadable cache file"
