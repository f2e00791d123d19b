"""Roles swapped on real translations (align/detectors/roles.py): how often the rule fires on real pairs, and how
often it catches the two parties of a real target exchanged.

    python bench/role_swaps.py [--show] [--sets mac,xlwa-es-en,...] [--limit N]

Reads ~16,000 real gold beads and sentence pairs of ten sets (real_pairs.py), aligns their words (e5-small, as the
check does) and reports per set:
  fired    pairs where the rule reports roles swapped, on the pairs as they are (human translations and system
           outputs: mostly false flags, some real swaps; --show prints them)
  read     pairs where both sides' roles around a linked verb are read and the parties kept their roles
  caught   of those, the pairs where the rule reports the swap once the target's two parties are exchanged
           ("Police arrested the suspect" -> "The suspect arrested police")
"""

from __future__ import annotations

import argparse
from collections import Counter

from real_pairs import all_pairs

from align.alignment.words import WordAlignment, shared_word_aligner
from align.detectors.roles import Roles, kept_roles, swapped_roles


def exchanged_target(target: str, words: WordAlignment, roles: Roles) -> str:
    """The target with its two parties' words exchanged, each keeping its own determiner slot."""
    first, second = sorted((roles.agent, roles.undergoer), key=lambda party: party.first)
    side = words.target
    a_start, a_end = side[first.named_from].start, side[first.last].end
    b_start, b_end = side[second.named_from].start, side[second.last].end
    return target[:a_start] + target[b_start:b_end] + target[a_end:b_start] + target[a_start:a_end] + target[b_end:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="print every pair the rule fires on as it is")
    parser.add_argument("--sets", help="only these sets (comma-separated names of real_pairs.py)")
    parser.add_argument("--limit", type=int, help="at most this many pairs per set")
    args = parser.parse_args()
    wanted = set(args.sets.split(",")) if args.sets else None
    aligner = shared_word_aligner()
    pairs, fired, read, caught = Counter(), Counter(), Counter(), Counter()
    for source, target, lang, target_lang, name in all_pairs():
        if (wanted and name not in wanted) or (args.limit and pairs[name] >= args.limit):
            continue
        pairs[name] += 1
        words = aligner.align(source, target)
        if swapped_roles(words, source, target, lang, target_lang):
            fired[name] += 1
            if args.show:
                print(f"[{name}] {source}\n    {target}\n")
        kept = kept_roles(words, source, target, lang, target_lang)
        if not kept:
            continue
        read[name] += 1
        damaged = exchanged_target(target, words, kept[0].target)
        if swapped_roles(aligner.align(source, damaged), source, damaged, lang, target_lang):
            caught[name] += 1
        elif args.show:
            print(f"[{name}] MISSED {source}\n    {damaged}\n")
    print("| set | pairs | fired | roles read | caught once exchanged |")
    print("|---|---:|---:|---:|---:|")
    for name in pairs:
        print(f"| {name} | {pairs[name]} | {fired[name]} | {read[name]} | {caught[name]} |")
    total = sum(read.values())
    print(
        f"| all | {sum(pairs.values())} | {sum(fired.values())} | {total} | {sum(caught.values())} "
        f"({sum(caught.values()) / max(total, 1):.3f}) |"
    )


if __name__ == "__main__":
    main()
