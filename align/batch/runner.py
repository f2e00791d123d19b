"""The driver: decide what is left to do, hand it to an engine, write each result as it arrives, keep a summary.

Resumability rests on one rule: an item is finished exactly when its output file exists, and outputs are written
atomically (align.reports.output.write_output: temporary file, then rename). So a rerun skips finished items, and a
crash (of the driver, a worker or the machine) loses at most the items in flight. summary.json is rewritten
atomically every few seconds and at the end; on a rerun, skipped items keep the timings and details recorded for
them by the run that made them.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from align.batch.manifest import BadEntry, Item, Manifest, load_manifest
from align.batch.tasks import Outcome, TaskSettings, output_suffix
from align.errors import AlignError
from align.progress import status

SUMMARY = "summary.json"
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

        entry = _item_entry(item, self.options.out_dir)
        reason = outcome.reason
        if reason is None and outcome.content is not None:
            try:
                write_output(outcome.content, entry["output"], [item.source, *item.targets])  # type: ignore[arg-type]
            except (AlignError, OSError) as exc:
                reason = f"cannot write the output: {exc}"
        entry["seconds"] = round(outcome.seconds, 3)
        if reason is None:
            entry.update(status="done", **outcome.details)
        else:
            entry.update(status="failed", reason=reason)
        self.finished += 1
        shown = "done" if reason is None else f"FAILED: {reason}"
        status(f"[{self.finished}/{self.total}] {item.id} {shown} ({outcome.seconds:.1f}s)")
        self.record(item.index, entry)

    def summary(self) -> dict[str, object]:
        items = [self.records[i] for i in sorted(self.records)]
        counts = {state: sum(1 for r in items if r["status"] == state) for state in ("done", "skipped", "failed")}
        elapsed = time.perf_counter() - self.started
        summary: dict[str, object] = {**self.header, "counts": {"items": len(items), **counts}}
        if self.settings.task == "check":
            summary["counts"]["fails_gate"] = sum(1 for r in items if r.get("fails_gate"))  # type: ignore[index]
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


def _item_entry(item: Item, out_dir: Path) -> dict[str, object]:
    return {
        "id": item.id,
        "source": item.source,
        "targets": list(item.targets),
        "output": str(out_dir / item.output),
    }


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
    manifest = load_manifest(inputs, settings.task, output_suffix(settings.task, settings.fmt))
    out_dir = options.out_dir
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AlignError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    _remove_stale_temporaries(out_dir, {item.output for item in manifest.items} | {SUMMARY})
    previous = _previous_records(out_dir)
    todo: list[Item] = []
    recorder = _Recorder(manifest, settings, options, total=0)
    for bad in manifest.bad:
        recorder.records[bad.index] = _bad_entry(bad)
    for item in manifest.items:
        destination = out_dir / item.output
        if destination.exists() and not options.overwrite:
            entry = _item_entry(item, out_dir)
            earlier = previous.get(item.output, {})
            details = {k: v for k, v in earlier.items() if k not in entry and k not in ("status", "reason")}
            recorder.records[item.index] = {**entry, "status": "skipped", **details}
        else:
            todo.append(item)
    recorder.total = len(todo)
    if options.engine == "local":
        from align.batch.local import default_workers

        recorder.header["workers"] = max(1, min(options.workers or default_workers(), len(todo)))
    skipped = len(manifest.items) - len(todo)
    status(f"{len(todo)} to run, {skipped} already done, {len(manifest.bad)} unusable entries -> {out_dir}")
    try:
        if options.engine == "ray":
            from align.batch.ray_engine import run_ray

            recorder.header["workers"] = run_ray(
                todo, settings, options.workers, options.ray_address, recorder.on_outcome
            )
        elif options.engine == "local":
            from align.batch.local import default_workers, run_local

            run_local(todo, settings, options.workers or default_workers(), recorder.on_outcome)
        else:
            raise AlignError(f"unknown engine {options.engine!r}; expected local or ray")
    finally:
        summary = recorder.write()
    failed = summary["counts"]["failed"]  # type: ignore[index]
    return BatchReport(summary, int(failed))
