"""Word-alignment benchmark for align.alignment.words: AER, P, R, F1 and the null-alignment view.

    python bench/word_alignment.py [--data ../shared/bench/detect] [--tune] [--layer 7 --method argmax]

Scoring follows shared/bench/detect/PROTOCOL.md section 1: counts summed over the whole set (micro),
precision = |A∩P|/|A|, recall = |A∩S|/|S|, AER = 1 - (|A∩S| + |A∩P|) / (|A| + |S|), with S ⊆ P.
Sets: XL-WA en-es test (settings tuned on dev only, --tune prints that grid), WPT en-fr (sure/possible) and
ro-en (sure only), both 1-based on disk, and the 5-pair SimAlign en-de sample. The null-alignment view scores
"this gold token has no link" as the positive class on XL-WA test: our own measure, no published baseline.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from align.alignment.words import (
    DEFAULT_LAYER,
    DEFAULT_METHOD,
    DEFAULT_PREFIX,
    DEFAULT_WORD_MODEL,
    METHODS,
    WORD_MODELS,
    WordAligner,
    WordAlignment,
    _words_from_list,
    extract_links,
    similarity,
)

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "bench" / "detect"

# Published figures for other systems on the same gold sets, from the projects' READMEs (AER in %, or F1).
# SimAlign README: mBERT-Argmax F1 (ENG-FRA .94, ENG-RON .65; ENG-DEU .81 is on the full RWTH de-en set,
# not the 5-pair sample). awesome-align README: mBERT without fine-tuning, softmax extraction, AER
# Fr-En 5.6, Ro-En 27.9 (De-En 17.4 on the full RWTH set). No such figures are saved for XL-WA.
PUBLISHED = {
    "xlwa-en-es-test": "n/a",
    "wpt-en-fr": "SimAlign mBERT-Argmax F1 .94; awesome-align mBERT AER 5.6",
    "wpt-ro-en": "SimAlign mBERT-Argmax F1 .65; awesome-align mBERT AER 27.9",
    "simalign-en-de-sample": "n/a (5 pairs; full RWTH de-en: SimAlign F1 .81, awesome-align AER 17.4)",
}

Link = tuple[int, int]


@dataclass
class GoldPair:
    source: list[str]
    target: list[str]
    sure: set[Link]
    possible: set[Link]  # includes sure


@dataclass
class Counts:
    a: int = 0
    s: int = 0
    a_and_s: int = 0
    a_and_p: int = 0

    def add(self, pred: set[Link], gold: GoldPair) -> None:
        self.a += len(pred)
        self.s += len(gold.sure)
        self.a_and_s += len(pred & gold.sure)
        self.a_and_p += len(pred & gold.possible)

    @property
    def precision(self) -> float:
        return self.a_and_p / self.a if self.a else 0.0

    @property
    def recall(self) -> float:
        return self.a_and_s / self.s if self.s else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def aer(self) -> float:
        return 1.0 - (self.a_and_s + self.a_and_p) / (self.a + self.s) if self.a + self.s else 0.0


# ----------------------------------------------------------------------------------------------------- loaders


def _parse_links(text: str, one_based: bool) -> tuple[set[Link], set[Link]]:
    sure: set[Link] = set()
    possible: set[Link] = set()
    for item in text.split():
        sep = "p" if "p" in item else "-"
        i, j = (int(x) - one_based for x in item.split(sep))
        possible.add((i, j))
        if sep == "-":
            sure.add((i, j))
    return sure, possible


def load_xlwa(path: Path) -> list[GoldPair]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = [c for c in line.split("\t") if c.strip()]
        if len(cols) < 2:
            continue
        sure, possible = _parse_links(cols[2] if len(cols) > 2 else "", one_based=False)
        pairs.append(GoldPair(cols[0].split(), cols[1].split(), sure, possible))
    return pairs


def load_wpt(folder: Path, name: str) -> list[GoldPair]:
    texts = (folder / f"{name}.src-tgt").read_text(encoding="utf-8").splitlines()
    golds = (folder / f"{name}.gold").read_text(encoding="utf-8").splitlines()
    if len(texts) != len(golds):
        raise ValueError(f"{name}: {len(texts)} sentence pairs but {len(golds)} gold lines")
    pairs = []
    for text, gold in zip(texts, golds, strict=True):
        src, tgt = text.split(" ||| ")
        sure, possible = _parse_links(gold, one_based=True)
        pairs.append(GoldPair(src.split(), tgt.split(), sure, possible))
    return pairs


def load_simalign_sample(folder: Path) -> list[GoldPair]:
    def by_id(name: str) -> dict[str, str]:
        rows = (folder / name).read_text(encoding="utf-8").splitlines()
        return dict(row.split("\t", 1) for row in rows if row.strip())

    eng, deu, gold = by_id("sample_eng.txt"), by_id("sample_deu.txt"), by_id("sample_eng_deu.gold")
    pairs = []
    for key in sorted(gold, key=int):
        sure, possible = _parse_links(gold[key], one_based=False)
        pairs.append(GoldPair(eng[key].split(), deu[key].split(), sure, possible))
    return pairs


def load_sets(data: Path) -> dict[str, list[GoldPair]]:
    wpt = data / "wpt-enfr-roen-gold"
    return {
        "xlwa-en-es-test": load_xlwa(data / "xlwa-en-es" / "test.tsv"),
        "wpt-en-fr": load_wpt(wpt, "enfr"),
        "wpt-ro-en": load_wpt(wpt, "roen"),
        "simalign-en-de-sample": load_simalign_sample(data / "simalign-sample-en-de"),
    }


# ----------------------------------------------------------------------------------------------------- scoring


def gold_word_vectors(
    aligner: WordAligner, gold: Sequence[GoldPair], layers: Sequence[int]
) -> list[dict[int, np.ndarray]]:
    """Word vectors of the gold pairs' source and target sides in turn (the gold tokens as the words)."""
    joined = [_words_from_list(side) for g in gold for side in (g.source, g.target)]
    return aligner.word_vectors([t for t, _ in joined], [w for _, w in joined], layers)


