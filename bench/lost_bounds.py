"""Lost bounds on real translations (align/detectors/lost_bounds.py): how often the rule fires on real pairs, and how
often it catches a bound cut out of a real target.

    python bench/lost_bounds.py [--show]

Reads ~16,000 real gold beads and sentence pairs of ten sets (real_pairs.py). Two figures per set:
  fired    pairs where the rule reports a bound one side says and the other lacks, on the pairs as they are (human
           translations and system outputs: mostly false flags, some real losses; --show prints them)
  caught   of the pairs whose two sides bound the same number ("más de 2.000" / "more than 2,000"), those where the
           rule reports the loss once the target's bound words are cut out ("more than 2,000" -> "2,000")
"""

from __future__ import annotations

import argparse
from collections import Counter

from real_pairs import all_pairs

from align.detectors.lost_bounds import Bounded, bounded_numbers, lost_bounds
from align.detectors.numbers import find_numbers


def without_bound(text: str, bounded: Bounded) -> str:
    """The text with the bound's words cut out and the number kept ("more than 2,000" -> "2,000", "100多名" ->
    "100名")."""
    number = bounded.number
    if bounded.start < number.start:  # a bound before its number
        return text[: bounded.start] + text[number.start :]
    return text[: number.end] + text[bounded.end :]


def shared_bound(source: str, target: str, lang: str, target_lang: str) -> Bounded | None:
    """The target's first bounded number whose value the source bounds too."""
    source_bounded = bounded_numbers(source, lang, find_numbers(source, lang))
    for bounded in bounded_numbers(target, target_lang, find_numbers(target, target_lang)):
        if any(b.number.same_value(bounded.number) for b in source_bounded):
            return bounded
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="print every pair the rule fires on as it is")
    args = parser.parse_args()
    pairs, fired, eligible, caught = Counter(), Counter(), Counter(), Counter()
    for source, target, lang, target_lang, name in all_pairs():
        pairs[name] += 1
        found = lost_bounds(
            source, target, find_numbers(source, lang), find_numbers(target, target_lang), lang, target_lang
        )
        if found:
            fired[name] += 1
            if args.show:
                for lost in found:
                    said = f"{lost.bounded.text!r} / {lost.bare.text!r}" + (" (added)" if lost.added else "")
                    print(f"{name}: {said}\n  S: {source[:300]}\n  T: {target[:300]}")
            continue
        bounded = shared_bound(source, target, lang, target_lang)
        if bounded is None:
            continue
        eligible[name] += 1
        damaged = without_bound(target, bounded)
        after = lost_bounds(
            source, damaged, find_numbers(source, lang), find_numbers(damaged, target_lang), lang, target_lang
        )
        caught[name] += any(not lost.added for lost in after)
    print("| set | pairs | fired on as they are | both sides bound a number | caught with the target's bound cut |")
    print("|---|---:|---:|---:|---:|")
    for name in pairs:
        share = f"{caught[name] / eligible[name]:.2f}" if eligible[name] else "-"
        print(f"| {name} | {pairs[name]} | {fired[name]} | {eligible[name]} | {caught[name]} ({share}) |")
    total = sum(eligible.values())
    print(
        f"| all | {sum(pairs.values())} | {sum(fired.values())} | {total} | {sum(caught.values())} "
        f"({sum(caught.values()) / max(total, 1):.2f}) |"
    )


if __name__ == "__main__":
    main()
