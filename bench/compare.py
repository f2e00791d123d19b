"""Benchmark of `align compare` on real parallel documents damaged in known ways, with gold coverage.

    python bench/compare.py                       # dev and test tables, monotonic aligner beside it
    python bench/compare.py --fit                 # fit thresholds on dev only, write models/compare_thresholds.json
    python bench/compare.py --timing              # five versions of a ~300-sentence story, model load in and out

Documents: Text+Berg de-fr (reference German, version French; the gold beads, null beads included, give what
corresponds) cut into pseudo-articles of 40 beads, and XL-WA en-es sentence pairs (reference English, version
Spanish) grouped 30 to a pseudo-document. Both are read from ../shared at run time, never copied here.

Operations on the version side, each drawn per bead with a fixed seed: drop (the reference sentences go missing;
10%, 20% or 30% of the beads for damage seeds 0, 1, 2, since outlets cut far more than a wire service loses),
cut (keep the first half of the words: gold `partial`), split (one sentence into two at the comma nearest the
middle, else the middle word), merge (join the last sentence of a bead with the first of the next), insert (a
sentence of another document of the same split and language: gold `added`); then, for the shuffled variant, a random
permutation of the version's sentences. Every variant exists monotonic and shuffled with the same damage.

Scores (pooled over documents):
- covered: P/R/F1 of "this reference sentence is carried (full or partial)";
- links: P/R/F1 of (reference sentence, version sentence) pairs, each match or bead counting as all its pairs;
- missing: P/R of "this reference sentence is missing"; added: P/R of "this version sentence is added";
- status accuracy over full / partial / missing.
The monotonic aligner (align.alignment.sentence_aligner) is scored the same way on the same inputs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from align.alignment.debris import is_debris
from align.alignment.sentence_aligner import AlignerConfig, SideInput, align_sentences
from align.compare.matching import MatchConfig, MatchThresholds
from align.compare.model import Comparison, Status
from align.compare.run import compare_documents
from align.compare.thresholds import THRESHOLDS_FILE, Calibration, load_calibration
from align.encoders import DEFAULT_MODEL, Encoder, load_encoder
from align.evaluation.strict_lax import parse_beads
from align.text.document import Document
from align.text.segment import split_presplit

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "bench"
Bead = tuple[tuple[int, ...], tuple[int, ...]]
CHUNK_BEADS = 40
XLWA_DOC = 30


@dataclass(frozen=True)
class ParallelDoc:
    name: str
    ref: list[str]
    ver: list[str]
    beads: list[Bead]  # gold, null beads included
    ref_lang: str
    ver_lang: str


@dataclass(frozen=True)
class Rates:
    drop: float = 0.10
    cut: float = 0.05
    split: float = 0.10
    merge: float = 0.10
    insert: float = 0.10


@dataclass
class Case:
    """One reference/version pair with its gold coverage."""

    name: str
    ref: list[str]
    ver: list[str]
    groups: list[Bead]  # gold matches (reference ids, version ids)
    status: dict[int, Status]  # reference id -> gold status
    added: set[int]
    shuffled: bool
    ref_lang: str
    ver_lang: str


# ---------------------------------------------------------------- data


def _lines(path: Path) -> list[str]:
    return [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]


def _chunk(name: str, ref: list[str], ver: list[str], beads: list[Bead], langs: tuple[str, str]) -> list[ParallelDoc]:
    """Consecutive runs of CHUNK_BEADS beads, re-indexed: article-sized pseudo-documents."""
    docs = []
    for start in range(0, len(beads), CHUNK_BEADS):
        part = beads[start : start + CHUNK_BEADS]
        ref_ids = sorted(i for b in part for i in b[0])
        ver_ids = sorted(j for b in part for j in b[1])
        ref_map = {i: k for k, i in enumerate(ref_ids)}
        ver_map = {j: k for k, j in enumerate(ver_ids)}
        local = [(tuple(ref_map[i] for i in s), tuple(ver_map[j] for j in t)) for s, t in part]
        docs.append(
            ParallelDoc(
                f"{name}#{start // CHUNK_BEADS}",
                [ref[i] for i in ref_ids],
                [ver[j] for j in ver_ids],
                local,
                *langs,
            )
        )
    return docs


def textberg(split: str) -> list[ParallelDoc]:
    base = SHARED / "data" / "textberg_de_fr" / split
    stems = ["dev"] if split == "dev" else [f"test{i}" for i in range(7)]
    docs = []
    for stem in stems:
        beads = parse_beads((base / f"{stem}.defr").read_text().splitlines(), stem)
        ref, ver = _lines(base / f"{stem}.de"), _lines(base / f"{stem}.fr")
        docs += _chunk(f"textberg-{stem}", ref, ver, [(tuple(s), tuple(t)) for s, t in beads], ("de", "fr"))
    return docs


def xlwa(split: str) -> list[ParallelDoc]:
    rows = [line.split("\t") for line in (SHARED / "detect" / "xlwa-en-es" / f"{split}.tsv").read_text().splitlines()]
    docs = []
    for start in range(0, len(rows), XLWA_DOC):
        part = rows[start : start + XLWA_DOC]
        ref = [" ".join(r[0].split()) for r in part]
        ver = [" ".join(r[1].split()) for r in part]
        beads = [((k,), (k,)) for k in range(len(part))]
        docs.append(ParallelDoc(f"xlwa-{split}#{start // XLWA_DOC}", ref, ver, beads, "en", "es"))
    return docs


def documents(split: str) -> list[ParallelDoc]:
    return textberg(split) + xlwa(split)


# ---------------------------------------------------------------- damage


@dataclass
class _Unit:
    refs: tuple[int, ...]
    texts: list[str]
    partial: set[int] = field(default_factory=set)


def _split_text(text: str) -> tuple[str, str] | None:
    words = text.split()
    if len(words) < 8:
        return None
    commas = [k for k, w in enumerate(words[:-1]) if w.endswith(",") or words[k + 1] == ","]
    middle = len(words) / 2
    near = [k for k in commas if 0.3 * len(words) <= k + 1 <= 0.7 * len(words)]
    cut = min(near, key=lambda k: abs(k + 1 - middle)) + 1 if near else int(middle)
    if words[cut] == ",":
        cut += 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def damage(doc: ParallelDoc, seed: int, rates: Rates, foreign: Sequence[str], shuffled: bool) -> Case:
    """Apply the operations to the version side and keep the gold in step (same seed: same damage)."""
    rng = np.random.default_rng(seed)
    units = [_Unit(s, [doc.ver[j] for j in t]) for s, t in doc.beads if t]
    kept = []
    for unit in units:
        if unit.refs and rng.random() < rates.drop:
            continue
        if unit.refs and len(unit.texts) == 1 and len(unit.refs) == 1 and rng.random() < rates.cut:
            words = unit.texts[0].split()
            if len(words) >= 10:
                unit.texts = [" ".join(words[: (len(words) + 1) // 2])]
                unit.partial = set(unit.refs)
        elif len(unit.texts) == 1 and rng.random() < rates.split:
            halves = _split_text(unit.texts[0])
            if halves:
                unit.texts = list(halves)
        kept.append(unit)
    merged: list[_Unit] = []
    for unit in kept:
        last = merged[-1] if merged else None
        if last is not None and last.refs and unit.refs and rng.random() < rates.merge:
            joined = f"{last.texts[-1]} {unit.texts[0]}"
            last.texts = [*last.texts[:-1], joined, *unit.texts[1:]]
            last.refs = tuple(sorted({*last.refs, *unit.refs}))
            last.partial |= unit.partial
            continue
        merged.append(unit)
    final: list[_Unit] = []
    for unit in merged:
        final.append(unit)
        if rng.random() < rates.insert:
            final.append(_Unit((), [foreign[int(rng.integers(len(foreign)))]]))
    ver: list[str] = []
    groups: list[Bead] = []
    added: set[int] = set()
    status = {i: Status.missing for i in range(len(doc.ref))}
    for unit in final:
        ids = tuple(range(len(ver), len(ver) + len(unit.texts)))
        ver.extend(unit.texts)
        if unit.refs:
            groups.append((unit.refs, ids))
            for i in unit.refs:
                status[i] = Status.partial if i in unit.partial else Status.full
        else:
            added.update(ids)
    if shuffled:
        order = rng.permutation(len(ver))  # new position p holds old sentence order[p]
        new_id = {int(old): p for p, old in enumerate(order)}
        ver = [ver[int(old)] for old in order]
        groups = [(r, tuple(sorted(new_id[j] for j in v))) for r, v in groups]
        added = {new_id[j] for j in added}
    kind = "shuffled" if shuffled else "monotonic"
    return Case(f"{doc.name}/{seed}/{kind}", list(doc.ref), ver, groups, status, added, shuffled, doc.ref_lang,
                doc.ver_lang)


def cases(split: str, seeds: Sequence[int], rates: Rates) -> list[Case]:
    docs = documents(split)
    out = []
    for d, doc in enumerate(docs):
        # Inserted sentences come from another document of the same split and language, never from this one.
        others = [o for o in docs if o.ver_lang == doc.ver_lang and o.name.split("#")[0] != doc.name.split("#")[0]]
        others = others or [o for k, o in enumerate(docs) if o.ver_lang == doc.ver_lang and k != d]
        foreign = [s for o in others for s in o.ver if len(s.split()) >= 4]
        for seed in seeds:
            # Outlets cut far more than a wire service drops: seeds 0, 1, 2 drop 10%, 20%, 30% of the beads.
            seeded = replace(rates, drop=rates.drop * (1 + seed % 3))
            for shuffled in (False, True):
                out.append(damage(doc, 1000 * d + seed, seeded, foreign, shuffled))
    return out


# ---------------------------------------------------------------- running


class CachingEncoder(Encoder):
    """Each distinct text is embedded once across the whole benchmark (threshold grids re-run the matcher often)."""

    def __init__(self, inner: Encoder) -> None:
        self.inner = inner
        self.info = inner.info
        self.cache: dict[str, np.ndarray] = {}

    def encode(self, texts, progress=None):  # type: ignore[no-untyped-def]
        missing = sorted({t for t in texts if t not in self.cache})
        if missing:
            for text, vector in zip(missing, self.inner.encode(missing), strict=True):
                self.cache[text] = vector
        if progress:
            progress(len(texts))
        if not texts:
            return np.zeros((0, self.info.dim), dtype=np.float32)
        return np.stack([self.cache[t] for t in texts])

    def encode_document(self, sentences, progress=None):  # type: ignore[no-untyped-def]
        return self.inner.encode_document(sentences, progress)  # composed joins, as the aligner gets them


def as_document(name: str, sentences: list[str], lang: str) -> Document:
    text = "\n".join(sentences)
    return Document(name, text, lang, split_presplit(text))


@dataclass
class Prediction:
    status: dict[int, Status]
    links: set[tuple[int, int]]
    added: set[int]
    ref_scores: dict[int, float]
    ref_length: dict[int, float] = field(default_factory=dict)


def predict_compare(case: Case, encoder: Encoder, calibration: Calibration, config: MatchConfig) -> Prediction:
    result: Comparison = compare_documents(
        as_document("ref", case.ref, case.ref_lang), [as_document("ver", case.ver, case.ver_lang)], encoder,
        calibration, config, presplit=True,
    )
    version = result.versions[0]
    links = {(i, j) for m in version.matches for i in m.reference for j in m.version}
    status = {c.reference_id: c.status for c in version.cells}
    scores = {c.reference_id: c.score for c in version.cells if c.score is not None}
    lengths = {c.reference_id: c.log_length for c in version.cells if c.log_length is not None}
    return Prediction(status, links, set(version.added), scores, lengths)


def predict_monotonic(case: Case, encoder: Encoder) -> Prediction:
    ref = SideInput(case.ref, *encoder.encode_document(case.ref))
    ver = SideInput(case.ver, *encoder.encode_document(case.ver))
    beads = align_sentences(ref, ver, AlignerConfig(), embed=encoder.encode)
    status = {i: Status.missing for i in range(len(case.ref))}
    links = set()
    used = set()
    for bead in beads:
        if bead.source and bead.target:
            for i in bead.source:
                status[i] = Status.full
            used.update(bead.target)
            links.update((i, j) for i in bead.source for j in bead.target)
    return Prediction(status, links, set(range(len(case.ver))) - used, {})


# ---------------------------------------------------------------- scoring


@dataclass
class Tally:
    cov: list[int] = field(default_factory=lambda: [0, 0, 0])  # tp, fp, fn of "covered"
    link: list[int] = field(default_factory=lambda: [0, 0, 0])
    miss: list[int] = field(default_factory=lambda: [0, 0, 0])
    add: list[int] = field(default_factory=lambda: [0, 0, 0])
    status_right: int = 0
    status_total: int = 0
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)

    def add_case(self, case: Case, pred: Prediction) -> None:
        """Lines with no word and no number (OCR specks, rules) are scored on neither side: `align compare` skips
        them as nothing to carry or add, and the aligner leaves them out of its search."""
        for i, gold in case.status.items():
            if is_debris(case.ref[i]):
                continue
            got = pred.status.get(i, Status.missing)
            _count(self.cov, gold != Status.missing, got != Status.missing)
            _count(self.miss, gold == Status.missing, got == Status.missing)
            self.status_right += gold == got
            self.status_total += 1
            key = (gold.value, got.value)
            self.confusion[key] = self.confusion.get(key, 0) + 1
        gold_links = {(i, j) for r, v in case.groups for i in r for j in v}
        self.link[0] += len(gold_links & pred.links)
        self.link[1] += len(pred.links - gold_links)
        self.link[2] += len(gold_links - pred.links)
        for j in range(len(case.ver)):
            if not is_debris(case.ver[j]):
                _count(self.add, j in case.added, j in pred.added)


def _count(counts: list[int], gold: bool, got: bool) -> None:
    if gold and got:
        counts[0] += 1
    elif got:
        counts[1] += 1
    elif gold:
        counts[2] += 1


def prf(counts: list[int]) -> tuple[float, float, float]:
    tp, fp, fn = counts
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def row(label: str, tally: Tally) -> str:
    cells = [label]
    for counts in (tally.cov, tally.link):
        cells += [f"{x:.3f}" for x in prf(counts)]
    mp, mr, _ = prf(tally.miss)
    ap, ar, _ = prf(tally.add)
    cells += [f"{mp:.3f}", f"{mr:.3f}", f"{ap:.3f}", f"{ar:.3f}", f"{tally.status_right / tally.status_total:.3f}"]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| run | covered P | covered R | covered F1 | links P | links R | links F1 | missing P | missing R "
    "| added P | added R | status acc |\n|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def evaluate(
    all_cases: list[Case], encoder: Encoder, calibration: Calibration, config: MatchConfig, baseline: bool
) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for case in all_cases:
        corpus = case.name.split("-")[0]
        kind = "shuffled" if case.shuffled else "monotonic"
        pred = predict_compare(case, encoder, calibration, config)
        for key in (f"compare {kind}", f"compare {kind} {corpus}"):
            tallies.setdefault(key, Tally()).add_case(case, pred)
        if baseline:
            mono = predict_monotonic(case, encoder)
            for key in (f"aligner {kind}", f"aligner {kind} {corpus}"):
                tallies.setdefault(key, Tally()).add_case(case, mono)
    return tallies


# ---------------------------------------------------------------- fitting


GRID = {
    "match": np.arange(-0.05, 0.2001, 0.025),
    "grow": np.arange(0.0, 0.1501, 0.02),
    "adjacent": np.arange(0.0, 0.1501, 0.025),
    "run": np.arange(0.0, 0.2001, 0.025),
    "mutual": np.arange(0.0, 0.1501, 0.025),
}


def fit(dev: list[Case], encoder: Encoder, config: MatchConfig, name: str) -> dict[str, object]:
    """Coordinate descent (two passes over GRID) on dev for the matching thresholds, maximising the mean of covered
    F1 and links F1 over monotonic and shuffled cases pooled; then the full/partial threshold that maximises the
    macro F1 of full vs partial among carried sentences (partial = the `cut` damage)."""
    current = {"match": 0.05, "grow": 0.05, "adjacent": 0.05, "run": 0.05, "mutual": 0.05}
    background = _background(dev, encoder, config)
    seen: dict[tuple[float, ...], float] = {}

    def objective(values: dict[str, float]) -> float:
        key = tuple(round(values[k], 4) for k in GRID)
        if key not in seen:
            thresholds = MatchThresholds(full=values["match"], short=-99.0, background=background, **values)
            calibration = Calibration(thresholds, name, True, "grid")
            tally = Tally()
            for case in dev:
                tally.add_case(case, predict_compare(case, encoder, calibration, config))
            seen[key] = (prf(tally.cov)[2] + prf(tally.link)[2]) / 2
            print(f"  {values}: covered F1 {prf(tally.cov)[2]:.4f} links F1 {prf(tally.link)[2]:.4f}", flush=True)
        return seen[key]

    for _ in range(2):
        for parameter, grid in GRID.items():
            best = max(grid, key=lambda v: (objective({**current, parameter: float(v)}), -abs(v - current[parameter])))
            current[parameter] = round(float(best), 4)
            print(f"{parameter} = {current[parameter]} (objective {objective(current):.4f})", flush=True)
    thresholds = MatchThresholds(full=current["match"], short=-99.0, background=background, **current)
    calibration = Calibration(thresholds, name, True, "grid")
    carried = []  # (score, log length ratio, gold is full) for sentences carried in gold and prediction
    for case in dev:
        pred = predict_compare(case, encoder, calibration, config)
        for i, score in pred.ref_scores.items():
            if case.status[i] != Status.missing and score >= current["match"]:
                carried.append((score, pred.ref_length[i], case.status[i] == Status.full))
    full, short = _fit_full(carried, current["match"])
    return {
        **current,
        "full": round(full, 4),
        "short": round(short, 4),
        "background": round(background, 4),
        "dev_objective": round(objective(current), 4),
    }


def _background(dev: list[Case], encoder: Encoder, config: MatchConfig) -> float:
    """Median cosine of every dev reference sentence's knn-th nearest version sentence: a typical neighbour that
    is not its counterpart (dev documents all have more than knn sentences a side)."""
    values = []
    for case in dev:
        sims = encoder.encode(case.ref) @ encoder.encode(case.ver).T
        values.extend(np.sort(sims, axis=1)[:, -config.knn].tolist())
    return float(np.median(values))


def _fit_full(carried: list[tuple[float, float, bool]], floor: float) -> tuple[float, float]:
    """(full, short) maximising the macro F1 of full vs partial: partial when score < full or length < short."""
    scores = np.array([c[0] for c in carried])
    lengths = np.array([c[1] for c in carried])
    gold_full = np.array([c[2] for c in carried])
    best = (-1.0, floor, -99.0)
    for full in [floor, *np.quantile(scores, np.linspace(0.0, 0.5, 26))]:
        for short in [-99.0, *np.arange(-1.0, 0.01, 0.05)]:
            predicted_full = (scores >= full) & (lengths >= short)
            f1s = []
            for positive in (True, False):
                tp = int(np.sum((predicted_full == positive) & (gold_full == positive)))
                fp = int(np.sum((predicted_full == positive) & (gold_full != positive)))
                fn = int(np.sum((predicted_full != positive) & (gold_full == positive)))
                f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
            value = sum(f1s) / 2
            if value > best[0] + 1e-12:
                best = (value, float(max(full, floor)), float(short))
    return best[1], best[2]


# ---------------------------------------------------------------- timing


def timing(model: str, versions: int = 5) -> None:
    """Five damaged versions (two shuffled) of Text+Berg test1 (~290 German sentences) as real files; the on-disk
    embedding cache is switched off (ALIGN_NO_CACHE=1) so every run embeds everything, as a first run would."""
    os.environ["ALIGN_NO_CACHE"] = "1"
    base = SHARED / "data" / "textberg_de_fr" / "test"
    beads = parse_beads((base / "test1.defr").read_text().splitlines(), "test1")
    doc = ParallelDoc("test1", _lines(base / "test1.de"), _lines(base / "test1.fr"),
                      [(tuple(s), tuple(t)) for s, t in beads], "de", "fr")
    foreign = [s for d in textberg("test") if not d.name.startswith("textberg-test1") for s in d.ver]
    with tempfile.TemporaryDirectory() as folder:
        ref_path = Path(folder) / "reference.de.txt"
        ref_path.write_text("\n".join(doc.ref) + "\n", encoding="utf-8")
        paths = []
        for k in range(versions):
            case = damage(doc, 7000 + k, Rates(), foreign, shuffled=k % 2 == 1)
            path = Path(folder) / f"version{k}.fr.txt"
            path.write_text("\n".join(case.ver) + "\n", encoding="utf-8")
            paths.append(str(path))
        sizes = [len(Path(p).read_text().splitlines()) for p in paths]
        print(f"reference {len(doc.ref)} sentences; versions {sizes} sentences")
        command = [sys.executable, "-m", "align.cli", "compare", str(ref_path), *paths, "--quiet", "--format", "json",
                   "--model", model, "-o", str(Path(folder) / "out.json")]
        for label, extra in (("raw text (segmentation, language detection)", []), ("--presplit", ["--presplit"])):
            started, cpu = time.perf_counter(), _children_cpu()
            subprocess.run(command + extra, check=True)
            print(f"CLI, {label}, model load included: {time.perf_counter() - started:.2f}s "
                  f"(CPU {_children_cpu() - cpu:.2f}s)")
        from align.compare.run import compare_files
        from align.progress import set_quiet

        set_quiet(True)
        started = time.perf_counter()
        encoder = load_encoder(model)
        print(f"model load: {time.perf_counter() - started:.2f}s")
        sentences = doc.ref + [s for p in paths for s in Path(p).read_text(encoding="utf-8").splitlines()]
        started = time.perf_counter()
        encoder.encode(sentences)
        print(f"one embedding pass over all {len(sentences)} sentences: {time.perf_counter() - started:.2f}s")
        for _ in range(2):
            started, cpu = time.perf_counter(), time.process_time()
            compare_files(str(ref_path), paths, model, presplit=True)
            print(f"in process, --presplit, model loaded: {time.perf_counter() - started:.2f}s "
                  f"(CPU {time.process_time() - cpu:.2f}s)")


def _children_cpu() -> float:
    """CPU seconds of finished child processes: on a shared machine wall time depends on the neighbours' load."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--seeds", default="0,1,2", help="damage seeds per document")
    parser.add_argument("--splits", default="dev,test")
    parser.add_argument("--fit", action="store_true", help="fit thresholds on dev and write them")
    parser.add_argument("--thresholds", type=Path, default=THRESHOLDS_FILE)
    parser.add_argument("--timing", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    if args.timing:
        timing(args.model)
        return
    seeds = [int(s) for s in args.seeds.split(",")]
    encoder = CachingEncoder(load_encoder(args.model))
    config = MatchConfig()
    if args.fit:
        dev = cases("dev", seeds, Rates())
        print(f"fitting on {len(dev)} dev cases, model {args.model}", flush=True)
        values = fit(dev, encoder, config, encoder.info.name)
        _write_thresholds(args.thresholds, encoder.info.name, values, seeds, len(dev))
        print(json.dumps(values))
    calibration = load_calibration(encoder.info.name, args.thresholds)
    print(f"model {args.model}; thresholds {calibration.thresholds} (calibrated for {calibration.encoder})")
    for split in args.splits.split(","):
        split_cases = cases(split, seeds, Rates())
        started = time.perf_counter()
        tallies = evaluate(split_cases, encoder, calibration, config, baseline=not args.no_baseline)
        print(f"\n### {split}: {len(split_cases)} cases ({len(split_cases) // 2} damaged documents x monotonic/"
              f"shuffled), {time.perf_counter() - started:.1f}s\n")
        print(HEADER)
        for key in sorted(tallies):
            print(row(key, tallies[key]))
        full = tallies.get("compare shuffled")
        if full:
            order = ["full", "partial", "missing"]
            print("\nstatus confusion, compare shuffled (rows gold, columns predicted): full / partial / missing")
            for g in order:
                print(f"  {g:8}" + "".join(f"{full.confusion.get((g, p), 0):>7}" for p in order))


def _write_thresholds(path: Path, name: str, values: dict[str, object], seeds: list[int], count: int) -> None:
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    data["description"] = (
        "Decision data of `align compare`, per encoder (each has its own similarity scale). Scores are margin "
        "scores: cosine of the joined texts minus the members' mean nearest-neighbour cosine. match: a group is kept "
        "and its reference sentences count as carried; grow: how much better a union must score to take one more "
        "sentence; adjacent: bonus to that gain for a sentence next to a member in its own document; run: bonus for "
        "a 1-1 pair continuing a run of matches; mutual: bonus for two leftover sentences that are each other's best "
        "free partner; full: carried fully at or above this score; short: log of (carrying "
        "text length / expected length) below which a carried sentence is partial; background: cosine of a typical "
        "non-matching neighbour, standing in for neighbours that inputs of under knn sentences lack. Written by "
        "`python bench/compare.py --fit`, fitted on the dev split only (never test, never seeds/)."
    )
    data.setdefault("default_encoder", DEFAULT_MODEL)
    data.setdefault("encoders", {})
    data["encoders"][name] = {
        **values,
        "fitted_on": f"bench/compare.py dev split (Text+Berg de-fr dev, XL-WA en-es dev), seeds {seeds}, {count} cases",
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