def linking_similarities(aligner: WordAligner, gold: Sequence[GoldPair]) -> list[np.ndarray]:
    """The similarities the aligner draws its links from (its results keep the plain cosines)."""
    rows = [v[aligner.layer] for v in gold_word_vectors(aligner, gold, (aligner.layer,))]
    return [aligner.linking_similarity(rows[2 * k], rows[2 * k + 1]) for k in range(len(gold))]


def score(predicted: Sequence[set[Link]], gold: Sequence[GoldPair]) -> Counts:
    counts = Counts()
    for pred, g in zip(predicted, gold, strict=True):
        counts.add(pred, g)
    return counts


def null_view(results: Sequence[WordAlignment], gold: Sequence[GoldPair]) -> dict[str, tuple[float, float, float]]:
    """P/R/F1 of "no link" predictions against gold unaligned tokens, per side and pooled."""
    tallies = {"en": [0, 0, 0], "es": [0, 0, 0]}  # true positives, predicted, gold
    for res, g in zip(results, gold, strict=True):
        for side, pred, n, linked in (
            ("en", set(res.unaligned_source()), len(g.source), {i for i, _ in g.possible}),
            ("es", set(res.unaligned_target()), len(g.target), {j for _, j in g.possible}),
        ):
            truth = {k for k in range(n) if k not in linked}
            t = tallies[side]
            t[0] += len(pred & truth)
            t[1] += len(pred)
            t[2] += len(truth)
    tallies["both"] = [tallies["en"][k] + tallies["es"][k] for k in range(3)]
    out = {}
    for side, (tp, npred, ngold) in tallies.items():
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        out[side] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def _gold_null(gold: Sequence[GoldPair]) -> str:
    en = sum(len(g.source) - len({i for i, _ in g.possible}) for g in gold)
    es = sum(len(g.target) - len({j for _, j in g.possible}) for g in gold)
    return f"{en}/{sum(len(g.source) for g in gold)} en, {es}/{sum(len(g.target) for g in gold)} es"


