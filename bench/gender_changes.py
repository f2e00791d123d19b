"""A person's sex said otherwise on real translations (align/detectors/genders.py): how often the rule fires on real
pairs, and how often it catches an English target's pronouns turned to the other sex.

    python bench/gender_changes.py [--show] [--sets mac,xlwa-es-en,...] [--limit N]

Reads ~16,000 real gold beads and sentence pairs of ten sets (real_pairs.py), aligns their words (e5-small, as the
check does) and reports per set:
  fired    pairs where the rule reports a changed sex, on the pairs as they are (human translations and system
           outputs: mostly false flags, some real errors; --show prints them)
  read     pairs with an English target whose gendered pronouns agree with a source word of the same sex
  caught   of those, the pairs where the rule fires once every gendered pronoun of the target is turned to the
           other sex ("She said her son" -> "He said his son")
"""

from __future__ import annotations

import argparse
import re
from collections import Counter

from real_pairs import all_pairs

from align.alignment.words import shared_word_aligner
from align.detectors.genders import gender_changes, marked_words

_TURNED = {"he": "she", "she": "he", "his": "her", "her": "his", "him": "her", "hers": "his", "himself": "herself"}
_TURNED["herself"] = "himself"
_PRONOUN = re.compile(r"\b(" + "|".join(_TURNED) + r")\b", re.IGNORECASE)


def turned(target: str) -> str:
    """The target with every gendered English pronoun turned to the other sex, keeping its capital."""

    def turn(match: re.Match[str]) -> str:
        word = _TURNED[match.group(1).lower()]
        return word.capitalize() if match.group(1)[0].isupper() else word

    return _PRONOUN.sub(turn, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="print every pair the rule fires on, and the misses")
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
        if gender_changes(words, source, target, lang, target_lang):
            fired[name] += 1
            if args.show:
                print(f"[{name}] {source}\n    {target}\n")
            continue
        if target_lang != "en" or not _agreeing(words, lang):
            continue
        read[name] += 1
        damaged = turned(target)
        if gender_changes(aligner.align(source, damaged), source, damaged, lang, target_lang):
            caught[name] += 1
        elif args.show:
            print(f"[{name}] MISSED {source}\n    {damaged}\n")
    print("| set | pairs | fired | pronouns read | caught once turned |")
    print("|---|---:|---:|---:|---:|")
    for name in pairs:
        print(f"| {name} | {pairs[name]} | {fired[name]} | {read[name]} | {caught[name]} |")
    total = sum(read.values())
    print(
        f"| all | {sum(pairs.values())} | {sum(fired.values())} | {total} | {sum(caught.values())} "
        f"({sum(caught.values()) / max(total, 1):.3f}) |"
    )


def _agreeing(words, lang: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the target has a gendered pronoun and the source a word of that sex (any strength)."""
    target = [m for m in marked_words(words.target, "en") if m.pronoun]
    source = marked_words(words.source, lang)
    return bool(target) and any(m.gender == t.gender for m in source for t in target)


if __name__ == "__main__":
    main()
