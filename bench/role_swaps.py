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

from rule_on_real_pairs import run

from align.alignment.words import WordAlignment
from align.detectors.roles import Roles, kept_roles, swapped_roles


def exchanged_target(target: str, words: WordAlignment, roles: Roles) -> str:
    """The target with its two parties' words exchanged, each keeping its own determiner slot."""
    first, second = sorted((roles.agent, roles.undergoer), key=lambda party: party.first)
    side = words.target
    a_start, a_end = side[first.named_from].start, side[first.last].end
    b_start, b_end = side[second.named_from].start, side[second.last].end
    return target[:a_start] + target[b_start:b_end] + target[a_end:b_start] + target[a_start:a_end] + target[b_end:]


def _fires(words: WordAlignment, source: str, target: str, lang: str, target_lang: str) -> bool:
    return bool(swapped_roles(words, source, target, lang, target_lang))


def _exchanged(words: WordAlignment, source: str, target: str, lang: str, target_lang: str) -> str | None:
    kept = kept_roles(words, source, target, lang, target_lang)
    return exchanged_target(target, words, kept[0].target) if kept else None


def main() -> None:
    run(__doc__ or "", _fires, _exchanged, "roles read", "caught once exchanged")


if __name__ == "__main__":
    main()
