"""The seed story against its gold defect list: how many defects `align check` finds, misses and invents.

    python bench/seed_check.py [--min-confidence 0.5] [--word-model use-m3] [--translation-model gemma-3-270m]

A defect counts as found when a flag overlaps its place in the received English (the gap for an omission) or the
Spanish words it concerns; flags that overlap no defect are false flags. The clean English is checked too.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from align.alignment.sentence_aligner import AlignerConfig
from align.alignment.words import DEFAULT_WORD_MODEL, WORD_MODELS, WordAligner
from align.check import check_documents, load_translation_scorer
from align.encoders import DEFAULT_MODEL, load_encoder
from align.pipeline import ReadOptions, read_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _place(text: str, needle: str, context: str | None = None) -> tuple[int, int]:
    base = text.index(context) if context and context in text else 0
    start = text.index(needle, base)
    return start, start + len(needle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-confidence", type=float, default=0.5)
    parser.add_argument("--word-model", default=DEFAULT_WORD_MODEL, choices=WORD_MODELS)
    parser.add_argument("--model", default=DEFAULT_MODEL, help="the sentence encoder (default: use-m3)")
    parser.add_argument("--translation-model", help="omission evidence from this translation model (gemma-3-270m)")
    args = parser.parse_args()
    encoder = load_encoder(args.model)
    translation = load_translation_scorer(args.translation_model)
    aligner = WordAligner(model=args.word_model, sentence_encoder=encoder)
    source = read_document(str(SEEDS / "efe_coalition_es.txt"), ReadOptions(lang="es"), encoder)
    defects = json.loads((SEEDS / "efe_coalition_en.defects.json").read_text(encoding="utf-8"))
    for name in ("efe_coalition_en.txt", "efe_coalition_en_clean.txt"):
        target = read_document(str(SEEDS / name), ReadOptions(lang="en"), encoder)
        result = check_documents(
            source, target, encoder, aligner, AlignerConfig(), False, args.min_confidence, translation
        )
        received = name == "efe_coalition_en.txt"
        found = set()
        false_flags = []
        for flag in result.flags:
            matched = False
            for k, defect in enumerate(defects if received else []):
                t0, t1 = _place(target.text, defect["target_text"])
                s0, s1 = _place(source.text, defect["source_text"], defect.get("source_context"))
                tspan, sspan = flag.target_span, flag.source_span
                if (tspan and tspan[0] <= t1 and t0 <= tspan[1]) or (sspan and sspan[0] < s1 and s0 < sspan[1]):
                    found.add(k)
                    matched = True
            if not matched:
                false_flags.append(flag)
        print(f"## {name}: {len(result.flags)} flags")
        if received:
            print(f"found {len(found)} of {len(defects)} defects")
            for k, defect in enumerate(defects):
                print(f"  {'FOUND ' if k in found else 'MISSED'} {defect['kind']}: {defect['target_text']}")
        print(f"false flags: {len(false_flags)}")
        for flag in false_flags:
            print(f"  {flag.kind} {flag.confidence:.2f}: {flag.message}")


if __name__ == "__main__":
    main()
