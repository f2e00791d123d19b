"""How a rule that reads a sentence pair behaves on real translations (real_pairs.py): how often it fires on the
pairs as they are (mostly false flags, some real errors), and how often it catches a defect put into the target of
the pairs it can read. Shared by bench/role_swaps.py and bench/gender_changes.py.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable

from real_pairs import all_pairs

from align.alignment.words import WordAlignment, shared_word_aligner

# (word links, source text, target text, source language, target language)
Rule = Callable[[WordAlignment, str, str, str, str], bool]
# The target with the defect put in, or None where the rule cannot read the pair.
Damage = Callable[[WordAlignment, str, str, str, str], str | None]


def run(description: str, fires: Rule, damaged: Damage, read: str, caught: str) -> None:
    """Parse --show / --sets / --limit, go over the pairs and print the table (`read`, `caught`: its last columns'
    headings)."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="print every pair the rule fires on, and the misses")
    parser.add_argument("--sets", help="only these sets (comma-separated names of real_pairs.py)")
    parser.add_argument("--limit", type=int, help="at most this many pairs per set")
    args = parser.parse_args()
    wanted = set(args.sets.split(",")) if args.sets else None
    aligner = shared_word_aligner()
    pairs, fired, readable, found = Counter(), Counter(), Counter(), Counter()
    for source, target, lang, target_lang, name in all_pairs():
        if (wanted and name not in wanted) or (args.limit and pairs[name] >= args.limit):
            continue
        pairs[name] += 1
        words = aligner.align(source, target)
        if fires(words, source, target, lang, target_lang):
            fired[name] += 1
            if args.show:
                print(f"[{name}] {source}\n    {target}\n")
        damage = damaged(words, source, target, lang, target_lang)
        if damage is None:
            continue
        readable[name] += 1
        if fires(aligner.align(source, damage), source, damage, lang, target_lang):
            found[name] += 1
        elif args.show:
            print(f"[{name}] MISSED {source}\n    {damage}\n")
    print(f"| set | pairs | fired | {read} | {caught} |")
    print("|---|---:|---:|---:|---:|")
    for name in pairs:
        print(f"| {name} | {pairs[name]} | {fired[name]} | {readable[name]} | {found[name]} |")
    total = sum(readable.values())
    print(
        f"| all | {sum(pairs.values())} | {sum(fired.values())} | {total} | {sum(found.values())} "
        f"({sum(found.values()) / max(total, 1):.3f}) |"
    )
