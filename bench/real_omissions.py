"""`align check` on omissions real translations made, judged by people (not damage we made ourselves).

    python bench/real_omissions.py [--sets guerreiro,mlqe,contrastive] [--word-model e5-small]
    python bench/real_omissions.py --sets contrastive --translation-model gemma-3-270m

- guerreiro: Guerreiro et al. 2023's German-English NMT outputs (3,414 pairs, 204 with an omission by the
  annotators; no spans). A pair's score is its strongest omission flag (confidence 0 when none); ROC AUC and the
  false-alarm rate at 90% recall, as its protocol asks, beside two baselines: 1 - the sentence encoder's cosine and
  the target/source length ratio (shorter reads as more omitted). Then every flag kind: the pairs it flags, how many
  of them carry its own label (repetitions for duplicate, named-entities for name_mismatch) or any label.
- mlqe: MLQE-PE en-de word-level QE gold (Wikipedia sentences, NMT, post-edited). Source words tagged BAD were
  mistranslated or omitted; a BAD gap is where the post-editor inserted words (the closest public label for "words
  were dropped here"). A source word scores the strongest flag whose source span covers it, a gap the strongest
  omission flag placed in it. ROC AUC, then F1 of the BAD class and Matthews correlation at the confidence that gives
  the best F1 on test20 (dev), applied to test21 (test).

- contrastive: Vamvas & Sennrich 2022's human evaluation of undertranslation spans that their detector (contrastive
  conditioning) predicted in WMT20 en-de and zh-en system outputs (test split, rows with exactly two labels, no
  `source-error`, both annotators). A span is a real omission when an annotator chose `UT-important-information`,
  harmless when they chose `good-translation`. The check is scored on the same spans: how many of each kind it flags
  (an omission flag of at least 0.5 overlapping the span), and so the share of real omissions among the spans it
  flags, against the share among all spans (contrastive conditioning's own precision).

Flags are taken at every confidence (`--min-confidence` plays no part); each pair is a one-bead document, so no
document-level evidence takes part. Data is read from ../shared/bench/detect at run time.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import matthews_corrcoef, roc_auc_score

from align.alignment.beads import Bead
from align.alignment.words import DEFAULT_WORD_MODEL, WORD_MODELS, WordAligner
from align.check import find_flags, load_translation_scorer
from align.detectors.base import Flag
from align.detectors.calibration import load_settings
from align.encoders import DEFAULT_MODEL, load_encoder
from align.pipeline import SentenceAlignment
from align.text.document import Document, Sentence

ROOT = Path(__file__).resolve().parent.parent
DETECT = ROOT.parent / "shared" / "bench" / "detect"


@dataclass(frozen=True)
class TaggedPair:
    """One MLQE-PE segment: whitespace tokens, and a BAD mark per source token and per gap (n + 1 MT gaps)."""

    source: list[str]
    target: list[str]
    source_bad: list[bool]
    gap_bad: list[bool]


@dataclass(frozen=True)
class JudgedTranslation:
    """One Guerreiro et al. row: German source, English MT, and the annotators' labels that apply to it."""

    source: str
    target: str
    labels: frozenset[str]

    @property
    def omission(self) -> bool:
        return "omission" in self.labels


GUERREIRO_LABELS = ("repetitions", "named-entities", "omission", "strong-unsupport", "full-unsupport")


