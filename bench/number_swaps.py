"""Numbers exchanged between what they count (align/detectors/swaps.py), on real translations.

    python bench/number_swaps.py [--show]

Every real pair of bench/real_pairs.py (about 16,000: Text+Berg and MAC gold beads, XL-WA both ways, WMT20 and
Guerreiro system outputs, MLQE-PE, WPT) whose two sides say two or more of the same values once each. Two figures:
false flags, the share of those pairs (correct or at least not swapped by anyone) the rule flags; and recall, the
share of the same pairs caught once the target's first two exchangeable numbers (same kind, a word between them on
both sides) are exchanged in the text ("three dead and ten injured" -> "ten dead and three injured"). The rule runs
with the real word aligner, as `align check` runs it; no other detector takes part. Data is read from ../shared at
run time.
"""

from __future__ import annotations

import argparse
from collections import Counter
from itertools import combinations

from real_pairs import all_pairs

from align.alignment.words import shared_word_aligner, split_words
from align.detectors.numbers import find_numbers
from align.detectors.swaps import _apart, _same_values, exchangeable, swapped_numbers


def exchanged(source: str, target: str, lang: str, target_lang: str) -> tuple[str, tuple[int, int]] | None:
    """The target with its first two exchangeable numbers' texts exchanged, and where they now stand."""
    pairs = _same_values(find_numbers(source, lang), find_numbers(target, target_lang))
    source_words, target_words = split_words(source, lang), split_words(target, target_lang)
    for (m1, n1), (m2, n2) in combinations(pairs, 2):
        if not exchangeable(m1, m2) or not exchangeable(n1, n2) or n1.text == n2.text:
            continue
        if not _apart(source_words, m1, m2, lang) or not _apart(target_words, n1, n2, target_lang):
            continue
        first, second = sorted((n1, n2), key=lambda n: n.start)
        damaged = (
            target[: first.start] + second.text + target[first.end : second.start] + first.text + target[second.end :]
        )
        shift = len(second.text) - len(first.text)
        return damaged, (first.start, second.end + shift)
    return None


def caught(found: list, span: tuple[int, int]) -> bool:
    return any(span[0] <= s.target.start and s.target.end <= span[1] for s in found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="print every flagged original and every missed swap")
    args = parser.parse_args()
    cases = []
    for source, target, lang, target_lang, name in all_pairs():
        made = exchanged(source, target, lang, target_lang)
        if made is not None:
            cases.append((source, target, lang, target_lang, name, *made))
    aligner = shared_word_aligner()
    pairs_of, false_flags, caught_of = Counter(), Counter(), Counter()
    for langs in sorted({(c[2], c[3]) for c in cases}):
        group = [c for c in cases if (c[2], c[3]) == langs]
        texts = [(c[0], c[1]) for c in group] + [(c[0], c[5]) for c in group]
        links = aligner.align_many(texts, langs=langs)
        for k, (source, target, lang, target_lang, name, damaged, span) in enumerate(group):
            pairs_of[name] += 1
            original = swapped_numbers(
                links[k], find_numbers(source, lang), find_numbers(target, target_lang), lang, target_lang
            )
            swapped = swapped_numbers(
                links[len(group) + k], find_numbers(source, lang), find_numbers(damaged, target_lang), lang, target_lang
            )
            false_flags[name] += bool(original)
            caught_of[name] += caught(swapped, span)
            if args.show and original:
                print(f"FALSE FLAG {name}\n  S: {source}\n  T: {target}")
            if args.show and not caught(swapped, span):
                print(f"MISSED {name}\n  S: {source}\n  T: {damaged}")
    print("| set | pairs with two exchangeable numbers | originals flagged | swaps caught |")
    print("|---|---|---|---|")
    for name in pairs_of:
        n, f, c = pairs_of[name], false_flags[name], caught_of[name]
        print(f"| {name} | {n} | {f} ({f / n:.3f}) | {c} ({c / n:.3f}) |")
    n, f, c = sum(pairs_of.values()), sum(false_flags.values()), sum(caught_of.values())
    print(f"| all | {n} | {f} ({f / n:.3f}) | {c} ({c / n:.3f}) |")


if __name__ == "__main__":
    main()
