"""Placeholders and markup tags in real software translations: how often the placeholder check speaks up on
translations as shipped, and what it reports when a placeholder is dropped or changed.

    python bench/placeholders.py [--locale-dir /usr/share/locale] [--langs es,de,fr] [--show 20] [--seed 0]
    python bench/placeholders.py --langs es --check 1000     # whole checks of 1,000 entries: flags of every kind
    python bench/placeholders.py --langs es --check 1000 --show 20 --show-kinds garbled   # and read some

Reads the compiled gettext catalogues (.mo) a Debian system installs for its programs (grep, sed, glib, gtk, apt,
libc ...): translations published and reviewed, each entry a string of the program and its translation, read as
`align check` reads a PO file's entries (a plural entry by its plural forms; catalogues of MO revision 1.1, which
translate-toolkit does not read, left out). "Flagged" counts entries where the check
finds any difference; such an entry is not always a wrong translation (a date format a language writes its way), and
`--show` prints them to read. The damage rows drop one of a translation's
placeholders, or change one's conversion or field name, and count the entries where the check reports a missing
one, or a change at the changed one's place.

`--check N` runs `align check` itself (as `align check messages.po messages.po` would) on N entries of each language
drawn at random (seeded), written as one PO file: the flags of every kind a reviewer would see on translations as
shipped, per kind at confidence 0.5 and 0.9 (most are false: these translations were reviewed; some are not).
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from pathlib import Path

from align.text.formats.po_file import entry_texts
from align.text.placeholders import find_placeholders, placeholder_differences


def catalogues(locale_dir: Path | str, lang: str) -> list[Path]:
    """The compiled catalogues the system installs for a language, in name order."""
    return sorted((Path(locale_dir) / lang / "LC_MESSAGES").glob("*.mo"))


def catalogue_entries(files: list[Path]) -> list[tuple[str, str]]:
    """(source, translation) of every translated entry of these catalogues, in order."""
    return [pair for path in files for pair in read_catalogue(path)]


def read_catalogue(path: Path) -> list[tuple[str, str]]:
    """(source, translation) of every translated entry, read as `align check` reads a PO file's entries (a plural
    entry by its plural forms); none for a catalogue translate-toolkit cannot read (MO revision 1.1)."""
    from translate.storage import mo

    try:
        store = mo.mofile.parsefile(str(path))
    except Exception:  # translate-toolkit's parser raises several kinds
        return []
    pairs = [entry_texts(unit) for unit in store.units if not unit.isheader()]
    return [(source, target) for source, target in pairs if source and target]


def _changed(text: str) -> str:
    """The placeholder with another conversion or field name: what a translator's slip makes of it."""
    if text.startswith("<"):
        return re.sub(r"^(</?)(\w+)", lambda m: m[1] + ("i" if m[2] != "i" else "b"), text)
    if "{" in text:
        return re.sub(r"\{(\w*)", lambda m: "{" + (m[1] + "_es" if m[1] else "0x"), text, count=1)
    return text[:-1] + ("s" if text[-1] in "di" else "d")


def check_sample(
    lang: str, pairs: list[tuple[str, str]], size: int, rng: random.Random, show: int, show_kinds: frozenset[str]
) -> None:
    """`align check` on `size` entries written as a PO file: flags per kind at confidence .5 and .9."""
    import tempfile

    from translate.storage import pypo

    from align.check import check_files

    sample = rng.sample(pairs, min(size, len(pairs)))
    store = pypo.pofile()
    store.settargetlanguage(lang)
    for source, target in sample:
        unit = store.addsourceunit(source)
        unit.target = target
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{lang}.po"
        path.write_bytes(bytes(store))
        result = check_files(str(path), str(path), min_confidence=0.5)
    kinds = Counter(f.kind for f in result.flags)
    sure = Counter(f.kind for f in result.flags if f.confidence >= 0.9)
    flagged = len({f.bead for f in result.flags})
    print(f"\n{lang}: {len(sample)} entries, {len(result.alignment.beads)} beads, {flagged} beads with a flag >= 0.5")
    print("| kind | flags >= 0.5 | flags >= 0.9 |\n|---|---|---|")
    for kind, count in kinds.most_common():
        print(f"| {kind} | {count} | {sure[kind]} |")
    for flag in [f for f in result.flags if not show_kinds or f.kind in show_kinds][:show]:
        print(f"  {flag.kind} {flag.confidence:.2f}: {flag.message[:150]}")
        if show_kinds:  # the entry itself, to judge the flag by
            bead = result.beads[flag.bead]
            print(f"    {result.source.passage(bead.source)!r} -> {result.target.passage(bead.target)!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--locale-dir", default="/usr/share/locale")
    parser.add_argument("--langs", default="es,de,fr")
    parser.add_argument("--show", type=int, default=0, help="print this many flagged entries of each language")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--check", type=int, default=0, help="run align check on this many entries of each language")
    parser.add_argument("--show-kinds", default="", help="with --check: show flags of these kinds only")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.check:
        for lang in args.langs.split(","):
            pairs = catalogue_entries(catalogues(args.locale_dir, lang))
            kinds = frozenset(filter(None, args.show_kinds.split(",")))
            check_sample(lang, pairs, args.check, rng, args.show, kinds)
        return
    print(
        "| language | catalogues | entries | with placeholders | flagged (share) | flags by sort | dropped found "
        "| changed found |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for lang in args.langs.split(","):
        files = catalogues(args.locale_dir, lang)
        pairs = catalogue_entries(files)
        with_placeholders = flagged = 0
        sorts: Counter[str] = Counter()
        dropped = dropped_found = changed = changed_found = 0
        shown = 0
        for source, translation in pairs:
            target_placeholders = find_placeholders(translation)
            if not target_placeholders and not find_placeholders(source):
                continue
            with_placeholders += 1
            differences = placeholder_differences(source, translation)
            if differences:
                flagged += 1
                for difference in differences:
                    sort = (
                        "changed"
                        if difference.source and difference.target
                        else ("missing" if difference.source else "added")
                    )
                    sorts[sort] += 1
                if shown < args.show:
                    shown += 1
                    print(
                        f"  {lang}: {source!r}\n      {translation!r}\n      "
                        + "; ".join(
                            f"{d.source and d.source.text} -> {d.target and d.target.text}" for d in differences
                        )
                    )
                continue
            if not target_placeholders:
                continue
            victim = rng.choice(target_placeholders)
            cut = translation[: victim.start] + translation[victim.end :]
            dropped += 1
            dropped_found += any(d.source and d.target is None for d in placeholder_differences(source, cut))
            altered = translation[: victim.start] + _changed(victim.text) + translation[victim.end :]
            changed += 1
            changed_found += any(
                d.source and d.target and d.target.start == victim.start
                for d in placeholder_differences(source, altered)
            )
        share = flagged / with_placeholders if with_placeholders else 0.0
        by_sort = ", ".join(f"{k} {v}" for k, v in sorted(sorts.items()))
        print(
            f"| {lang} | {len(files)} | {len(pairs)} | {with_placeholders} | {flagged} ({share:.3f}) | {by_sort} | "
            f"{dropped_found} / {dropped} | {changed_found} / {changed} |"
        )


if __name__ == "__main__":
    main()
