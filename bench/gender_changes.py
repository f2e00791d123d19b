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

import re

from rule_on_real_pairs import run

from align.alignment.words import WordAlignment
from align.detectors.genders import gender_changes, marked_words

_TURNED = {"he": "she", "she": "he", "his": "her", "her": "his", "him": "her", "hers": "his"}
_TURNED |= {"himself": "herself", "herself": "himself"}
_PRONOUN = re.compile(r"\b(" + "|".join(_TURNED) + r")\b", re.IGNORECASE)


def turned(target: str) -> str:
    """The target with every gendered English pronoun turned to the other sex, keeping its capital."""

    def turn(match: re.Match[str]) -> str:
        word = _TURNED[match.group(1).lower()]
        return word.capitalize() if match.group(1)[0].isupper() else word

    return _PRONOUN.sub(turn, target)


def _fires(words: WordAlignment, source: str, target: str, lang: str, target_lang: str) -> bool:
    return bool(gender_changes(words, source, target, lang, target_lang))


def _turned(words: WordAlignment, source: str, target: str, lang: str, target_lang: str) -> str | None:
    """The target with its pronouns turned, where it is English and its gendered pronouns agree with a source word
    of the same sex (any strength)."""
    if target_lang != "en":
        return None
    pronouns = [m for m in marked_words(words.target, "en") if m.pronoun]
    source = marked_words(words.source, lang)
    if not pronouns or not any(m.gender == t.gender for m in source for t in pronouns):
        return None
    return turned(target)


def main() -> None:
    run(__doc__ or "", _fires, _turned, "pronouns read", "caught once turned")


if __name__ == "__main__":
    main()
