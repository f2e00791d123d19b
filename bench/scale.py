"""How the sentence aligner scales: time and peak memory on synthetic document pairs of growing length.

    python bench/scale.py --sizes 10000,50000

The pair is synthetic at the vector level (noisy copies of random unit vectors, with 2% deletions, 2% insertions
and 3% sentences split in two), so the figure isolates the alignment search; embedding cost is linear in text
and is measured by bench/sentence_alignment.py.
"""

from __future__ import annotations

import argparse
import resource
import time

import numpy as np

from align.alignment.sentence_aligner import AlignerConfig, SideInput, align_sentences


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--dim", type=int, default=512)
    args = parser.parse_args()
    print("| source sentences | target sentences | align seconds | seconds per 1k | peak RSS GiB |")
    print("|---|---|---|---|---|")
    for n in (int(x) for x in args.sizes.split(",")):
        source, target, m = synthetic_pair(n, args.dim)
        started = time.perf_counter()
        beads = align_sentences(source, target, AlignerConfig(joins="composed"))
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
        assert sum(len(b.source) for b in beads) == n
        print(f"| {n} | {m} | {elapsed:.1f} | {1000 * elapsed / n:.2f} | {peak:.2f} |", flush=True)


if __name__ == "__main__":
    main()
