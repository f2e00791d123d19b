"""Re-checking a translation memory: does `align check memory.tmx memory.tmx` name the units paired wrongly?

    python bench/memory_check.py --split dev     # precision (the misaligned flag's confidence) and recall
    python bench/memory_check.py --split test    # the figures for the README
    python bench/memory_check.py --split test --damage neighbours

Memories are made from the gold alignments of Text+Berg (de-fr): every bead with both sides a unit, 30 units to a
memory, written as TMX by align's own writer. Damage, one memory in two (seeded): a run of 2-5 units whose targets
move one unit down (each unit holds its predecessor's translation, a unit with none at the top: what a one-off slip
in a spreadsheet makes), or two units far apart with their targets swapped; the rest stay as the gold pairs them.
With `--damage neighbours`, two neighbouring units' targets are swapped instead (a row moved a line in a
spreadsheet, two resource strings pasted under each other's keys): the realignment joins both into one bead.
The check runs on the TMX given as both inputs, as a translator would. A unit is *wrong* when the memory's
target for it is another unit's translation (the top unit of a shift, left with none, is untranslated, not wrong); a
misaligned flag names source units (its message) and is right when every unit it names is wrong. Reported: recall
(wrong units named), precision (right flags), and units named in undamaged memories.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from pathlib import Path

from align.alignment.sentence_aligner import AlignerConfig
from align.alignment.words import shared_word_aligner
from align.check import check_documents
from align.encoders import DEFAULT_MODEL, load_encoder
from align.evaluation.strict_lax import parse_beads
from align.pipeline import ReadOptions, read_documents
from align.reports.tmx import render_tmx
from align.reports.translation_units import TranslationUnitData

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "data" / "textberg_de_fr"
UNITS = 30


def gold_units(split: str) -> list[list[tuple[str, str]]]:
    """Per document, its (German, French) pairs of the gold's beads with both sides."""
    folder = DATA / split
    documents = []
    for gold in sorted(folder.glob("*.defr")):
        source = (folder / f"{gold.stem}.de").read_text(encoding="utf-8").splitlines()
        target = (folder / f"{gold.stem}.fr").read_text(encoding="utf-8").splitlines()
        pairs = []
        for src, tgt in parse_beads(gold.read_text().splitlines(), str(gold)):
            texts = " ".join(source[i] for i in src).strip(), " ".join(target[j] for j in tgt).strip()
            if src and tgt and all(re.search(r"\w\w", t) for t in texts):
                pairs.append(texts)
        documents.append(pairs)
    return documents


def damaged(
    pairs: list[tuple[str, str]], rng: random.Random, neighbours: bool = False
) -> tuple[list[tuple[str, str]], set[int]]:
    """The memory's units and the units whose target is no longer their translation."""
    sources, targets = [s for s, _ in pairs], [t for _, t in pairs]
    if neighbours:
        a = rng.randrange(0, len(pairs) - 1)
        targets[a], targets[a + 1] = targets[a + 1], targets[a]
        wrong = {a, a + 1}
    elif rng.random() < 0.5:
        size = rng.randint(2, 5)
        first = rng.randrange(1, len(pairs) - size)
        moved = targets[first - 1 : first + size - 1]
        targets[first : first + size] = moved
        targets[first - 1] = ""  # its translation moved down: the unit at the top holds none (untranslated)
        wrong = set(range(first, first + size))
    else:
        a = rng.randrange(0, len(pairs) // 2)
        b = rng.randrange(len(pairs) // 2 + 2, len(pairs))
        targets[a], targets[b] = targets[b], targets[a]
        wrong = {a, b}
    return list(zip(sources, targets, strict=True)), wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--damage", default="shift-or-far", choices=["shift-or-far", "neighbours"])
    args = parser.parse_args()
    rng = random.Random(args.seed)
    encoder, word_aligner = load_encoder(DEFAULT_MODEL), shared_word_aligner()
    memories = []
    for pairs in gold_units(args.split):
        for start in range(0, len(pairs) - UNITS + 1, UNITS):
            memories.append(pairs[start : start + UNITS])
    wrong_units = named_wrong = flags = right_flags = clean_units = named_clean = 0
    with tempfile.TemporaryDirectory() as folder:
        for number, pairs in enumerate(memories):
            units, wrong = damaged(pairs, rng, args.damage == "neighbours") if number % 2 else (pairs, set())
            path = Path(folder) / f"memory{number}.tmx"
            path.write_text(
                render_tmx([TranslationUnitData(s, t, id=str(k)) for k, (s, t) in enumerate(units)], "de", "fr"),
                encoding="utf-8",
            )
            options = ReadOptions(presplit=True, lang=None)
            _, (source, target) = read_documents([(str(path), options), (str(path), options)], None)
            result = check_documents(source, target, encoder, word_aligner, AlignerConfig(), True)
            named: set[int] = set()
            for flag in (f for f in result.flags if f.kind == "misaligned"):
                units_named = {int(n) - 1 for n in re.match(r"unit ([\d, ]+) pairs", flag.message)[1].split(", ")}
                flags += 1
                right_flags += units_named <= wrong
                named |= units_named
            wrong_units += len(wrong)
            named_wrong += len(named & wrong)
            clean_units += len(units) if not wrong else 0
            named_clean += len(named) if not wrong else 0
            print(f"memory {number}: {len(wrong)} wrong, named {sorted(named)} (wrong {sorted(wrong)})", flush=True)
    print(
        f"\n| Text+Berg {args.split} | memories {len(memories)} | wrong units named {named_wrong}/{wrong_units} "
        f"({named_wrong / max(wrong_units, 1):.3f}) | flags right {right_flags}/{flags} "
        f"({right_flags / max(flags, 1):.3f}) | units named in undamaged memories {named_clean}/{clean_units} |"
    )


if __name__ == "__main__":
    main()
