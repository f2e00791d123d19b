"""How alignment scales with document length: time and peak memory, for the search alone or the whole pipeline.

    python bench/scale.py --sizes 10000,50000                        # the search alone, synthetic vectors
    python bench/scale.py --pipeline --sizes 10000,30000,100000      # `align sentences` end to end, real text

Search alone: the pair is synthetic at the vector level (noisy copies of random unit vectors, with 2% deletions,
2% insertions and 3% sentences split in two), so the figure isolates the alignment search.

Pipeline: one long document pair per size, built in a temporary folder from the gold sets in ../shared/bench/data
(Text+Berg de-fr, MAC zh-en, Bible en-zh: every gold document's source lines end to end in one file, its target
lines in the other, so the concatenated gold alignment is known). Once the gold documents run out they are repeated
in a shuffled order with a round marker (" [2]") added to both sides of every line of round 2 and so on, so no text
repeats (a repeated text would be embedded once and the timing would flatter us). Each size runs
`align sentences --presplit -f vecalign` in a fresh process with ALIGN_NO_CACHE=1, so every sentence is embedded
(use-m3, one text per call) and model loading is included; peak RSS and CPU seconds (user + system) are that
process's own, from wait4. On a shared machine wall time swells with the other jobs; CPU time much less.
Strict/lax F1 against the concatenated gold checks the long run still aligns well.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from align.alignment.sentence_aligner import AlignerConfig, SideInput, align_sentences

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from batch import gold_documents, parse_beads  # noqa: E402  (bench/batch.py: the same gold sets)


def synthetic_pair(n: int, dim: int, seed: int = 0) -> tuple[SideInput, SideInput, int]:
    rng = np.random.default_rng(seed)
    src = rng.normal(size=(n, dim)).astype(np.float32)
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    tgt_rows = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.02:
            continue  # deleted in the target
        if roll < 0.05:  # split in two halves that share the source's direction
            for _ in range(2):
                half = src[i] + 0.6 * rng.normal(size=dim) / np.sqrt(dim)
                tgt_rows.append(half)
        else:
            tgt_rows.append(src[i] + 0.4 * rng.normal(size=dim) / np.sqrt(dim))
        if rng.random() < 0.02:
            tgt_rows.append(rng.normal(size=dim))  # inserted
    tgt = np.array(tgt_rows, dtype=np.float32)
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    texts_src = ["x" * 80] * n
    texts_tgt = ["y" * 80] * len(tgt)
    return SideInput(texts_src, src), SideInput(texts_tgt, tgt), len(tgt)


@dataclass(frozen=True)
class LongPair:
    source: Path
    target: Path
    gold: Path
    source_lines: int
    target_lines: int


def long_pair(data: Path, size: int, folder: Path) -> LongPair:
    """At least `size` source lines of real parallel text, whole gold beads only, and its gold alignment."""
    docs = []
    for doc in gold_documents(data):
        source = doc.source.read_text(encoding="utf-8").splitlines()
        target = doc.target.read_text(encoding="utf-8").splitlines()
        docs.append([([source[i] for i in s], [target[j] for j in t]) for s, t in parse_beads(doc.align)])
    src_lines: list[str] = []
    tgt_lines: list[str] = []
    gold: list[str] = []
    round_number = 0
    while len(src_lines) < size:
        order = list(range(len(docs)))
        if round_number:
            random.Random(round_number).shuffle(order)
        mark = f" [{round_number + 1}]" if round_number else ""
        for index in order:
            for src, tgt in docs[index]:
                if len(src_lines) >= size:
                    break
                src_ids = list(range(len(src_lines), len(src_lines) + len(src)))
                tgt_ids = list(range(len(tgt_lines), len(tgt_lines) + len(tgt)))
                src_lines.extend(line + mark for line in src)
                tgt_lines.extend(line + mark for line in tgt)
                gold.append(f"{src_ids}:{tgt_ids}")
        round_number += 1
    made = LongPair(folder / f"long{size}.src", folder / f"long{size}.tgt", folder / f"long{size}.align",
                    len(src_lines), len(tgt_lines))
    made.source.write_text("\n".join(src_lines) + "\n", encoding="utf-8")
    made.target.write_text("\n".join(tgt_lines) + "\n", encoding="utf-8")
    made.gold.write_text("\n".join(gold) + "\n", encoding="utf-8")
    return made


def pipeline_command(pair: LongPair, output: Path, model: str) -> list[str]:
    # The languages are given because the mixed-language file would otherwise be detected from its first lines
    # (German); they only pick the segmenter, which --presplit skips, and check the model covers them.
    return [sys.executable, "-m", "align.cli", "sentences", str(pair.source), str(pair.target), "--presplit",
            "--source-lang", "de", "--target-lang", "fr", "--model", model, "-f", "vecalign", "-o", str(output),
            "--quiet"]


def run_pipeline(sizes: list[int], data: Path, work: Path, model: str) -> None:
    from align.evaluation.strict_lax import parse_beads as parse_vecalign
    from align.evaluation.strict_lax import score

    env = {**os.environ, "ALIGN_NO_CACHE": "1"}
    print(f"model {model}, {os.cpu_count()} cores, cache off; work folder {work}", flush=True)
    print("| source sentences | target sentences | wall seconds | CPU seconds | CPU seconds per 1k source "
          "| peak RSS GiB | F1 strict | F1 lax |")
    print("|---|---|---|---|---|---|---|---|", flush=True)
    for size in sizes:
        pair = long_pair(data, size, work)
        output = work / f"long{size}.vecalign"
        started = time.perf_counter()
        process = subprocess.Popen(pipeline_command(pair, output, model), cwd=ROOT, env=env, stderr=subprocess.PIPE)
        assert process.stderr is not None
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - started
        if process.returncode != 0:
            raise SystemExit(f"size {size} failed ({process.returncode}): {errors.decode()[-2000:]}")
        peak = usage.ru_maxrss / 1024**2  # KiB -> GiB
        cpu = usage.ru_utime + usage.ru_stime  # what the run cost, whatever else the machine was doing
        gold = parse_vecalign(pair.gold.read_text(encoding="utf-8").splitlines(), str(pair.gold))
        pred = parse_vecalign(output.read_text(encoding="utf-8").splitlines(), str(output))
        f1 = score([(gold, pred)])
        print(f"| {pair.source_lines} | {pair.target_lines} | {elapsed:.0f} | {cpu:.0f} | "
              f"{1000 * cpu / pair.source_lines:.2f} | {peak:.2f} | {f1.f1_strict:.3f} | {f1.f1_lax:.3f} |", flush=True)
    print("command per size: " + " ".join(pipeline_command(pair, output, model)), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--pipeline", action="store_true", help="the whole `align sentences` run on real text")
    parser.add_argument("--model", default="use-m3", help="--pipeline: sentence model")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "bench" / "data")
    parser.add_argument("--work", type=Path, default=None, help="--pipeline: keep the documents and outputs here")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    if args.pipeline:
        work = args.work or Path(tempfile.mkdtemp(prefix="align-bench-scale-"))
        work.mkdir(parents=True, exist_ok=True)
        run_pipeline(sizes, args.data, work, args.model)
        return
    print("| source sentences | target sentences | align seconds | CPU seconds | CPU seconds per 1k | peak RSS GiB |")
    print("|---|---|---|---|---|---|")
    for n in sizes:
        source, target, m = synthetic_pair(n, args.dim)
        started, cpu_started = time.perf_counter(), time.process_time()
        beads = align_sentences(source, target, AlignerConfig(joins="composed"))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
        assert sum(len(b.source) for b in beads) == n
        print(f"| {n} | {m} | {elapsed:.1f} | {cpu:.1f} | {1000 * cpu / n:.2f} | {peak:.2f} |", flush=True)


if __name__ == "__main__":
    main()
