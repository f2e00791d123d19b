"""The driver: decide what is left to do, hand it to an engine, write each result as it arrives, keep a summary.

Resumability rests on one rule: an item is finished exactly when its output file exists, and outputs are written
atomically (align.reports.output.write_output: temporary file, then rename). So a rerun skips finished items, and a
crash (of the driver, a worker or the machine) loses at most the items in flight. summary.json is rewritten
atomically every few seconds and at the end; on a rerun, skipped items keep the timings and details recorded for
them by the run that made them. Each record also keeps a fingerprint of the settings and of its input files (size,
modification time), kept for every output of the folder in fingerprints.jsonl: an output made from other inputs or
with other settings is not finished, it is stale, and runs again. No output, and not the summary, may land on an
input file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from align.batch.manifest import BadEntry, Item, Manifest, load_manifest
from align.batch.tasks import TASKS, Outcome, TaskSettings, output_suffix
from align.errors import AlignError
from align.progress import status

SUMMARY = "summary.json"
# Every output this folder holds and the fingerprint it was made with (a line each, appended as it is written),
# whatever run made it: summary.json describes the last run only, so a run of another manifest (or format, or task)
# in the same folder left earlier outputs without a record, and those were trusted whatever they were made with.
FINGERPRINTS = "fingerprints.jsonl"
_SUMMARY_EVERY_S = 10.0


@dataclass(frozen=True)
class BatchOptions:
    out_dir: Path
    engine: str = "local"  # "local" | "ray"
    workers: int | None = None  # None: every core (local) or every CPU of the cluster (ray)
    ray_address: str | None = None
    overwrite: bool = False


@dataclass
class BatchReport:
    summary: dict[str, object]
    failed: int


class _Recorder:
    """Writes outputs, collects per-item records and rewrites summary.json now and then."""

    def __init__(self, manifest: Manifest, settings: TaskSettings, options: BatchOptions, total: int) -> None:
        self.settings, self.options, self.total = settings, options, total
        self.records: dict[int, dict[str, object]] = {}
        self.started = time.perf_counter()
        self.last_write = self.started
        self.finished = 0
        self.header: dict[str, object] = {
            "task": settings.task,
            "format": settings.fmt,
            "model": settings.model or "use-m3, or e5-small for a pair in a language use-m3 lacks (each item says)",
            "engine": options.engine,
            "workers": options.workers,
            "out_dir": str(options.out_dir),
        }
        self.unmatched = manifest.unmatched

    def record(self, index: int, entry: dict[str, object]) -> None:
        self.records[index] = entry
        if time.perf_counter() - self.last_write > _SUMMARY_EVERY_S:
            self.write()

    def on_outcome(self, item: Item, outcome: Outcome) -> None:
        from align.reports.output import write_output

        # Its pending or stale record, with the fingerprint taken before it ran (an input changed while it ran makes
        # it stale for the next run).
        planned = self.records.get(item.index) or _item_entry(item, self.options.out_dir, self.settings)
        entry = {key: value for key, value in planned.items() if key != "status"}
        reason = outcome.reason
        if reason is None and outcome.content is not None:
            try:
                write_output(outcome.content, entry["output"], [item.source, *item.targets])  # type: ignore[arg-type]
            except (AlignError, OSError) as exc:
                reason = f"cannot write the output: {exc}"
        entry["seconds"] = round(outcome.seconds, 3)
        if reason is None:
            entry.update(status="done", **outcome.details)
            made_as(self.options.out_dir, item.output, str(entry["fingerprint"]))
        else:
            entry.update(status="failed", reason=reason)
        self.finished += 1
        shown = "done" if reason is None else f"FAILED: {reason}"
        if outcome.details.get("related") is False:
            shown += " (the texts do not read as versions of each other)"
        status(f"[{self.finished}/{self.total}] {item.id} {shown} ({outcome.seconds:.1f}s)")
        self.record(item.index, entry)

    def summary(self) -> dict[str, object]:
        items = [self.records[i] for i in sorted(self.records)]
        counts = {state: sum(1 for r in items if r["status"] == state) for state in ("done", "skipped", "failed")}
        # Items a run stopped before reaching (a kill, a crash): "pending", or "stale" where an output made from
        # other inputs or settings is still in place (the next run runs those again).
        unfinished = {state: sum(1 for r in items if r["status"] == state) for state in ("pending", "stale")}
        counts.update({state: n for state, n in unfinished.items() if n})
        elapsed = time.perf_counter() - self.started
        summary: dict[str, object] = {**self.header, "counts": {"items": len(items), **counts}}
        if self.settings.task == "check":
            summary["counts"]["fails_gate"] = sum(1 for r in items if r.get("fails_gate"))  # type: ignore[index]
        # Pairs that do not read as versions of each other (a mis-paired manifest line): their beads say nothing.
        unrelated = sum(1 for r in items if r.get("related") is False)
        if unrelated:
            summary["counts"]["unrelated"] = unrelated  # type: ignore[index]
        summary["seconds"] = round(elapsed, 3)
        summary["items_per_second"] = round(counts["done"] / elapsed, 4) if elapsed > 0 else None
        summary["failures"] = [
            {k: r[k] for k in ("id", "source", "targets", "reason") if k in r} for r in items if r["status"] == "failed"
        ]
        if self.unmatched:
            summary["unmatched_targets"] = self.unmatched
        summary["items"] = items
        return summary

    def write(self) -> dict[str, object]:
        from align.reports.output import write_output

        summary = self.summary()
        write_output(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", str(self.options.out_dir / SUMMARY))
        self.last_write = time.perf_counter()
        return summary


def _item_entry(item: Item, out_dir: Path, settings: TaskSettings) -> dict[str, object]:
    return {
        "id": item.id,
        "source": item.source,
        "targets": list(item.targets),
        "output": str(out_dir / item.output),
        "fingerprint": _fingerprint(item, settings),
    }


# How a run goes, not what it makes: changing these leaves every output as it was (fail_on only sets the summary's
# gate count); word_model and min_confidence concern checks only.
_SETTINGS_NOT_IN_OUTPUT = ("use_cache", "cache_max_mb", "cwd", "threads", "fail_on")
_CHECK_SETTINGS = ("word_model", "min_confidence")
# Settings added after outputs were made with fingerprints: left out while unset, so those outputs keep theirs.
_LEFT_OUT_UNSET = ("translation_model",)


def _fingerprint(item: Item, settings: TaskSettings) -> str:
    """What an item's output was made from: the settings that change outputs and each input file (its resolved
    path, size and modification time, as make and rsync judge a file changed; a missing file counts as itself)."""
    left_out = _SETTINGS_NOT_IN_OUTPUT + (_CHECK_SETTINGS if settings.task == "sentences" else ())
    made_with = {
        k: v for k, v in asdict(settings).items() if k not in left_out and not (k in _LEFT_OUT_UNSET and v is None)
    }
    # The aligner's every setting, defaults included, and the data files a check or comparison reads (thresholds,
    # calibration): an output made before a default or a refit was made otherwise, with the same options.
    made_with["aligner"] = settings.aligner_config().signature()
    if settings.task != "sentences":
        from align.check import detector_data_digests  # read once per process

        made_with["detector_data"] = detector_data_digests()
    files = []
    for path in (item.source, *item.targets):
        try:
            resolved = _resolved(path, settings.cwd)
            found = resolved.stat()
            files.append([str(resolved), found.st_size, found.st_mtime_ns])
        except (OSError, RuntimeError):
            files.append([path, None, None])
    text = json.dumps([made_with, files], sort_keys=True, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _resolved(path: str | Path, cwd: str | None) -> Path:
    return Path(cwd or ".", path).resolve()


def _inputs_of(inputs: list[str], manifest: Manifest, cwd: str | None) -> set[Path]:
    """Every file the batch reads: the manifest (not the two folders) and each item's source and targets."""
    files = {_resolved(path, cwd) for path in inputs if not Path(path).is_dir()}
    for item in manifest.items:
        files.update(_resolved(path, cwd) for path in (item.source, *item.targets))  # never stdin: manifest.py
    return files


