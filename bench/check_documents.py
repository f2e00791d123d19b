"""Whole sentences dropped from or added to a translation: what `align check` reports, on whole documents.

    python bench/check_documents.py --split dev          # missing_sentence / addition recall, precision, false flags
    python bench/check_documents.py --split dev --fit    # fit their confidences (precision on dev) into models/
    python bench/check_documents.py --split test         # the figures for the README
    python bench/check_documents.py --split test --word-boundaries   # the same with the aligner's word boundaries
    python bench/check_documents.py --split test --complete   # the real Text+Berg articles, complete translations

Documents are bench/compare.py's damaged documents, monotonic variants only (a check compares a translation with its
original, in order): Text+Berg de-fr pseudo-articles of 40 beads and XL-WA en-es pairs 30 to a document; 10/20/30%
of the beads dropped (damage seeds 0/1/2), sentences cut, split, merged, and sentences of another document inserted.
The original is the reference side, the translation the damaged version.

Scored per sentence. A source sentence the gold marks missing (dropped, or a gold null bead) is *reported* when a
missing_sentence flag covers it, and *found* when that or omission flags cover at least half of its characters (an
aligner may join a dropped sentence to its neighbour's bead, where the omission detector sees its words unmatched).
A target sentence the gold marks added is reported when an addition flag covers it. False flags: reports on sentences
the gold keeps (fully or partly carried; not added), as a share of those sentences.

With `--complete`, no damage: the Text+Berg articles of the split checked whole, as translated, and a flag is right
when its sentence is one the gold alignment leaves unaligned (what a complete translation really leaves out or adds).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from check_damage import DOCUMENT_KINDS, fit_platt, forget_calibration, save_calibration  # noqa: E402  (the calibration of bench/check_damage.py)
from compare import CachingEncoder, Case, Rates, as_document, cases  # noqa: E402  (bench/compare.py's data)

from align.alignment.sentence_aligner import AlignerConfig
from align.alignment.words import shared_word_aligner
from align.check import check_documents
from align.compare.model import Status
from align.detectors.base import Flag
from align.detectors.lexicon import MODELS_DIR
from align.encoders import DEFAULT_MODEL, load_encoder
from align.evaluation.strict_lax import parse_beads
from align.pipeline import ReadOptions, read_document
from align.text.document import Document

CALIBRATION = MODELS_DIR / "calibration.json"
TEXTBERG = MODELS_DIR.parent.parent / "shared" / "bench" / "data" / "textberg_de_fr"
KINDS = DOCUMENT_KINDS  # the kinds this benchmark scores and fits


@dataclass
class Tally:
    gold: int = 0  # sentences the gold marks missing (source) or added (target)
    reported: int = 0  # of those, covered by a flag of the kind
    found: int = 0  # of those, covered by any flag that says content is missing (source side only)
    kept: int = 0  # sentences the gold keeps
    false: int = 0  # of those, covered by a flag of the kind
    flags: int = 0
    right_flags: int = 0  # flags of the kind that cover a gold missing / added sentence
    scored_flags: list[tuple[float, int]] = field(default_factory=list)  # (confidence, right)


def covered(spans: Iterable[tuple[int, int]], start: int, end: int) -> float:
    """Share of the characters of [start, end) that the spans cover."""
    hit = [False] * (end - start)
    for a, b in spans:
        for p in range(max(a, start), min(b, end)):
            hit[p - start] = True
    return sum(hit) / max(end - start, 1)


def score_case(case: Case, source: Document, target: Document, flags: list[Flag], tallies: dict[str, Tally]) -> None:
    missing_spans = [f.source_span for f in flags if f.kind == "missing_sentence" and f.source_span]
    lost_spans = [f.source_span for f in flags if f.kind in ("missing_sentence", "omission") and f.source_span]
    added_spans = [f.target_span for f in flags if f.kind == "addition" and f.target_span]
    source_side, target_side = tallies["missing_sentence"], tallies["addition"]
    for sentence in source.sentences:
        gold_missing = case.status.get(sentence.id) == Status.missing
        reported = covered(missing_spans, sentence.start, sentence.end) >= 0.5
        if gold_missing:
            source_side.gold += 1
            source_side.reported += reported
            source_side.found += covered(lost_spans, sentence.start, sentence.end) >= 0.5
        else:
            source_side.kept += 1
            source_side.false += reported
    for sentence in target.sentences:
        reported = covered(added_spans, sentence.start, sentence.end) >= 0.5
        if sentence.id in case.added:
            target_side.gold += 1
            target_side.reported += reported
        else:
            target_side.kept += 1
            target_side.false += reported
    missing_ids = {s.id for s in source.sentences if case.status.get(s.id) == Status.missing}
    for flag in flags:
        if flag.kind not in KINDS:
            continue
        tally = tallies[flag.kind]
        if flag.kind == "missing_sentence" and flag.source_span:
            ids = [s.id for s in source.sentences if covered([flag.source_span], s.start, s.end) >= 0.5]
            right = any(i in missing_ids for i in ids)
        elif flag.kind == "addition" and flag.target_span:
            ids = [s.id for s in target.sentences if covered([flag.target_span], s.start, s.end) >= 0.5]
            right = any(j in case.added for j in ids)
        else:
            continue
        tally.flags += 1
        tally.right_flags += right
        tally.scored_flags.append((flag.confidence, int(right)))


def run(
    split: str,
    word_boundaries: bool,
    min_confidence: float,
    joins: str = AlignerConfig.joins,
    skip: float = AlignerConfig.skip,
) -> dict[str, dict[str, Tally]]:
    encoder = CachingEncoder(load_encoder(DEFAULT_MODEL))
    word_aligner = shared_word_aligner()
    config = AlignerConfig(word_boundaries=word_boundaries, joins=joins, skip=skip)
    tallies: dict[str, dict[str, Tally]] = {}
    unrelated = 0
    for case in (c for c in cases(split, [0, 1, 2], Rates()) if not c.shuffled):
        source = as_document(f"{case.name}.src", case.ref, case.ref_lang)
        target = as_document(f"{case.name}.tgt", case.ver, case.ver_lang)
        result = check_documents(source, target, encoder, word_aligner, config, True, min_confidence)
        unrelated += not result.related
        corpus = case.name.split("-")[0]
        for key in ("all", corpus):
            score_case(case, source, target, result.flags, tallies.setdefault(key, {k: Tally() for k in KINDS}))
    print(f"{unrelated} documents reported as unrelated texts (no flags)")
    return tallies


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def print_table(tallies: dict[str, dict[str, Tally]]) -> None:
    print(
        "| documents | kind | gold sentences | recall (flag of the kind) | recall (any missing-content flag) "
        "| flag precision | false flags / kept sentences |"
    )
    print("|---|---|---|---|---|---|---|")
    for key in sorted(tallies):
        for kind, t in tallies[key].items():
            found = ratio(t.found, t.gold) if kind == "missing_sentence" else "-"
            print(
                f"| {key} | {kind} | {t.gold} | {ratio(t.reported, t.gold)} | {found} "
                f"| {ratio(t.right_flags, t.flags)} | {ratio(t.false, t.kept)} |"
            )


def fit(rows: dict[str, list[tuple[float, int]]]) -> None:
    """Platt scaling of each kind's raw scores (a sentence alone in a null bead, or the share of its words left
    unlinked in a joined bead) against whether the flag is right."""
    kinds = {kind: fitted for kind, kind_rows in rows.items() if (fitted := fit_platt(kind_rows))}
    save_calibration(kinds, "e5-small (word aligner)")
    print("calibration:", json.dumps(kinds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--word-boundaries", action="store_true")
    parser.add_argument("--joins", default=AlignerConfig.joins, help="the aligner's --joins (default: its default)")
    parser.add_argument("--skip", type=float, default=AlignerConfig.skip, help="the aligner's --skip")
    parser.add_argument("--min-confidence", type=float, default=0.5, help="as `align check --min-confidence`")
    parser.add_argument("--fit", action="store_true", help="fit the kinds' confidences on dev into models/")
    parser.add_argument("--complete", action="store_true", help="the real Text+Berg articles instead (no damage)")
    args = parser.parse_args()
    if args.complete:
        complete_translations(args.split, args.min_confidence, args.skip)
        return
    if args.fit and args.split != "dev":
        parser.error("--fit only on the dev split")
    if args.fit:
        forget_calibration(lambda kind: kind in KINDS, MODELS_DIR)  # fit on raw scores, every flag kept
        args.min_confidence = 0.0
    started = time.perf_counter()
    tallies = run(args.split, args.word_boundaries, args.min_confidence, args.joins, args.skip)
    print(
        f"split {args.split}, joins {args.joins}, skip {args.skip}, "
        f"word boundaries {'on' if args.word_boundaries else 'off'}, "
        f"min confidence "
        f"{args.min_confidence}, {time.perf_counter() - started:.0f} s\n"
    )
    print_table(tallies)
    print_reliability(tallies["all"])
    if args.fit:
        fit({kind: t.scored_flags for kind, t in tallies["all"].items()})
        print(f"\nwrote {CALIBRATION}")


def complete_translations(split: str, min_confidence: float, skip: float = AlignerConfig.skip) -> None:
    """Whole-sentence flags on the Text+Berg articles as translated, against the gold alignment's unaligned
    sentences (1-0 and 0-1 beads)."""
    encoder = load_encoder(DEFAULT_MODEL)
    word_aligner = shared_word_aligner()
    config = AlignerConfig(skip=skip)
    flags_right = {kind: [0, 0] for kind in KINDS}
    gold_total = {kind: 0 for kind in KINDS}
    for gold in sorted((TEXTBERG / split).glob("*.defr")):
        unaligned: dict[str, set[int]] = {"missing_sentence": set(), "addition": set()}
        for left, right in parse_beads(gold.read_text(encoding="utf-8").splitlines(), str(gold)):
            if not right:
                unaligned["missing_sentence"] |= set(left)
            if not left:
                unaligned["addition"] |= set(right)
        source = read_document(str(gold.with_suffix(".de")), ReadOptions(True, "de"), encoder)
        target = read_document(str(gold.with_suffix(".fr")), ReadOptions(True, "fr"), encoder)
        result = check_documents(source, target, encoder, word_aligner, config, True, min_confidence)
        for kind in KINDS:
            gold_total[kind] += len(unaligned[kind])
            side = source if kind == "missing_sentence" else target
            for flag in (f for f in result.flags if f.kind == kind):
                span = flag.source_span if kind == "missing_sentence" else flag.target_span
                assert span is not None
                ids = side.sentences_within(span)
                flags_right[kind][0] += 1
                flags_right[kind][1] += bool(ids & unaligned[kind])
    print(f"Text+Berg {split} articles, complete translations, flags at >= {min_confidence}\n")
    print("| kind | flags | on a sentence the gold leaves unaligned | precision | gold unaligned sentences |")
    print("|---|---|---|---|---|")
    for kind, (flags, right) in flags_right.items():
        print(f"| {kind} | {flags} | {right} | {ratio(right, flags)} | {gold_total[kind]} |")


def print_reliability(tallies: dict[str, Tally]) -> None:
    """How often a flag is right at each confidence: the calibration's check."""
    print("\n| kind | confidence | flags | right |\n|---|---|---|---|")
    for kind, t in tallies.items():
        for low, high in ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01)):
            inside = [right for c, right in t.scored_flags if low <= c < high]
            if inside:
                print(f"| {kind} | {low:.1f}-{min(high, 1.0):.1f} | {len(inside)} | {sum(inside) / len(inside):.3f} |")


if __name__ == "__main__":
    main()
