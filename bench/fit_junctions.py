"""Fit the cut-junction model: which pairs of neighbouring words were brought together by a cut.

    python bench/fit_junctions.py --languages en,es                  # e5-small (default word model)
    python bench/fit_junctions.py --word-model use-m3 --languages en

A sentence that lost words reads differently where they were: "She a new car", "The United Kingdom and convened".
The word aligner's own contextual word vectors carry that, where bigram counts (junctions.py) leave capitalised words
out. The model is a logistic regression on the vectors of the two words either side of a junction (each, and their
product), trained self-supervised: clean sentences, and the same sentences with a run of 1-3 content words cut (names
too; not the first word: dropped words, names and negations are what the damage benchmark cuts), the junction the cut
leaves labelled 1, every other 0. The text is English; `--languages` lists the target languages the model is used
for: English, and those where it helped on a dev split though it never saw them (e5-small: Spanish, on the reversed
XL-WA dev, `check_damage.py --corpus xlwa-en --split dev`; not French, which helped Text+Berg dev but not test).

Text (none of it is scored anywhere in this project): the English source sentences of the MLQE-PE en-de word-level
test sets (Wikipedia, CC0) and the English side of XL-WA dev (tuning split). C is chosen on a held-out tenth.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np
from check_damage import fit_logistic  # noqa: E402  (bench/check_damage.py fits the omission model the same way)

from align.alignment.words import DEFAULT_WORD_MODEL, WORD_MODELS, WordAligner, _words_from_list
from align.detectors.calibration import word_model_dir
from align.detectors.junctions import junction_features
from align.detectors.lexicon import is_content_word

ROOT = Path(__file__).resolve().parent.parent
DETECT = ROOT.parent / "shared" / "bench" / "detect"
CUTS_PER_SENTENCE = 3


def training_sentences(detect: Path) -> list[list[str]]:
    mlqe = detect / "mlqe-pe-en-de-wordlevel"
    paths = [mlqe / "test20" / "test20.src", mlqe / "test21" / "test21.tok.src"]
    sentences = [line.split() for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
    xlwa = (detect / "xlwa-en-es" / "dev.tsv").read_text(encoding="utf-8").splitlines()
    sentences += [line.split("\t")[0].split() for line in xlwa]
    return [s for s in sentences if len(s) >= 4]


def cut_versions(tokens: list[str], rng: random.Random, lang: str = "en") -> list[tuple[list[str], int]]:
    """The sentence with a run of 1-3 content words cut, and the index of the word after the cut."""
    n = len(tokens)
    runs = [
        (i, k) for k in (1, 2, 3) for i in range(1, n - k) if all(is_content_word(w, lang) for w in tokens[i : i + k])
    ]
    return [(tokens[:i] + tokens[i + k :], i) for i, k in rng.sample(runs, min(CUTS_PER_SENTENCE, len(runs)))]


def junction_rows(aligner: WordAligner, sentences: list[list[str]], rng: random.Random):
    items: list[tuple[list[str], int]] = []
    for tokens in sentences:
        items.append((tokens, -1))
        items.extend(cut_versions(tokens, rng))
    joined = [_words_from_list(tokens) for tokens, _ in items]
    vectors = aligner.word_vectors([t for t, _ in joined], [w for _, w in joined], layers=(aligner.layer,))
    x, y = [], []
    for (tokens, after_cut), vecs in zip(items, vectors, strict=True):
        x.append(junction_features(vecs[aligner.layer]))
        labels = np.zeros(len(tokens) - 1)
        if after_cut > 0:
            labels[after_cut - 1] = 1  # junction k sits between words k and k + 1
        y.append(labels)
    return np.concatenate(x), np.concatenate(y)


def main() -> None:
    from sklearn.metrics import roc_auc_score

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--word-model", default=DEFAULT_WORD_MODEL, choices=WORD_MODELS)
    parser.add_argument("--detect", type=Path, default=DETECT, help="the shared detect/ folder")
    parser.add_argument("--languages", default="en", help="target languages the model is used for, comma-separated")
    args = parser.parse_args()
    rng = random.Random(0)
    sentences = training_sentences(args.detect)
    rng.shuffle(sentences)
    held = len(sentences) // 10
    aligner = WordAligner(model=args.word_model)
    x_fit, y_fit = junction_rows(aligner, sentences[held:], rng)
    x_held, y_held = junction_rows(aligner, sentences[:held], rng)
    best = None
    for c in (1e-4, 1e-3, 1e-2):
        auc = roc_auc_score(y_held, fit_logistic(x_fit, y_fit, c, max_iter=3000).probabilities(x_held))
        print(f"C={c}: held-out junction AUC {auc:.3f}")
        if best is None or auc > best[0]:
            best = (auc, c)
    assert best is not None
    x = np.concatenate([x_fit, x_held])
    y = np.concatenate([y_fit, y_held])
    model = fit_logistic(x, y, best[1], max_iter=3000)
    payload = {
        "note": "Logistic model: is junction k (between words k and k+1) where a cut brought them together? Over "
        "junctions.junction_features of the word aligner's vectors; fitted by bench/fit_junctions.py.",
        "word_model": args.word_model,
        "languages": args.languages.split(","),
        "C": best[1],
        "held_out_auc": round(best[0], 4),
        **model.to_json(digits=5),
        "sentences": len(sentences),
        "junctions": int(len(y)),
        "cuts": int(y.sum()),
    }
    path = word_model_dir(args.word_model) / "junction_model.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(payload) + "\n", encoding="utf-8")
    print(f"{path}: {len(y)} junctions, {int(y.sum())} cuts, C={best[1]}")


if __name__ == "__main__":
    main()