def _bad_entry(bad: BadEntry) -> dict[str, object]:
    entry: dict[str, object] = {"id": bad.id, "status": "failed", "reason": bad.reason}
    if bad.source is not None:
        entry["source"] = bad.source
        entry["targets"] = list(bad.targets)
    return entry


def _previous_records(out_dir: Path) -> dict[str, dict[str, object]]:
    """The last summary's records by output file name, so skipped items keep what was measured when they ran."""
    try:
        previous = json.loads((out_dir / SUMMARY).read_text(encoding="utf-8"))
        items = previous.get("items", [])
        return {Path(r["output"]).name: r for r in items if isinstance(r, dict) and isinstance(r.get("output"), str)}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def _made_with(out_dir: Path) -> dict[str, str] | None:
    """fingerprints.jsonl: each output's fingerprint, the last line about it winning (None where the folder has no
    such file: made before it existed). A line a kill cut short is skipped: its output is made again."""
    try:
        lines = (out_dir / FINGERPRINTS).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}  # unreadable: nothing is trusted, every output is made again
    table: dict[str, str] = {}
    for line in lines:
        try:
            output, fingerprint = json.loads(line)
        except (ValueError, TypeError):
            continue
        if isinstance(output, str) and isinstance(fingerprint, str):
            table[output] = fingerprint
    return table


