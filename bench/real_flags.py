"""What `align check` flags on real, complete translations and real system outputs, by kind (no damage made here).

    python bench/real_flags.py [--sets textberg,mac,parice,wmt20,wpt,mlqe]

Read as an editor would: on translations people made (Text+Berg test articles, MAC test chapters, ParIce), most flags
other than omissions are false, so their counts are what to watch; on system outputs some are real errors.

- textberg, mac, parice: whole documents (`align check --presplit`, the languages given), flags at confidence >= 0.5
  counted by kind. ParIce's lines lose their leading number, as in bench/sentence_alignment.py; its languages are
  outside use-m3, so the sentence encoder is e5-small, as the CLI chooses.
- wmt20: the distinct (source, system output) pairs of Vamvas & Sennrich's human evaluation (annotator 1's file, every
  split), each a one-bead document, en-de and zh-en.
- wpt: the WPT word-alignment gold pairs (Hansard en-fr, ro-en), each a one-bead document.
- mlqe: MLQE-PE en-de test20 and test21 NMT outputs; an untranslated flag is right when it covers an MT word the
  post-editor changed (tagged BAD).

Data is read from ../shared/bench at run time.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from real_omissions import DETECT, exact_flags, flags_of, read_test20, read_test21, token_starts
from sentence_alignment import ROOT, gold_sets

from align.alignment.sentence_aligner import AlignerConfig
from align.alignment.words import shared_word_aligner
from align.check import check_documents
from align.detectors.base import Flag
from align.encoders import DEFAULT_MODEL, FALLBACK_MODEL, load_encoder
from align.encoders.use_onnx import USE_LANGUAGES
from align.pipeline import ReadOptions, read_document

DATA = ROOT.parent / "shared" / "bench" / "data"
MIN_CONFIDENCE = 0.5


def document_pairs(name: str) -> list[tuple[Path, Path, str, str]]:
    if name == "textberg":
        folder = DATA / "textberg_de_fr" / "test"
        return [(folder / f"test{k}.de", folder / f"test{k}.fr", "de", "fr") for k in range(7)]
    if name == "mac":
        folder = DATA / "mac_zh_en" / "test"
        return [(path, folder / "en" / path.name, "zh", "en") for path in sorted((folder / "zh").iterdir())]
    return [(pair.source, pair.target, "en", "is") for pair in gold_sets(DATA)["parice"]]


def documents(name: str) -> None:
    pairs = document_pairs(name)
    langs = {lang for _, _, source_lang, target_lang in pairs for lang in (source_lang, target_lang)}
    encoder = load_encoder(DEFAULT_MODEL if langs <= USE_LANGUAGES else FALLBACK_MODEL)
    word_aligner = shared_word_aligner()
    counts: Counter[str] = Counter()
    beads = 0
    for source_path, target_path, source_lang, target_lang in pairs:
        source = read_document(str(source_path), ReadOptions(True, source_lang), encoder)
        target = read_document(str(target_path), ReadOptions(True, target_lang), encoder)
        result = check_documents(source, target, encoder, word_aligner, AlignerConfig(), True, MIN_CONFIDENCE)
        beads += len(result.beads)
        counts.update(kinds([result.flags]))
    report(f"{name} ({len(pairs)} documents, {beads} beads, {encoder.info.name})", counts)


def wmt20() -> None:
    folder = DETECT / "contrastive-conditioning-humeval"
    for pair in ("en-de", "zh-en"):
        rows = [json.loads(line) for line in (folder / f"{pair}.annotator1.jsonl").read_text("utf-8").splitlines()]
        texts = list(dict.fromkeys((row["source"], row["data"]) for row in rows))
        langs = tuple(pair.split("-"))
        report(f"wmt20 {pair} ({len(texts)} pairs)", kinds(exact_flags(texts, langs, "e5-small")))  # type: ignore[arg-type]


def wpt() -> None:
    folder = DETECT / "wpt-enfr-roen-gold"
    for name, langs in (("enfr", ("en", "fr")), ("roen", ("ro", "en"))):
        lines = (folder / f"{name}.src-tgt").read_text(encoding="utf-8").splitlines()
        pairs = [(a.split(), b.split()) for a, b in (line.split("|||") for line in lines)]
        report(f"wpt {name} ({len(pairs)} pairs)", kinds(flags_of(pairs, langs, "e5-small")))


def mlqe() -> None:
    folder = DETECT / "mlqe-pe-en-de-wordlevel"
    pairs20 = read_test20(folder / "test20")
    tags20 = (folder / "test20" / "test20.tags").read_text(encoding="utf-8").splitlines()
    bad20 = [[tag == "BAD" for tag in line.split()[1::2]] for line in tags20]  # gaps and words alternate
    pairs21 = read_test21(folder / "test21")
    bad21 = [[False] * len(pair.target) for pair in pairs21]
    for line in (folder / "test21" / "task2_wordlevel_mt.tags").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        bad21[int(fields[3])][int(fields[4])] = fields[6] == "BAD"
    for name, pairs, bad in (("test20", pairs20, bad20), ("test21", pairs21, bad21)):
        all_flags = flags_of([(pair.source, pair.target) for pair in pairs], ("en", "de"), "e5-small")
        flagged = right = 0
        for pair, flags, bad_words in zip(pairs, all_flags, bad, strict=True):
            starts = token_starts(pair.target)
            for flag in flags:
                if flag.kind != "untranslated" or flag.confidence < MIN_CONFIDENCE or flag.target_span is None:
                    continue
                first, last = flag.target_span
                covered = [k for k, s in enumerate(starts) if s < last and first < s + len(pair.target[k])]
                flagged += 1
                right += any(bad_words[k] for k in covered)
        report(f"mlqe {name} ({len(pairs)} pairs)", kinds(all_flags))
        print(
            f"  untranslated flags covering a word the post-editor changed: {right} of {flagged}"
            f" ({right / max(flagged, 1):.3f})"
        )


def kinds(all_flags: list[list[Flag]]) -> Counter[str]:
    """Flags at the threshold by kind, and the omissions that say a negation is missing on their own."""
    kept = [f for flags in all_flags for f in flags if f.confidence >= MIN_CONFIDENCE]
    return Counter(f.kind for f in kept) + Counter(
        "omission (negations)" for f in kept if f.kind == "omission" and f.message.startswith("source negation")
    )


def report(title: str, counts: Counter[str]) -> None:
    listed = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "none"
    print(f"{title}: flags at >= {MIN_CONFIDENCE}: {listed}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="textberg,mac,parice,wmt20,wpt,mlqe")
    for name in parser.parse_args().sets.split(","):
        if name in ("textberg", "mac", "parice"):
            documents(name)
        elif name in ("wmt20", "wpt", "mlqe"):
            {"wmt20": wmt20, "wpt": wpt, "mlqe": mlqe}[name]()
        else:
            parser.error(f"unknown set {name}")


if __name__ == "__main__":
    main()