def max_similarity_auc(results: Sequence[WordAlignment], gold: Sequence[GoldPair]) -> tuple[float, float]:
    """ROC AUC, per side, of 1 - (a word's best cosine to any word of the other side) for gold unaligned words."""
    out = []
    for axis, side in ((1, 0), (0, 1)):
        scores, labels = [], []
        for res, g in zip(results, gold, strict=True):
            best = res.similarity.max(axis=axis) if res.similarity.size else np.zeros(0)
            linked = {link[side] for link in g.possible}
            scores.extend((1.0 - best).tolist())
            labels.extend(k not in linked for k in range(len(best)))
        out.append(_auc(np.asarray(scores), np.asarray(labels, dtype=bool)))
    return out[0], out[1]


def _auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Mann-Whitney ROC AUC with average ranks for ties."""
    from scipy.stats import rankdata

    pos, neg = int(labels.sum()), int((~labels).sum())
    if not pos or not neg:
        return float("nan")
    ranks = rankdata(scores)
    return float((ranks[labels].sum() - pos * (pos + 1) / 2) / (pos * neg))


# ------------------------------------------------------------------------------------------------------ tuning


def tune(aligner: WordAligner, dev: list[GoldPair], prefixes: Sequence[str]) -> None:
    """Print the dev grid: layer x method x prefix x distortion, AER (lower is better)."""
    layers = list(range(1, aligner.available_layers + 1))
    saved = aligner.prefix
    rows = []
    for prefix in prefixes:
        aligner.prefix = prefix
        vecs = gold_word_vectors(aligner, dev, layers)
        for layer in layers:
            sims = [similarity(vecs[2 * k][layer], vecs[2 * k + 1][layer]) for k in range(len(dev))]
            for method in METHODS:
                for distortion in (0.0, 0.5):
                    pred = [set(extract_links(s, method, distortion)) for s in sims]
                    c = score(pred, dev)
                    rows.append((c.aer, layer, method, prefix, distortion, c))
    aligner.prefix = saved
    print("\n## XL-WA en-es dev grid (AER %, lower is better)\n")
    for method in METHODS:
        for prefix in prefixes:
            for distortion in (0.0, 0.5):
                cells = [r for r in rows if r[2] == method and r[3] == prefix and r[4] == distortion]
                line = " ".join(f"{r[1]}:{100 * r[0]:.1f}" for r in cells)
                print(f"{method:8s} prefix={prefix!r:12s} dist={distortion:.1f}  {line}")
    best = sorted(rows, key=lambda r: r[0])[:5]
    print("\nbest on dev:")
    for aer, layer, method, prefix, distortion, c in best:
        print(
            f"  layer {layer} {method} prefix={prefix!r} distortion={distortion}: AER {100 * aer:.1f} "
            f"P {100 * c.precision:.1f} R {100 * c.recall:.1f}"
        )


# -------------------------------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--layer", type=int, default=DEFAULT_LAYER)
    parser.add_argument("--method", choices=METHODS, default=DEFAULT_METHOD)
    parser.add_argument("--prefix", default=DEFAULT_PREFIX)
    parser.add_argument("--distortion", type=float, help="default: the word model's")
    parser.add_argument("--centred", choices=("yes", "no"), help="centre word vectors (default: the word model's)")
    parser.add_argument("--hub-weight", type=float, help="CSLS hub correction weight (default: the word model's)")
    parser.add_argument("--word-model", default=DEFAULT_WORD_MODEL, choices=WORD_MODELS,
                        help="whose token states (use-m3: its CNN states, one layer; --layer and --prefix unused)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--tune", action="store_true", help="print the XL-WA dev grid first")
    parser.add_argument("--threads", type=int, default=1, help="torch threads; 1 is fastest on a shared 2-core box")
    args = parser.parse_args()

    import torch

    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    aligner = WordAligner(
        model=args.word_model,
        layer=args.layer,
        method=args.method,
        prefix=args.prefix,
        distortion=args.distortion,
        centred=None if args.centred is None else args.centred == "yes",
        hub_weight=args.hub_weight,
    )
    print(f"model loaded in {time.perf_counter() - started:.1f}s")
    if args.tune:
        tune(
            WordAligner(layer=12),
            load_xlwa(args.data / "xlwa-en-es" / "dev.tsv"),
            prefixes=("", "passage: ", "query: "),
        )

    sets = load_sets(args.data)
    print(
        f"\nsettings: {aligner.model}, layer {args.layer}, method {args.method}, prefix {aligner.prefix!r}, "
        f"distortion {aligner.distortion}, centred {aligner.centred}, hub weight {aligner.hub_weight}, "
        f"threads {args.threads}\n"
    )
    print("| set | pairs | AER | P | R | F1 | published (other systems) |")
    print("|---|---:|---:|---:|---:|---:|---|")
    timings = []
    xlwa_results: list[WordAlignment] = []
    for name, gold in sets.items():
        t0 = time.perf_counter()
        results = aligner.align_many_words([(g.source, g.target) for g in gold], batch_size=args.batch_size)
        timings.append((name, len(gold), time.perf_counter() - t0))
        c = score([set(r.links) for r in results], gold)
        print(
            f"| {name} | {len(gold)} | {100 * c.aer:.1f} | {100 * c.precision:.1f} | {100 * c.recall:.1f} "
            f"| {100 * c.f1:.1f} | {PUBLISHED[name]} |"
        )
        if name == "xlwa-en-es-test":
            xlwa_results = results

    xlwa = sets["xlwa-en-es-test"]
    print(f"\n## Null-alignment view, XL-WA en-es test (gold unaligned: {_gold_null(xlwa)})\n")
    print("| links from | side | P | R | F1 | test AER |")
    print("|---|---|---:|---:|---:|---:|")
    plain = aligner.links_plain_cosines
    linking = [r.similarity for r in xlwa_results] if plain else linking_similarities(aligner, xlwa)
    for method in METHODS:
        # The same similarity matrices the links came from, other extraction rules: the precision/recall trade-off.
        relinked = [
            WordAlignment(r.source, r.target, extract_links(sim, method, aligner.distortion), r.similarity)
            for r, sim in zip(xlwa_results, linking, strict=True)
        ]
        aer = score([set(r.links) for r in relinked], xlwa).aer
        tag = " (default)" if method == args.method else ""
        for side, (p, r, f) in null_view(relinked, xlwa).items():
            print(f"| {method}{tag} | {side} | {100 * p:.1f} | {100 * r:.1f} | {100 * f:.1f} | {100 * aer:.1f} |")
    en_auc, es_auc = max_similarity_auc(xlwa_results, xlwa)
    print(
        f"\nThreshold-free: ROC AUC of (1 - the word's best cosine) for 'unaligned': en {en_auc:.3f}, es {es_auc:.3f}"
    )

    print(f"\n## Speed ({args.threads} threads)\n")
    for name, n, secs in timings:
        print(f"first pass, {name}: {n} pairs in {secs:.1f}s wall = {1000 * secs / n:.0f} ms/pair")
    pairs = [(" ".join(g.source), " ".join(g.target)) for g in xlwa]
    words = sum(len(g.source) + len(g.target) for g in xlwa) / len(xlwa)
    print(f"XL-WA test again, warm ({words:.0f} words per pair); wall and process CPU time (the CPU may be shared):")
    for label, run in (
        (f"align_many (batch {args.batch_size})", lambda: aligner.align_many(pairs, batch_size=args.batch_size)),
        ("align() one pair at a time", lambda: [aligner.align(src, tgt) for src, tgt in pairs]),
    ):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"  {label}: {1000 * wall / len(pairs):.0f} ms/pair wall, {1000 * cpu / len(pairs):.0f} ms/pair CPU")


if __name__ == "__main__":
    np.set_printoptions(precision=3)
    main()