def write_fingerprints(out_dir: Path, table: dict[str, str]) -> None:
    from align.reports.output import write_output

    write_output(
        "".join(_fingerprint_line(output, table[output]) for output in sorted(table)), str(out_dir / FINGERPRINTS)
    )


def made_as(out_dir: Path, output: str, fingerprint: str) -> None:
    """Appended once the output is in place: a run killed between the two leaves an output with no line, which the
    next run makes again rather than trust."""
    with contextlib.suppress(OSError), open(out_dir / FINGERPRINTS, "a", encoding="utf-8") as log:
        log.write(_fingerprint_line(output, fingerprint))  # unwritten (disk full): the output is made again


def _fingerprint_line(output: str, fingerprint: str) -> str:
    return json.dumps([output, fingerprint]) + "\n"


def _remove_stale_temporaries(out_dir: Path, outputs: set[str]) -> None:
    """A run killed while writing leaves write_output's `.<name>.<random>.tmp` behind; drop those of our outputs."""
    for name in os.listdir(out_dir):
        if name.startswith(".") and name.endswith(".tmp") and name[1:-4].rsplit(".", 1)[0] in outputs:
            with contextlib.suppress(OSError):
                (out_dir / name).unlink()


def run_batch(inputs: list[str], settings: TaskSettings, options: BatchOptions) -> BatchReport:
    """Run every item not finished yet; raises AlignError only for problems that concern the whole batch."""
    if options.engine == "ray":
        from align.batch.ray_engine import check_reachable, import_ray

        import_ray()  # a missing Ray or an unreachable head node is one line and exit 2, before anything is touched
        if options.ray_address:
            check_reachable(options.ray_address)
    if inputs and inputs[0] in TASKS and not Path(inputs[0]).exists():  # `align batch check A B`
        raise AlignError(f"{inputs[0]}: no such file; to run {inputs[0]} on every item, give --task {inputs[0]}")
    manifest = load_manifest(inputs, settings.task, output_suffix(settings.task, settings.fmt))
    out_dir = options.out_dir
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AlignError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    read = _inputs_of(inputs, manifest, settings.cwd)
    for own, what in ((SUMMARY, "its summary"), (FINGERPRINTS, "what each output was made with")):
        if _resolved(out_dir / own, settings.cwd) in read:
            raise AlignError(f"{out_dir / own}: refusing to overwrite an input file (the batch writes {what} there)")
    _remove_stale_temporaries(out_dir, {item.output for item in manifest.items} | {SUMMARY, FINGERPRINTS})
    previous = _previous_records(out_dir)
    made_with = _made_with(out_dir)
    todo: list[Item] = []
    stale = 0
    # What this folder's outputs were made with, less the outputs this run makes again: written before any of them
    # is replaced, so a run killed mid-way (even by SIGKILL) leaves a remade output with no fingerprint, not the old
    # one, and the next run makes it again instead of trusting it.
    known = dict(made_with or {})
    recorder = _Recorder(manifest, settings, options, total=0)
    for bad in manifest.bad:
        recorder.records[bad.index] = _bad_entry(bad)
    for item in manifest.items:
        destination = out_dir / item.output
        if _resolved(destination, settings.cwd) in read:
            reason = f"output {destination} would overwrite an input file"
            recorder.records[item.index] = _bad_entry(BadEntry(item.index, item.id, reason, item.source, item.targets))
            continue
        entry = _item_entry(item, out_dir, settings)
        earlier = previous.get(item.output, {})
        # Finished: the output exists, made from these inputs and settings (fingerprints.jsonl says so; in a folder
        # from before it, the last summary's record says so, or is older than fingerprints and names none; an output
        # it does not list is made again), and no run since left it stale or failed to remake it.
        if made_with is not None:
            finished = destination.exists() and made_with.get(item.output) == entry["fingerprint"]
        else:  # no record at all: made by a run of another manifest, with settings nothing says
            changed = earlier.get("fingerprint") not in (None, entry["fingerprint"])
            unfinished = not earlier or earlier.get("status") in ("stale", "failed")
            finished = destination.exists() and not changed and not unfinished
        stale += destination.exists() and not finished
        if finished and not options.overwrite:
            details = {k: v for k, v in earlier.items() if k not in entry and k not in ("status", "reason")}
            recorder.records[item.index] = {**entry, "status": "skipped", **details}
            known[item.output] = str(entry["fingerprint"])
        else:
            recorder.records[item.index] = {**entry, "status": "stale" if destination.exists() else "pending"}
            todo.append(item)
            known.pop(item.output, None)
    recorder.total = len(todo)
    write_fingerprints(out_dir, known)
    if options.engine == "local":
        from align.batch.local import default_workers

        recorder.header["workers"] = max(1, min(options.workers or default_workers(), len(todo)))
    skipped = sum(1 for record in recorder.records.values() if record["status"] == "skipped")
    again = f" ({stale} made from other inputs or settings)" if stale else ""
    unusable = sum(1 for record in recorder.records.values() if record["status"] == "failed")
    status(f"{len(todo)} to run{again}, {skipped} already done, {unusable} unusable entries -> {out_dir}")
    with _terminate_as_interrupt():
        try:
            _run_engine(todo, settings, options, recorder)
        finally:
            summary = recorder.write()
    failed = summary["counts"]["failed"]  # type: ignore[index]
    return BatchReport(summary, int(failed))


def _run_engine(todo: list[Item], settings: TaskSettings, options: BatchOptions, recorder: _Recorder) -> None:
    if options.engine == "ray":
        from align.batch.ray_engine import run_ray

        recorder.header["workers"] = run_ray(todo, settings, options.workers, options.ray_address, recorder.on_outcome)
    elif options.engine == "local":
        from align.batch.local import default_workers, run_local

        run_local(todo, settings, options.workers or default_workers(), recorder.on_outcome)
    else:
        raise AlignError(f"unknown engine {options.engine!r}; expected local or ray")


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a scheduler's or `kill`'s stop) ends the run as Ctrl-C does: the pool shut down, its workers gone,
    summary.json written with the items not reached as pending. Its default killed the driver on the spot, leaving
    the workers running with no parent and no summary."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
