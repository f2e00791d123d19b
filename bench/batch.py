"""`align batch` throughput: items/second for local with 1 and 2 workers (and Ray when installed), the speed-up of a
rerun on a warm embedding cache, and peak memory.

    python bench/batch.py                      # small default (a few minutes on 2 cores)
    python bench/batch.py --items 2000         # the issue's 2,000-pair run
    python bench/batch.py --engines local1     # one configuration only

The synthetic manifest is cut from the shared gold sets at run time (Text+Berg de-fr, MAC zh-en, Bible en-zh, in
../shared/bench/data): each item is a run of `--beads` consecutive gold beads, one sentence per line (--presplit), so
every item is a real aligned pair. Items do not overlap until the gold sets run out; past that they start again at
shifted offsets (the table says how many items share no sentence with an earlier one, since repeats hit the cache).

Every configuration runs the CLI in a subprocess twice: cold (a fresh, empty cache folder) and warm (same cache,
--overwrite so every item is recomputed from cached vectors). Items/second = done items / the run's own wall
time (model loads in the workers included). Peak memory is sampled from /proc every 0.1 s over the whole process
tree (driver, workers, Ray's daemons) and reported as the peak of the sum and the largest single process. The
outputs of every configuration are compared byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Gold:
    name: str
    source: Path
    target: Path
    align: Path


def gold_documents(data: Path) -> list[Gold]:
    tb, mac, bible = data / "textberg_de_fr", data / "mac_zh_en", data / "bible_en_zh"
    docs = [Gold(f"tb-test{i}", tb / f"test/test{i}.de", tb / f"test/test{i}.fr", tb / f"test/test{i}.defr")
            for i in range(7)]
    docs.append(Gold("tb-dev", tb / "dev/dev.de", tb / "dev/dev.fr", tb / "dev/dev.defr"))
    for split in ("dev", "test"):
        for gold in sorted((mac / split / "gold").glob("*.align")):
            docs.append(Gold(f"mac-{split}{gold.stem}", mac / split / "zh" / gold.stem, mac / split / "en" / gold.stem,
                             gold))
    docs.append(Gold("bible", bible / "en.001", bible / "zh.001", bible / "gold.001.align"))
    return [d for d in docs if d.source.exists() and d.target.exists() and d.align.exists()]


def parse_beads(path: Path) -> list[tuple[list[int], list[int]]]:
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            left, right = line.split(":")[:2]
            beads.append((json.loads(left), json.loads(right)))
    return beads


def build_manifest(data: Path, work: Path, items: int, beads_per_item: int) -> tuple[Path, int]:
    """Write `items` chunk pairs under work/items and a TSV manifest; returns it and the count of fresh items."""
    folder = work / "items"
    folder.mkdir(parents=True, exist_ok=True)
    docs = [(d, d.source.read_text(encoding="utf-8").splitlines(), d.target.read_text(encoding="utf-8").splitlines(),
             parse_beads(d.align)) for d in gold_documents(data)]
    if not docs:
        raise SystemExit(f"no gold sets under {data}")
    rows: list[str] = []
    fresh = 0
    shift = 0
    while len(rows) < items:
        for doc, source, target, beads in docs:
            for start in range(shift, len(beads) - beads_per_item + 1, beads_per_item):
                chunk = beads[start : start + beads_per_item]
                src = [i for s, _ in chunk for i in s]
                tgt = [j for _, t in chunk for j in t]
                if not src or not tgt:
                    continue
                name = f"{doc.name}-{start:05d}"
                (folder / f"{name}.src").write_text("\n".join(source[min(src) : max(src) + 1]) + "\n", "utf-8")
                (folder / f"{name}.tgt").write_text("\n".join(target[min(tgt) : max(tgt) + 1]) + "\n", "utf-8")
                rows.append(f"{folder / name}.src\t{folder / name}.tgt")
                fresh += shift == 0
                if len(rows) == items:
                    break
            if len(rows) == items:
                break
        shift += max(1, beads_per_item // 3)
    manifest = work / "manifest.tsv"
    manifest.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return manifest, fresh


def _tree_rss(root: int) -> tuple[int, int]:
    """(sum, max) resident bytes over `root` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    total = largest = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
        total += rss
        largest = max(largest, rss)
    return total, largest


