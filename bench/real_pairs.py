"""Real translated sentence pairs from the gold data under ../shared/bench (read-only; nothing cached on disk), for
benchmarks that need many real pairs of many languages whatever their gold labels (bench/number_swaps.py).

    from real_pairs import all_pairs
    pairs = all_pairs()   # [(source_text, target_text, source_lang, target_lang, set_name), ...]

Sets (set_name: what it is):
  textberg     Text+Berg de->fr, gold beads of dev + test (human translation, OCR text), both sides non-empty
  mac          MAC zh->en, gold beads of dev + test (published literary translations), both sides non-empty
  xlwa-es-en   XL-WA en-es dev + test, Spanish as source (human translation; direction of the original unknown)
  xlwa-en-es   the same pairs, English as source
  wmt20-en-de  WMT20 newstest system outputs judged in Vamvas & Sennrich 2022 (unique source/MT pairs)
  wmt20-zh-en  same, zh->en
  guerreiro    Guerreiro et al. 2023 de->en NMT outputs (src, mt)
  mlqe         MLQE-PE en-de test20 + test21 (Wikipedia source, NMT output)
  wpt-enfr     WPT 2003 Hansards en-fr gold set (lowercased sentence starts, French contractions split: "de le")
  wpt-roen     WPT 2005 ro-en gold set (Romanian without diacritics)

Beads of several sentences are joined by a space (Chinese sentences are joined with no space).
Text+Berg, XL-WA, WPT and MLQE test20 are only available tokenised ("word , word"); by default they are
detokenised with a few light spacing rules (`detokenize=False` returns the tokens joined by single spaces).
The raw text is used wherever the data has it (MLQE test21 .src/.mt, WMT20, Guerreiro, MAC).
"""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
DATA = SHARED / "data"
DETECT = SHARED / "detect"

Pair = tuple[str, str, str, str, str]

# ------------------------------------------------------------------------------------------------ detokenising

_NO_SPACE_BEFORE = {",", ".", ")", "]", "}", "%", "...", "…", "''", "”", "’"}
_NO_SPACE_BEFORE_EXCEPT_FR = {";", ":", "!", "?"}  # French typography keeps a space before these
_NO_SPACE_AFTER = {"(", "[", "{", "¿", "¡", "``", "“", "„", "‘"}
_EN_CLITIC = re.compile(r"(?i)(?:'|’)(?:s|re|ve|ll|d|m|t)|n(?:'|’)t")
_ELISION = re.compile(r"(?i)(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|quelqu|presqu)(?:'|’)")


def detok(text: str, lang: str) -> str:
    """Undo Moses-style spacing around punctuation; conservative (a " - " between tokens is left alone)."""
    out: list[str] = []
    glue_next = False
    quote_open = False
    for tok in text.split():
        glue = glue_next
        glue_next = False
        if tok == '"':
            if quote_open:
                glue = True
            else:
                glue_next = True
            quote_open = not quote_open
        elif tok in _NO_SPACE_BEFORE or (lang != "fr" and tok in _NO_SPACE_BEFORE_EXCEPT_FR):
            glue = True
        elif tok in _NO_SPACE_AFTER:
            glue_next = True
        elif lang == "en" and _EN_CLITIC.fullmatch(tok):
            glue = True
        elif lang in ("fr", "it") and _ELISION.fullmatch(tok):
            glue_next = True
        if glue and out:
            out[-1] += tok
        else:
            out.append(tok)
    return html.unescape(" ".join(out))


def _text(tokens: str, lang: str, detokenize: bool) -> str:
    return detok(tokens, lang) if detokenize else " ".join(tokens.split())


# ------------------------------------------------------------------------------------------------ readers


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _beads(gold: Path) -> list[tuple[list[int], list[int]]]:
    """`[0, 1]:[2](:score)` per line; beads with an empty side are dropped."""
    beads = []
    for line in _lines(gold):
        if not line.strip():
            continue
        fields = line.split(":")
        src, tgt = json.loads(fields[0]), json.loads(fields[1])
        if src and tgt:
            beads.append((src, tgt))
    return beads


def _bead_pairs(
    src_file: Path, tgt_file: Path, gold: Path, langs: tuple[str, str], name: str, tokenised: bool, detokenize: bool
) -> list[Pair]:
    src, tgt = _lines(src_file), _lines(tgt_file)
    pairs = []
    for s_ids, t_ids in _beads(gold):
        sides = []
        for ids, lines, lang in ((s_ids, src, langs[0]), (t_ids, tgt, langs[1])):
            parts = [lines[i].strip() for i in ids]
            if tokenised:
                parts = [_text(p, lang, detokenize) for p in parts]
            sides.append(("" if lang == "zh" else " ").join(p for p in parts if p))
        if sides[0] and sides[1]:
            pairs.append((sides[0], sides[1], langs[0], langs[1], name))
    return pairs


