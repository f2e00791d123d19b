"""Moved passages: what `align check` reports when sentences of the translation stand elsewhere than in the original.

    python bench/moved_sentences.py --split dev     # choose and measure (models/detectors.json "moved")
    python bench/moved_sentences.py --split test    # the figures for the README

Documents: bench/compare.py's pseudo-articles (Text+Berg de-fr, 40 beads; XL-WA en-es, 30 pairs), the original as
the source. In each, the target sentences of a block of 1-3 consecutive 1-1 beads are moved at least five beads
away; besides, another 1-1 bead's target sentence is dropped and a sentence of another document inserted: a missing
and an added sentence that must not be taken for a move. An undamaged copy of every document is checked too.

Each document is damaged `--rounds` times (default 3), each time drawn anew. Scored per moved source sentence:
reported `moved` with its own target sentence (right), reported moved with another
(wrong), or still reported missing. The dropped sentence: reported missing, or taken for a move; the inserted one:
reported added, or taken for a move. On the undamaged copies (checked once each) a moved flag is right where the
gold aligns its two sentences: the translation itself has the order changed there (Text+Berg test has such places).
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass

from compare import CachingEncoder, ParallelDoc, as_document, textberg, xlwa  # noqa: E402  (bench/compare.py's data)

from align.alignment.sentence_aligner import AlignerConfig
from align.alignment.words import shared_word_aligner
from align.check import check_documents
from align.detectors.base import Flag
from align.encoders import DEFAULT_MODEL, load_encoder
from align.text.document import Document

MIN_DISTANCE = 5  # beads between a moved block's place and where it goes


@dataclass
class Damaged:
    source: list[str]
    target: list[str]
    moved: dict[int, int]  # source sentence -> its target sentence, now elsewhere
    dropped: int | None  # source sentence whose target sentence was dropped
    inserted: int | None  # target sentence from another document


@dataclass
class Tally:
    moved: int = 0
    moved_right: int = 0
    moved_wrong: int = 0
    moved_still_missing: int = 0
    dropped: int = 0
    dropped_missing: int = 0
    dropped_as_moved: int = 0
    inserted: int = 0
    inserted_added: int = 0
    inserted_as_moved: int = 0
    clean_documents: int = 0
    clean_sentences: int = 0
    clean_moved_flags: int = 0
    clean_moved_right: int = 0  # of those, pairs the gold aligns (the translation's own order differs there)


def damage(doc: ParallelDoc, other: list[str], rng: random.Random) -> Damaged | None:
    """The document with a block of target sentences moved, one dropped and one inserted (None: too few 1-1 beads)."""
    ones = [k for k, (s, t) in enumerate(doc.beads) if len(s) == 1 and len(t) == 1]
    if len(ones) < 2 * MIN_DISTANCE + 4:
        return None
    size = rng.randint(1, 3)
    starts = [k for k in ones if all(k + d in ones for d in range(size))]
    start = rng.choice(starts)
    block = list(range(start, start + size))
    places = [k for k in range(len(doc.beads) + 1) if k < start - MIN_DISTANCE or k > start + size + MIN_DISTANCE]
    place = rng.choice(places)
    spare = [k for k in ones if k not in block and abs(k - place) > 1 and abs(k - start) > 1]
    dropped_bead = rng.choice(spare)
    order = [k for k in range(len(doc.beads)) if k not in block]
    at = order.index(place) if place in order else len(order)
    order[at:at] = block
    target: list[str] = []
    moved: dict[int, int] = {}
    dropped = inserted = None
    insert_after = rng.randrange(len(order))
    for position, k in enumerate(order):
        s, t = doc.beads[k]
        if k == dropped_bead:
            dropped = s[0]
        else:
            for j in t:
                if k in block:
                    moved[s[0]] = len(target)
                target.append(doc.ver[j])
        if position == insert_after:
            inserted = len(target)
            target.append(rng.choice(other))
    return Damaged(doc.ref, target, moved, dropped, inserted)


def score(case: Damaged, source: Document, target: Document, flags: list[Flag], tally: Tally) -> None:
    moved = [f for f in flags if f.kind == "moved"]
    missing = set().union(*(source.sentences_within(f.source_span) for f in flags if f.kind == "missing_sentence"))
    added = set().union(*(target.sentences_within(f.target_span) for f in flags if f.kind == "addition"))
    said_moved = {}
    for flag in moved:
        for i in source.sentences_within(flag.source_span):
            said_moved[i] = target.sentences_within(flag.target_span)
    moved_targets = set().union(*said_moved.values()) if said_moved else set()
    for i, j in case.moved.items():
        tally.moved += 1
        if i in said_moved:
            tally.moved_right += j in said_moved[i]
            tally.moved_wrong += j not in said_moved[i]
        tally.moved_still_missing += i in missing
    if case.dropped is not None:
        tally.dropped += 1
        tally.dropped_missing += case.dropped in missing
        tally.dropped_as_moved += case.dropped in said_moved
    if case.inserted is not None:
        tally.inserted += 1
        tally.inserted_added += case.inserted in added
        tally.inserted_as_moved += case.inserted in moved_targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=3, help="damage each document this many times, each drawn anew")
    args = parser.parse_args()
    encoder = CachingEncoder(load_encoder(DEFAULT_MODEL))
    aligner = shared_word_aligner()
    config = AlignerConfig()
    rng = random.Random(args.seed)
    for corpus, docs in (("textberg", textberg(args.split)), ("xlwa", xlwa(args.split))):
        tally = Tally()
        for round_number, n, doc in [(r, n, doc) for r in range(args.rounds) for n, doc in enumerate(docs)]:
            other = [s for d in docs if d is not doc for s in d.ver]
            case = damage(doc, other, rng)
            if case is None:
                continue
            langs = (doc.ref_lang, doc.ver_lang)
            source = as_document(f"{doc.name}.src", case.source, langs[0])
            target = as_document(f"{doc.name}.tgt", case.target, langs[1])
            result = check_documents(source, target, encoder, aligner, config, presplit=True)
            score(case, source, target, result.flags, tally)
            if round_number == 0:
                score_undamaged(doc, source, encoder, aligner, config, tally)
            print(f"  {corpus} {n + 1}/{len(docs)}", end="\r", flush=True)
        print_tally(corpus, args.split, tally)


def score_undamaged(doc: ParallelDoc, source: Document, encoder, aligner, config: AlignerConfig, t: Tally) -> None:
    """The document as translated: a moved flag is right where the gold aligns its two sentences."""
    clean = as_document(f"{doc.name}.clean", doc.ver, doc.ver_lang)
    flags = check_documents(source, clean, encoder, aligner, config, presplit=True).flags
    linked = {(i, j) for s, tgt in doc.beads for i in s for j in tgt}
    t.clean_documents += 1
    t.clean_sentences += len(doc.ver)
    for flag in (f for f in flags if f.kind == "moved"):
        t.clean_moved_flags += 1
        sources, targets = source.sentences_within(flag.source_span), clean.sentences_within(flag.target_span)
        pairs = {(i, j) for i in sources for j in targets}
        t.clean_moved_right += bool(pairs & linked)


def print_tally(corpus: str, split: str, t: Tally) -> None:
    def share(a: int, b: int) -> str:
        return f"{a / b:.3f} ({a}/{b})" if b else "-"

    print(f"\n{corpus} {split}: {t.dropped} damaged documents, {t.clean_documents} undamaged")
    print("| moved source sentences | reported moved, right partner | moved, other partner | still missing |")
    print(
        f"| {t.moved} | {share(t.moved_right, t.moved)} | {share(t.moved_wrong, t.moved)} | "
        f"{share(t.moved_still_missing, t.moved)} |"
    )
    print("| dropped: reported missing | dropped: taken for moved | inserted: reported added | inserted: for moved |")
    print(
        f"| {share(t.dropped_missing, t.dropped)} | {share(t.dropped_as_moved, t.dropped)} | "
        f"{share(t.inserted_added, t.inserted)} | {share(t.inserted_as_moved, t.inserted)} |"
    )
    print(
        f"undamaged: {t.clean_moved_flags} moved flags in {t.clean_sentences} target sentences, "
        f"{t.clean_moved_right} of them on a pair the gold aligns"
    )


if __name__ == "__main__":
    main()