@dataclass
class Run:
    seconds: float
    done: int
    failed: int
    peak_total: int
    peak_process: int
    item_seconds: float  # mean time inside a worker per item (no start-up)


def run_batch(manifest: Path, out: Path, cache: Path, options: list[str]) -> Run:
    env = {**os.environ, "ALIGN_CACHE_DIR": str(cache)}
    env.pop("ALIGN_NO_CACHE", None)
    command = [sys.executable, "-m", "align.cli", "batch", str(manifest), "--out-dir", str(out), "--presplit",
               "--quiet", *options]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peaks = [0, 0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            total, largest = _tree_rss(process.pid)
            peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], largest)
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    stop.set()
    sampler.join()
    summary_path = out / "summary.json"
    if not summary_path.exists():
        raise SystemExit(f"batch failed ({process.returncode}): {stderr.decode()[-2000:]}")
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    counts = summary["counts"]
    done = [i["seconds"] for i in summary["items"] if i["status"] == "done"]
    mean = sum(done) / len(done) if done else 0.0
    for item in summary["items"]:
        if item["status"] != "done":
            print(f"  failed item {item['id']}: {item.get('reason', '')}", flush=True)
    return Run(summary["seconds"], counts["done"], counts["failed"], peaks[0], peaks[1], mean)


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "summary.json"}


CONFIGS = {
    "local1": ("local", 1, ["--engine", "local", "--workers", "1"]),
    "local2": ("local", 2, ["--engine", "local", "--workers", "2"]),
    "ray2": ("ray", 2, ["--engine", "ray", "--workers", "2"]),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100, help="pairs in the synthetic manifest (issue: 2000)")
    parser.add_argument("--beads", type=int, default=10, help="gold beads per item")
    parser.add_argument("--model", default="use-m3")
    parser.add_argument("--engines", default="local1,local2,ray2", help=f"subset of {','.join(CONFIGS)}")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "bench" / "data")
    parser.add_argument("--work", type=Path, default=None, help="keep items and outputs here (default: a temp dir)")
    args = parser.parse_args()

    work = args.work or Path(tempfile.mkdtemp(prefix="align-bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    manifest, fresh = build_manifest(args.data, work, args.items, args.beads)
    print(f"manifest: {manifest} ({args.items} items of {args.beads} gold beads, {fresh} without repeated text), "
          f"model {args.model}, {os.cpu_count()} cores", flush=True)
    try:
        import ray  # noqa: F401

        has_ray = True
    except ImportError:
        has_ray = False

    print("| engine | workers | items | cold s | cold items/s | warm s | warm items/s | warm speed-up | "
          "s/item cold / warm (in worker) | peak RSS sum GiB | peak RSS largest process GiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    reference: dict[str, bytes] | None = None
    identical = True
    for key in [k.strip() for k in args.engines.split(",") if k.strip()]:
        engine, workers, options = CONFIGS[key]
        if engine == "ray" and not has_ray:
            print(f"| ray | {workers} | - | not installed (pip install 'align[ray]') | | | | | | | |", flush=True)
            continue
        cache, out = work / f"cache-{key}", work / f"out-{key}"
        for folder in (cache, out):
            shutil.rmtree(folder, ignore_errors=True)
        cold = run_batch(manifest, out, cache, [*options, "--model", args.model])
        warm = run_batch(manifest, out, cache, [*options, "--model", args.model, "--overwrite"])
        produced = outputs(out)
        if reference is None:
            reference = produced
        identical &= produced == reference
        gib = 2**30
        peak_sum = max(cold.peak_total, warm.peak_total) / gib
        peak_one = max(cold.peak_process, warm.peak_process) / gib
        print(
            f"| {engine} | {workers} | {cold.done} | {cold.seconds:.1f} | {cold.done / cold.seconds:.2f} | "
            f"{warm.seconds:.1f} | {warm.done / warm.seconds:.2f} | {cold.seconds / warm.seconds:.2f}x | "
            f"{cold.item_seconds:.3f} / {warm.item_seconds:.3f} | {peak_sum:.2f} | {peak_one:.2f} |",
            flush=True,
        )
        if cold.failed or warm.failed:
            print(f"  ({cold.failed} / {warm.failed} items failed: see {out / 'summary.json'})")
    print(f"outputs byte-identical across configurations: {identical}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