def textberg(detokenize: bool = True) -> list[Pair]:
    tb = DATA / "textberg_de_fr"
    docs = [tb / "dev" / "dev"] + [tb / "test" / f"test{i}" for i in range(7)]
    pairs = []
    for stem in docs:
        pairs += _bead_pairs(
            stem.with_suffix(".de"),
            stem.with_suffix(".fr"),
            stem.with_suffix(".defr"),
            ("de", "fr"),
            "textberg",
            True,
            detokenize,
        )
    return pairs


def mac() -> list[Pair]:
    pairs = []
    for split in ("dev", "test"):
        folder = DATA / "mac_zh_en" / split
        for gold in sorted((folder / "gold").glob("*.align")):
            pairs += _bead_pairs(
                folder / "zh" / gold.stem, folder / "en" / gold.stem, gold, ("zh", "en"), "mac", False, False
            )
    return pairs


def xlwa(detokenize: bool = True) -> list[Pair]:
    pairs = []
    for split in ("dev", "test"):
        for line in _lines(DETECT / "xlwa-en-es" / f"{split}.tsv"):
            cols = line.split("\t")
            if len(cols) < 2:
                continue
            en, es = _text(cols[0], "en", detokenize), _text(cols[1], "es", detokenize)
            pairs.append((es, en, "es", "en", "xlwa-es-en"))
            pairs.append((en, es, "en", "es", "xlwa-en-es"))
    return pairs


def wmt20() -> list[Pair]:
    """Unique (source, MT) pairs over both annotators' files; rows are per prediction, so pairs repeat."""
    pairs = []
    folder = DETECT / "contrastive-conditioning-humeval"
    for lp in ("en-de", "zh-en"):
        seen = set()
        for annotator in (1, 2):
            for line in _lines(folder / f"{lp}.annotator{annotator}.jsonl"):
                row = json.loads(line)
                key = (row["source"].strip(), row["data"].strip())
                if key in seen or not all(key):
                    continue
                seen.add(key)
                src, tgt = row["src_language"], row["tgt_language"]
                pairs.append((key[0], key[1], src, tgt, f"wmt20-{src}-{tgt}"))
    return pairs


def guerreiro() -> list[Pair]:
    """Columns: index, src, mt, ref, 5 flags. One row has an unquoted comma in src (10 fields): rejoined."""
    pairs = []
    path = DETECT / "guerreiro2022-deen-hallucinations" / "annotated_corpus.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        width = len(next(reader))
        for row in reader:
            extra = len(row) - width
            if extra < 0:
                continue
            src, mt = ",".join(row[1 : 2 + extra]), row[2 + extra]
            if src.strip() and mt.strip():
                pairs.append((src.strip(), mt.strip(), "de", "en", "guerreiro"))
    return pairs


def mlqe(detokenize: bool = True) -> list[Pair]:
    folder = DETECT / "mlqe-pe-en-de-wordlevel"
    pairs = []
    # test20 exists only tokenised; test21 has the raw .src/.mt next to the .tok files.
    for s, m in zip(_lines(folder / "test20" / "test20.src"), _lines(folder / "test20" / "test20.mt"), strict=True):
        pairs.append((_text(s, "en", detokenize), _text(m, "de", detokenize), "en", "de", "mlqe"))
    for s, m in zip(_lines(folder / "test21" / "test21.src"), _lines(folder / "test21" / "test21.mt"), strict=True):
        pairs.append((s.strip(), m.strip(), "en", "de", "mlqe"))
    return [p for p in pairs if p[0] and p[1]]


def wpt(detokenize: bool = True) -> list[Pair]:
    pairs = []
    for name, langs in (("enfr", ("en", "fr")), ("roen", ("ro", "en"))):
        for line in _lines(DETECT / "wpt-enfr-roen-gold" / f"{name}.src-tgt"):
            if "|||" not in line:
                continue
            s, t = line.split("|||", 1)
            s, t = _text(s, langs[0], detokenize), _text(t, langs[1], detokenize)
            if s and t:
                pairs.append((s, t, langs[0], langs[1], f"wpt-{name}"))
    return pairs


def all_pairs(detokenize: bool = True) -> list[Pair]:
    """(source_text, target_text, source_lang, target_lang, set_name) for every set, in the order of the docstring."""
    return textberg(detokenize) + mac() + xlwa(detokenize) + wmt20() + guerreiro() + mlqe(detokenize) + wpt(detokenize)


if __name__ == "__main__":
    from collections import Counter

    for name, count in Counter(p[4] for p in all_pairs()).items():
        print(f"{name:12s} {count:6d}")
