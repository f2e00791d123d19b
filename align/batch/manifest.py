"""What to run: a TSV or JSONL manifest, or two folders matched by file name, turned into a list of items.

A malformed line or an unmatched file becomes a failed entry in the summary instead of stopping the batch, because
one bad item must never cost the others. Blank lines and comments ("#" first, no tab) are skipped. Paths are used as
written (relative ones against the current folder, not the manifest's), as `align sentences` would, so outputs name
them the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from align.errors import AlignError
from align.text.reader import read_text


@dataclass(frozen=True)
class Item:
    """One unit of work. `index` is its manifest position (the summary's order); `output` a file name in --out-dir."""

    index: int
    id: str
    source: str
    targets: tuple[str, ...]
    output: str


Entry = tuple[str, str, tuple[str, ...]]  # a manifest line read: id, source, targets


@dataclass(frozen=True)
class BadEntry:
    index: int
    id: str
    reason: str
    source: str | None = None
    targets: tuple[str, ...] = ()


@dataclass
class Manifest:
    items: list[Item] = field(default_factory=list)
    bad: list[BadEntry] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # files of the second folder that no source claimed


def load_manifest(inputs: list[str], task: str, suffix: str) -> Manifest:
    """MANIFEST (TSV, or JSONL when named *.jsonl/*.ndjson or its first line is an object), or DIR_A DIR_B."""
    if len(inputs) == 2:
        return _from_folders(Path(inputs[0]), Path(inputs[1]), suffix)
    if len(inputs) != 1:
        raise AlignError("give one MANIFEST (TSV or JSONL) or two folders DIR_A DIR_B")
    path = inputs[0]
    if Path(path).is_dir():
        raise AlignError(f"{path}: is a folder; give two folders (sources and targets) or a manifest file")
    text = read_text(path)
    lines = text.splitlines()
    first = next((line.strip() for line in lines if not _blank_or_comment(line)), "")
    if Path(path).suffix.lower() in (".jsonl", ".ndjson") or first.startswith("{"):
        return _from_lines(path, lines, suffix, lambda line: _jsonl_entry(line, task))
    return _from_lines(path, lines, suffix, lambda line: _tsv_entry(line, task))


def _checked(manifest: Manifest, seen: dict[str, int], candidate: Item) -> None:
    """Add an item unless its output name is unsafe or already taken (two outputs must never share a file), or it
    reads stdin (a batch reruns what changed, and what stdin held cannot be told apart from one run to the next)."""
    name = candidate.id
    if "-" in (candidate.source, *candidate.targets):
        reason = "stdin ('-') cannot be a batch input; give a file"
        manifest.bad.append(BadEntry(candidate.index, name or "-", reason, candidate.source, candidate.targets))
        return
    if not name or name in (".", "..") or name.startswith(".") or "/" in name or "\\" in name:
        manifest.bad.append(
            BadEntry(candidate.index, name or f"#{candidate.index + 1}", f"unusable output name {name!r}",
                     candidate.source, candidate.targets)
        )
        return
    if candidate.output in seen:
        reason = (
            f"output {candidate.output} is already produced by entry {seen[candidate.output] + 1}; "
            "give the items distinct ids (JSONL \"id\")"
        )
        manifest.bad.append(BadEntry(candidate.index, name, reason, candidate.source, candidate.targets))
        return
    seen[candidate.output] = candidate.index
    manifest.items.append(candidate)


def _from_lines(path: str, lines: list[str], suffix: str, parse: Callable[[str], Entry]) -> Manifest:
    """One item per non-blank line; a line `parse` rejects (ValueError) becomes a failed entry with its reason."""
    manifest = Manifest()
    seen: dict[str, int] = {}
    index = 0
    for number, line in enumerate(lines, 1):
        if _blank_or_comment(line):
            continue
        try:
            name, source, targets = parse(line)
        except ValueError as exc:  # json.JSONDecodeError is a ValueError
            manifest.bad.append(BadEntry(index, f"line {number}", f"{path}:{number}: {exc}"))
        else:
            _checked(manifest, seen, Item(index, name, source, targets, name + suffix))
        index += 1
    return manifest


def _blank_or_comment(line: str) -> bool:
    """A blank line, or a comment: "#" first and no tab (a note on a manifest line became a failed item, so every
    rerun exited 1); "#1.es<TAB>#1.en" is a pair of files, and a JSONL entry never starts with "#"."""
    return not line.strip() or (line.lstrip().startswith("#") and "\t" not in line)


def _tsv_entry(line: str, task: str) -> Entry:
    fields = [f.strip() for f in line.split("\t")]
    if len(fields) < 2 or (task != "compare" and len(fields) != 2) or not all(fields):
        expected = "source<TAB>target[<TAB>target...]" if task == "compare" else "source<TAB>target"
        raise ValueError(f"expected '{expected}'")
    return Path(fields[0]).name, fields[0], tuple(fields[1:])


def _jsonl_entry(line: str, task: str) -> Entry:
    record = json.loads(line)
    if not isinstance(record, dict):
        raise ValueError("expected an object")
    source = record.get("source")
    raw = record.get("targets", record.get("target"))
    targets = (raw,) if isinstance(raw, str) else tuple(raw) if isinstance(raw, list) else ()
    if not isinstance(source, str) or not source or not targets:
        raise ValueError('needs "source" and "target" (strings)')
    if not all(isinstance(t, str) and t for t in targets):
        raise ValueError('"target" must be a path or a list of paths')
    if task != "compare" and len(targets) != 1:
        raise ValueError(f"task {task} takes one target per item")
    name = str(record["id"]) if record.get("id") is not None else Path(source).name
    return name, source, targets


def _from_folders(sources: Path, targets: Path, suffix: str) -> Manifest:
    """Same file name on both sides; failing that, the same stem (test0.de <-> test0.fr) when it is unique."""
    for folder in (sources, targets):
        if not folder.is_dir():
            raise AlignError(f"{folder}: not a folder (two arguments mean DIR_A DIR_B)")
    source_files = sorted(p for p in sources.iterdir() if p.is_file() and not p.name.startswith("."))
    target_files = sorted(p for p in targets.iterdir() if p.is_file() and not p.name.startswith("."))
    by_name = {p.name: p for p in target_files}
    by_stem: dict[str, list[Path]] = {}
    for p in target_files:
        by_stem.setdefault(p.stem, []).append(p)
    manifest = Manifest()
    seen: dict[str, int] = {}
    claimed: set[str] = set()
    for index, source in enumerate(source_files):
        candidates = by_stem.get(source.stem, [])
        match = by_name.get(source.name) or (candidates[0] if len(candidates) == 1 else None)
        if match is None and len(candidates) > 1:
            names = ", ".join(p.name for p in candidates)
            reason = f"{source.stem}.* is ambiguous in {targets} ({names}); name the pair in a manifest"
            manifest.bad.append(BadEntry(index, source.name, reason, str(source)))
            continue
        if match is None:
            reason = f"no file named {source.name} (or {source.stem}.*) in {targets}"
            manifest.bad.append(BadEntry(index, source.name, reason, str(source)))
            continue
        claimed.add(match.name)
        _checked(manifest, seen, Item(index, source.name, str(source), (str(match),), source.name + suffix))
    manifest.unmatched = [str(p) for p in target_files if p.name not in claimed]
    return manifest