def read_guerreiro(path: Path) -> list[JudgedTranslation]:
    """The rows, with their labels; the one malformed row is skipped, as its protocol allows."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        column = {name: k for k, name in enumerate(header)}
        for row in reader:
            if len(row) != len(header):
                continue
            labels = frozenset(label for label in GUERREIRO_LABELS if row[column[label]] == "1")
            rows.append(JudgedTranslation(row[column["src"]], row[column["mt"]], labels))
    return rows


def read_test20(folder: Path) -> list[TaggedPair]:
    lines = [
        (folder / f"test20.{name}").read_text(encoding="utf-8").splitlines()
        for name in ("src", "mt", "source_tags", "tags")
    ]
    pairs = []
    for src, mt, src_tags, tags in zip(*lines, strict=True):
        interleaved = tags.split()
        pairs.append(
            TaggedPair(
                src.split(), mt.split(), [t == "BAD" for t in src_tags.split()], [t == "BAD" for t in interleaved[0::2]]
            )
        )
    return pairs


def read_test21(folder: Path) -> list[TaggedPair]:
    sources = (folder / "test21.tok.src").read_text(encoding="utf-8").splitlines()
    targets = (folder / "test21.tok.mt").read_text(encoding="utf-8").splitlines()
    source_bad = [[False] * len(s.split()) for s in sources]
    gap_bad = [[False] * (len(t.split()) + 1) for t in targets]
    for name, table in (("src", source_bad), ("gaps", gap_bad)):
        for line in (folder / f"task2_wordlevel_{name}.tags").read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            table[int(fields[3])][int(fields[4])] = fields[6] == "BAD"
    return [
        TaggedPair(s.split(), t.split(), sb, gb)
        for s, t, sb, gb in zip(sources, targets, source_bad, gap_bad, strict=True)
    ]


def flags_of(pairs: Sequence[tuple[list[str], list[str]]], langs: tuple[str, str], word_model: str) -> list[list[Flag]]:
    """Flags of tokenised pairs, checked as the tokens joined by single spaces (what `token_starts` indexes)."""
    return exact_flags([(" ".join(source), " ".join(target)) for source, target in pairs], langs, word_model)


def token_starts(tokens: list[str]) -> np.ndarray:
    """Character offset of each token in the tokens joined by single spaces (the text the check read)."""
    return np.cumsum([0] + [len(t) + 1 for t in tokens[:-1]]) if tokens else np.zeros(0, dtype=int)


def source_word_scores(pair: TaggedPair, flags: list[Flag], kinds: set[str] | None) -> np.ndarray:
    starts = token_starts(pair.source)
    ends = starts + np.array([len(t) for t in pair.source])
    scores = np.zeros(len(pair.source))
    for flag in flags:
        if flag.source_span is None or (kinds is not None and flag.kind not in kinds):
            continue
        first, last = flag.source_span
        covered = (starts < last) & (ends > first)
        scores[covered] = np.maximum(scores[covered], flag.confidence)
    return scores


def gap_scores(pair: TaggedPair, flags: list[Flag]) -> np.ndarray:
    """Gap k is the slot before target token k (k = n: after the last one)."""
    ends = token_starts(pair.target) + np.array([len(t) for t in pair.target])
    scores = np.zeros(len(pair.target) + 1)
    for flag in flags:
        if flag.kind != "omission" or flag.target_span is None:
            continue
        gap = int(np.sum(ends <= flag.target_span[0]))
        scores[gap] = max(scores[gap], flag.confidence)
    return scores


def best_f1_threshold(scores: np.ndarray, gold: np.ndarray) -> float:
    best, chosen = -1.0, 1.0
    for threshold in np.unique(scores[scores > 0]):
        predicted = scores >= threshold
        f1 = _f1(predicted, gold)
        if f1 > best:
            best, chosen = f1, float(threshold)
    return chosen


def _f1(predicted: np.ndarray, gold: np.ndarray) -> float:
    hits = float(np.sum(predicted & gold))
    return 2 * hits / max(float(np.sum(predicted) + np.sum(gold)), 1.0)


def fpr_at_recall(scores: np.ndarray, gold: np.ndarray, recall: float) -> float:
    """False-alarm rate at the highest threshold that still finds `recall` of the positives (ties go together)."""
    threshold = np.sort(scores[gold])[::-1][int(np.ceil(recall * gold.sum())) - 1]
    return float(np.mean(scores[~gold] >= threshold))


def guerreiro(word_model: str) -> None:
    rows = read_guerreiro(DETECT / "guerreiro2022-deen-hallucinations" / "annotated_corpus.csv")
    gold = np.array([row.omission for row in rows])
    started = time.perf_counter()
    flags = flags_of([(row.source.split(), row.target.split()) for row in rows], ("de", "en"), word_model)
    print(f"guerreiro: {len(rows)} pairs checked in {time.perf_counter() - started:.0f}s")
    encoder = load_encoder(DEFAULT_MODEL)
    sources, targets = encoder.encode([row.source for row in rows]), encoder.encode([row.target for row in rows])
    scores = {
        "align check: strongest omission flag": _strongest(flags, {"omission"}),
        "align check: strongest flag of any kind": _strongest(flags, None),
        "align check: share of the source omission flags cover (x confidence)": _covered_share(rows, flags),
        f"baseline: 1 - {DEFAULT_MODEL} cosine": 1.0 - np.sum(sources * targets, axis=1),
        "baseline: source / target length": np.array([len(row.source) / max(len(row.target), 1) for row in rows]),
    }
    print(f"\nGuerreiro et al. de-en, omission: {int(gold.sum())} of {len(gold)} pairs\n")
    print("| score | ROC AUC | false alarms at 90% recall | recall / false alarms at confidence 0.5 |")
    print("|---|---|---|---|")
    for name, score in scores.items():
        at_default = (
            f"{np.mean(score[gold] >= 0.5):.3f} / {np.mean(score[~gold] >= 0.5):.3f}" if "strongest" in name else ""
        )
        print(f"| {name} | {roc_auc_score(gold, score):.3f} | {fpr_at_recall(score, gold, 0.9):.3f} | {at_default} |")
    flags_by_kind(rows, flags)


# The annotators' label that names what a flag kind finds, where there is one.
KIND_LABELS = {"duplicate": "repetitions", "name_mismatch": "named-entities", "omission": "omission"}


def flags_by_kind(rows: list[JudgedTranslation], all_flags: list[list[Flag]]) -> None:
    """Pairs each kind flags at confidence 0.5, and how many of them the annotators labelled as anything (every
    label marks an error: an omission, a repetition, a wrong name, or text the source does not support)."""
    print(
        "\n| flag kind (confidence >= 0.5) | pairs flagged | of them with the matching label | of them with any"
        " label | recall of the matching label |"
    )
    print("|---|---|---|---|---|")
    kinds = sorted({f.kind for flags in all_flags for f in flags})
    for kind in kinds:
        flagged = [
            row
            for row, flags in zip(rows, all_flags, strict=True)
            if any(f.kind == kind and f.confidence >= 0.5 for f in flags)
        ]
        label = KIND_LABELS.get(kind)
        matching = f"{sum(label in row.labels for row in flagged)}" if label else "(no label)"
        recall = (
            f"{sum(label in row.labels for row in flagged) / max(sum(label in r.labels for r in rows), 1):.3f}"
            if label
            else ""
        )
        print(f"| {kind} | {len(flagged)} | {matching} | {sum(bool(row.labels) for row in flagged)} | {recall} |")


def _strongest(all_flags: list[list[Flag]], kinds: set[str] | None) -> np.ndarray:
    return np.array(
        [max((f.confidence for f in flags if kinds is None or f.kind in kinds), default=0.0) for flags in all_flags]
    )


def _covered_share(rows: list[JudgedTranslation], all_flags: list[list[Flag]]) -> np.ndarray:
    """How much of the source the omission flags say is missing: characters weighted by confidence."""
    return np.array(
        [
            sum(
                f.confidence * (f.source_span[1] - f.source_span[0])
                for f in flags
                if f.kind == "omission" and f.source_span is not None
            )
            / max(len(" ".join(row.source.split())), 1)
            for row, flags in zip(rows, all_flags, strict=True)
        ]
    )


def mlqe(word_model: str) -> None:
    folder = DETECT / "mlqe-pe-en-de-wordlevel"
    splits = {"test20": read_test20(folder / "test20"), "test21": read_test21(folder / "test21")}
    channels: dict[str, dict[str, tuple[np.ndarray, np.ndarray]]] = {}
    for split, pairs in splits.items():
        started = time.perf_counter()
        flags = flags_of([(p.source, p.target) for p in pairs], ("en", "de"), word_model)
        print(f"mlqe {split}: {len(pairs)} pairs checked in {time.perf_counter() - started:.0f}s")
        source_gold = np.concatenate([p.source_bad for p in pairs])
        channels[split] = {
            "source words, omission flags": (
                np.concatenate([source_word_scores(p, f, {"omission"}) for p, f in zip(pairs, flags, strict=True)]),
                source_gold,
            ),
            "source words, any flag": (
                np.concatenate([source_word_scores(p, f, None) for p, f in zip(pairs, flags, strict=True)]),
                source_gold,
            ),
            "gaps, omission flags": (
                np.concatenate([gap_scores(p, f) for p, f in zip(pairs, flags, strict=True)]),
                np.concatenate([p.gap_bad for p in pairs]),
            ),
        }
    print("\nMLQE-PE en-de word level (threshold: best F1 on test20, applied to test21)\n")
    print("| channel | BAD / all (test21) | ROC AUC test20 / test21 | threshold | F1-BAD test21 | MCC test21 |")
    print("|---|---|---|---|---|---|")
    for channel in channels["test21"]:
        dev_scores, dev_gold = channels["test20"][channel]
        scores, gold = channels["test21"][channel]
        threshold = best_f1_threshold(dev_scores, dev_gold)
        predicted = scores >= threshold
        print(
            f"| {channel} | {int(gold.sum())} / {len(gold)} | {roc_auc_score(dev_gold, dev_scores):.3f} / "
            f"{roc_auc_score(gold, scores):.3f} | {threshold:.3f} | {_f1(predicted, gold):.3f} | "
            f"{matthews_corrcoef(gold, predicted):.3f} |"
        )
    post_edited(folder / "test20", word_model)


def post_edited(folder: Path, word_model: str) -> None:
    """The same English sources against the machine translation and against its human post-edit: a flag on the
    post-edit is mostly false, so the two rates say how much of what the check flags is the machine's doing."""
    sources, machine, edited = (
        (folder / f"test20.{name}").read_text(encoding="utf-8").splitlines() for name in ("src", "mt", "pe")
    )
    print("\nMLQE-PE test20: source sentences with an omission flag of at least 0.5\n")
    print("| translation | sentences flagged |")
    print("|---|---|")
    for name, targets in (("machine translation", machine), ("its human post-edit", edited)):
        flags = flags_of(
            [(s.split(), t.split()) for s, t in zip(sources, targets, strict=True)], ("en", "de"), word_model
        )
        flagged = np.mean([any(f.kind == "omission" and f.confidence >= 0.5 for f in pair) for pair in flags])
        print(f"| {name} | {flagged:.3f} |")


