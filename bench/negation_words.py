"""How well each language's negation words (models/lexicon.json) read real translations: in published software
translations, does a translation say a negation where its English original does, and only there?

    python bench/negation_words.py [--langs es,fr,de,ca,hr] [--locale-dir /usr/share/locale] [--show 5]

Reads the compiled gettext catalogues (.mo) a Debian system installs (see bench/placeholders.py), and counts
negations on both sides as the check does (detectors/negations.negation_count, an original counted as an original,
the translation as a translation). Entries whose English says a negation by a word of negative meaning ("Failed to
open", "Invalid file"), which a translation often says with a negation word ("No se pudo abrir"), are left out.

- "said": of the entries whose English negates, the share whose translation has a negation word: the lexicon's
  coverage of how the language negates (a language without a list scores 0, and the check cannot see a dropped
  negation in it).
- "extra": of the entries whose English negates nothing, the share whose translation has one: words the list holds
  that are no negation there, and translations that negate what the English says positively ("Keep" / "No borrar").
A language with a complete list reads like the reference languages (es, fr, de) on both.

`--damage N` checks the other way round, as a reviewer of an English translation of a text in that language would:
N entries whose English says "not" (drawn whatever the lexicon says of their translation, read here as the original,
so that versions of the lexicon compare on the same entries) are checked as they are, and with the English "not"
deleted ("does not exist" -> "does exist"), each set as one PO file. It counts the entries where the check reports an
omission of the original's negation (a word of the list, or one negated by its prefix), at confidence 0.5: found in
the damaged set, false in the faithful one.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from placeholders import catalogue_entries, catalogues  # noqa: E402

from align.alignment.words import split_words  # noqa: E402
from align.detectors.lexicon import is_negative_meaning  # noqa: E402
from align.detectors.negations import negation_count  # noqa: E402


def _negations(text: str, lang: str, as_translation: bool) -> int:
    return negation_count(split_words(text, lang), text, lang, as_translation)


def measure(lang: str, pairs: list[tuple[str, str]], show: int) -> str:
    negated = plain = said = extra = 0
    missed: list[tuple[str, str]] = []
    added: list[tuple[str, str]] = []
    for source, target in pairs:
        words = split_words(source, "en")
        if any(is_negative_meaning(w.text, "en") for w in words):
            continue
        source_says = negation_count(words, source, "en", as_translation=False) > 0
        target_says = _negations(target, lang, as_translation=True) > 0
        if source_says:
            negated += 1
            said += target_says
            if not target_says:
                missed.append((source, target))
        else:
            plain += 1
            extra += target_says
            if target_says:
                added.append((source, target))
    row = f"{lang:6} {len(pairs):7d} {negated:8d} {said / max(negated, 1):6.3f} {plain:7d} {extra / max(plain, 1):6.3f}"
    examples = [f"   missed: {s!r} -> {t!r}" for s, t in missed[:show]]
    examples += [f"   extra:  {s!r} -> {t!r}" for s, t in added[:show]]
    return "\n".join([row, *examples])


_NOT = re.compile(r"\s+not\b|(?<=\bcan)not\b", re.IGNORECASE)


def damage_check(lang: str, pairs: list[tuple[str, str]], size: int, rng: random.Random, show: int) -> str:
    """Entries with the original's negation reported missing, faithful and with the English "not" deleted."""
    chosen = [(target, source) for source, target in pairs if _NOT.search(source) and "\n" not in source]
    chosen = rng.sample(chosen, min(size, len(chosen)))
    faithful = _negation_omissions(lang, chosen)
    damaged = _negation_omissions(lang, [(original, _NOT.sub("", english)) for original, english in chosen])
    size = max(len(chosen), 1)
    row = f"{lang:6} {len(chosen):7d} {len(damaged) / size:6.3f} {len(faithful) / size:6.3f}"
    return "\n".join([row, *(f"   false: {chosen[k][0]!r} -> {chosen[k][1]!r}" for k in sorted(faithful)[:show])])


def _negation_omissions(lang: str, pairs: list[tuple[str, str]]) -> set[int]:
    """The entries the check reports a negation of the original missing in, all entries one PO file."""
    from translate.storage import pypo

    from align.check import check_files
    from align.detectors.lexicon import is_affixed_negation, is_negation

    store = pypo.pofile()
    store.settargetlanguage("en")
    for original, english in pairs:
        store.addsourceunit(original).target = english
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{lang}.po"
        path.write_bytes(bytes(store))
        result = check_files(str(path), str(path), min_confidence=0.5)
    units = set()
    for flag in result.flags:
        said = flag.source_text.split()
        if flag.kind == "omission" and any(is_negation(w, lang) or is_affixed_negation(w, lang) for w in said):
            bead = result.beads[flag.bead]
            units.add(result.source.units[bead.source[0]] if result.source.units else flag.bead)
    return units


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--langs", default="es,fr,de")
    parser.add_argument("--locale-dir", type=Path, default=Path("/usr/share/locale"))
    parser.add_argument("--show", type=int, default=0, help="examples of each disagreement to print per language")
    parser.add_argument("--damage", type=int, default=0, help="check this many entries read the other way round")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.damage:
        rng = random.Random(args.seed)
        print(f"{'lang':6} {'entries':>7} {'found':>6} {'false':>6}")
        for lang in args.langs.split(","):
            pairs = catalogue_entries(catalogues(args.locale_dir, lang))
            print(damage_check(lang.split("_")[0].split("@")[0], pairs, args.damage, rng, args.show), flush=True)
        return
    print(f"{'lang':6} {'entries':>7} {'negated':>8} {'said':>6} {'plain':>7} {'extra':>6}")
    for lang in args.langs.split(","):
        pairs = catalogue_entries(catalogues(args.locale_dir, lang))
        print(measure(lang.split("_")[0].split("@")[0], pairs, args.show), flush=True)


if __name__ == "__main__":
    main()
