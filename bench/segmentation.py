"""Sentence splitting against the gold sets' own sentences: boundary precision / recall / F1.

    python bench/segmentation.py [--sets textberg-dev,textberg-test,mac-dev,parice] [--lines 6]

The gold sets come one sentence per line (what `--presplit` reads). Here every `--lines` consecutive non-empty lines
are joined with a space into one paragraph, as raw text arrives, and split again by `align.text.segment`; a
boundary is right when it falls where one gold line ended. Both sides of every set, each in its own language.
The gold conventions differ (MAC's English splits inside quoted speech, Text+Berg's text is tokenised OCR), so the
figures compare versions of the splitter, not splitters across corpora.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from sentence_alignment import ROOT, gold_sets

from align.text.segment import split_sentences


@dataclass
class Boundaries:
    right: int = 0
    extra: int = 0
    missed: int = 0

    def add(self, gold: set[int], found: set[int]) -> None:
        self.right += len(gold & found)
        self.extra += len(found - gold)
        self.missed += len(gold - found)

    def row(self, name: str, lang: str) -> str:
        p = self.right / max(self.right + self.extra, 1)
        r = self.right / max(self.right + self.missed, 1)
        f = 2 * p * r / max(p + r, 1e-9)
        return f"| {name} | {lang} | {p:.3f} | {r:.3f} | {f:.3f} | {self.right} | {self.extra} | {self.missed} |"


def score_file(path: Path, lang: str, lines_per_paragraph: int, tally: Boundaries) -> None:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for first in range(0, len(lines), lines_per_paragraph):
        group = lines[first : first + lines_per_paragraph]
        gold, pos = set(), 0
        for line in group[:-1]:
            pos += len(line)
            gold.add(pos)
            pos += 1
        found = {s.end for s in split_sentences(" ".join(group), lang)[:-1]}
        tally.add(gold, found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="textberg-dev,textberg-test,mac-dev,parice")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "bench" / "data")
    parser.add_argument("--lines", type=int, default=6, help="gold lines joined into one paragraph")
    parser.add_argument(
        "--fallback",
        action="store_true",
        help="split every language with the punctuation rules used where pysbd has no model (Portuguese, Swedish, "
        "Icelandic ...), to measure them on languages with gold sentences",
    )
    args = parser.parse_args()
    sets = gold_sets(args.data)
    print("| set | language | P | R | F1 | right | extra | missed |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        for side in ("source", "target"):
            tally, lang = Boundaries(), ""
            for pair in sets[name]:
                lang = pair.source_lang if side == "source" else pair.target_lang
                split_as = "und" if args.fallback else lang  # "und": no language, so no pysbd model
                score_file(pair.source if side == "source" else pair.target, split_as, args.lines, tally)
            print(tally.row(name, lang), flush=True)


if __name__ == "__main__":
    main()