@dataclass(frozen=True)
class JudgedSpans:
    """One judgment: the characters of `source` contrastive conditioning predicted as untranslated (one or more
    spans, judged together) and whether the annotator called them a real omission (else a harmless one)."""

    source: str
    target: str
    spans: tuple[tuple[int, int], ...]
    important: bool


def read_contrastive(folder: Path, pair: str) -> list[JudgedSpans]:
    judged = []
    for annotator in (1, 2):
        for line in (folder / f"{pair}.annotator{annotator}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            labels = set(row["label"] or [])
            if row["split"] != "test" or row["coverage_error_type"] != "undertranslation" or len(labels) != 2:
                continue
            if "source-error" in labels or not ({"UT-important-information", "good-translation"} & labels):
                continue
            spans = tuple(
                (int(first), int(last))
                for first, last in (
                    span.strip().split("-") for span in row["predicted_undertranslation_spans"].split("|")
                )
            )
            judged.append(JudgedSpans(row["source"], row["data"], spans, "UT-important-information" in labels))
    return judged


def exact_flags(
    pairs: list[tuple[str, str]], langs: tuple[str, str], word_model: str, translation_model: str | None = None
) -> list[list[Flag]]:
    """Flags of each pair as a one-bead document of its exact text (offsets into the text as given)."""
    aligner = WordAligner(model=word_model)
    encoder = load_encoder(DEFAULT_MODEL)
    settings = load_settings(word_model).for_translation_model(translation_model)
    translation = load_translation_scorer(translation_model)
    alignments = aligner.align_many(pairs, langs=langs)
    out = []
    for (source, target), words in zip(pairs, alignments, strict=True):
        documents = [
            Document(name, text, lang, [Sentence(0, 0, len(text), text)])
            for name, text, lang in (("source", source, langs[0]), ("target", target, langs[1]))
        ]
        alignment = SentenceAlignment(documents[0], documents[1], [Bead((0,), (0,), 1.0)])
        out.append(find_flags(alignment, None, settings, [words], encode=encoder.encode, translation=translation))
    return out


def _covers(flags: list[Flag], spans: tuple[tuple[int, int], ...]) -> bool:
    return any(
        f.kind == "omission"
        and f.confidence >= 0.5
        and f.source_span is not None
        and f.source_span[0] < last
        and first < f.source_span[1]
        for f in flags
        for first, last in spans
    )


def contrastive(word_model: str, translation_model: str | None = None) -> None:
    folder = DETECT / "contrastive-conditioning-humeval"
    print("\nVamvas & Sennrich 2022, undertranslation spans judged by people (test split)\n")
    print(
        "| pair | judgments: real / harmless | check flags real | check flags harmless | real share: all / "
        "those the check flags |"
    )
    print("|---|---|---|---|---|")
    for pair in ("en-de", "zh-en"):
        spans = read_contrastive(folder, pair)
        texts = sorted({(s.source, s.target) for s in spans})
        started = time.perf_counter()
        by_text = dict(zip(texts, exact_flags(texts, (pair[:2], pair[3:]), word_model, translation_model), strict=True))
        print(f"contrastive {pair}: {len(texts)} pairs checked in {time.perf_counter() - started:.0f}s")
        flagged = np.array([_covers(by_text[(s.source, s.target)], s.spans) for s in spans])
        real = np.array([s.important for s in spans])
        print(
            f"| {pair} | {int(real.sum())} / {int((~real).sum())} | {flagged[real].mean():.3f} | "
            f"{flagged[~real].mean():.3f} | {real.mean():.3f} / {real[flagged].mean():.3f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="guerreiro,mlqe,contrastive")
    parser.add_argument("--word-model", default=DEFAULT_WORD_MODEL, choices=WORD_MODELS)
    parser.add_argument("--translation-model", help="contrastive only: omission evidence from it (gemma-3-270m)")
    args = parser.parse_args()
    if args.translation_model and args.sets != "contrastive":
        parser.error("--translation-model goes with --sets contrastive")
    if args.translation_model:
        contrastive(args.word_model, args.translation_model)
        return
    for name in args.sets.split(","):
        {"guerreiro": guerreiro, "mlqe": mlqe, "contrastive": contrastive}[name](args.word_model)


if __name__ == "__main__":
    main()
