"""Sentence alignment of a translation cut short, missing its start, a passage or sentences here and there (or an
original that lacks them).

    python bench/cut_documents.py --split dev
    python bench/cut_documents.py --split test

Documents are bench/compare.py's undamaged ones (Text+Berg de-fr pseudo-articles of 40 gold beads, XL-WA en-es pairs
30 to a document). A quarter or half of each document's beads lose one side: at its end (wire copy cut short), at its
start, in its middle (a passage left out), or scattered (beads drawn at random, seeded by the document's name: a
version that leaves sentences out one at a time). The gold is the document's own, with the sentences whose counterparts
are gone as unaligned; strict and lax F1 as in `align eval` (pooled, null beads not scored), so a sentence joined to
a neighbour's bead costs a bead.
"""

from __future__ import annotations

import argparse
import random
import time
import zlib

from compare import CachingEncoder, ParallelDoc, as_document, documents  # noqa: E402  (bench/compare.py's data)

from align.alignment.sentence_aligner import AlignerConfig
from align.encoders import DEFAULT_MODEL, load_encoder
from align.evaluation.strict_lax import BeadPair, score
from align.pipeline import align_documents

PLACES = ("end", "start", "middle", "scattered")
SHARES = (0.25, 0.5)
SIDES = ("translation", "original")


def cut(doc: ParallelDoc, place: str, share: float, lost_side: str) -> tuple[list[str], list[str], list[BeadPair]]:
    """The document with `share` of its beads' `lost_side` sentences taken out at `place`, and its gold alignment."""
    count = len(doc.beads)
    taken = round(count * share)
    first = {"end": count - taken, "middle": (count - taken) // 2}.get(place, 0)
    gone = range(first, first + taken)
    if place == "scattered":
        gone = set(random.Random(zlib.crc32(doc.name.encode())).sample(range(count), taken))
    lost = 1 if lost_side == "translation" else 0
    kept = [
        sorted(k for b, bead in enumerate(doc.beads) if b not in gone or side != lost for k in bead[side])
        for side in (0, 1)
    ]
    renumber = [{old: new for new, old in enumerate(ids)} for ids in kept]
    gold: list[BeadPair] = []
    for b, bead in enumerate(doc.beads):
        if b in gone:
            gold += [((k,), ()) if lost else ((), (k,)) for k in (renumber[1 - lost][k] for k in bead[1 - lost])]
        else:
            source, target = (tuple(renumber[side][k] for k in bead[side]) for side in (0, 1))
            gold.append((source, target))
    return [doc.ref[k] for k in kept[0]], [doc.ver[k] for k in kept[1]], gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    args = parser.parse_args()
    encoder = CachingEncoder(load_encoder(DEFAULT_MODEL))
    docs = documents(args.split)
    config = AlignerConfig()
    print(f"### {args.split}: {len(docs)} documents, model {DEFAULT_MODEL}, aligner defaults\n")
    print("| side lost | where | share of beads | strict F1 | lax F1 |")
    print("|---|---|---|---|---|")
    started = time.perf_counter()
    for side, place, share in [("none", "", 0.0)] + [(s, p, f) for s in SIDES for p in PLACES for f in SHARES]:
        pairs = []
        for doc in docs:
            source, target, gold = cut(doc, place, share, side)
            alignment = align_documents(
                as_document(f"{doc.name}.src", source, doc.ref_lang),
                as_document(f"{doc.name}.tgt", target, doc.ver_lang),
                encoder,
                config,
                presplit=True,
            )
            pairs.append((gold, [(b.source, b.target) for b in alignment.beads]))
        scores = score(pairs)
        print(f"| {side} | {place} | {share:.2f} | {scores.f1_strict:.3f} | {scores.f1_lax:.3f} |", flush=True)
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
