"""Speed of `align check`, stage by stage: model loads, sentence embedding + alignment, word alignment, detectors.

    python bench/check_speed.py                       # the seed story
    python bench/check_speed.py --textberg            # Text+Berg test, all 7 documents joined (991 / 1011 lines)
    python bench/check_speed.py --textberg --joins shift   # the same with the aligner's "shift" join mode
    python bench/check_speed.py --textberg --word-model use-m3   # words aligned in use-m3's token states
    python bench/check_speed.py --translation-model gemma-3-270m     # omission evidence from a translation model
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from align.alignment.sentence_aligner import AlignerConfig
from align.alignment.words import DEFAULT_WORD_MODEL, WORD_MODELS, WordAligner
from align.check import find_flags, load_translation_scorer
from align.detectors.base import SideText
from align.detectors.calibration import load_settings
from align.encoders import DEFAULT_MODEL, load_encoder
from align.pipeline import ReadOptions, align_documents, read_document

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--textberg", action="store_true")
    parser.add_argument("--joins", default=AlignerConfig.joins, help="the aligner's join mode (path, shift, ...)")
    parser.add_argument("--word-model", default=DEFAULT_WORD_MODEL, choices=WORD_MODELS)
    parser.add_argument("--model", default=DEFAULT_MODEL, help="the sentence encoder (default: use-m3)")
    parser.add_argument("--translation-model", help="omission evidence from it (its load counts as a model load)")
    args = parser.parse_args()
    if args.textberg:
        data = ROOT.parent / "shared" / "bench" / "data" / "textberg_de_fr" / "test"
        folder = Path(tempfile.mkdtemp())
        for lang in ("de", "fr"):
            text = "".join((data / f"test{i}.{lang}").read_text(encoding="utf-8") for i in range(7))
            (folder / f"all.{lang}").write_text(text, encoding="utf-8")
        source_path, target_path, langs, presplit = folder / "all.de", folder / "all.fr", ("de", "fr"), True
    else:
        source_path, target_path = ROOT / "seeds" / "efe_coalition_es.txt", ROOT / "seeds" / "efe_coalition_en.txt"
        langs, presplit = ("es", "en"), False
    t0 = time.perf_counter()
    encoder = load_encoder(args.model)
    aligner = WordAligner(model=args.word_model, sentence_encoder=encoder)
    translation = load_translation_scorer(args.translation_model)
    t1 = time.perf_counter()
    source = read_document(str(source_path), ReadOptions(presplit, langs[0]), encoder)
    target = read_document(str(target_path), ReadOptions(presplit, langs[1]), encoder)
    embed_started = time.perf_counter()
    encoder.encode(source.sentence_texts + target.sentence_texts)
    embed_pass = time.perf_counter() - embed_started
    t2 = time.perf_counter()
    alignment = align_documents(source, target, encoder, AlignerConfig(joins=args.joins), presplit, aligner)
    t3 = time.perf_counter()
    pairs = [
        (SideText.of(source, b.source).text, SideText.of(target, b.target).text)
        for b in alignment.beads
        if not b.is_null
    ]
    words = aligner.align_many(pairs)
    t4 = time.perf_counter()
    settings = load_settings(args.word_model).for_sentence_model(encoder.info.name)
    settings = settings.for_translation_model(args.translation_model)
    flags = find_flags(alignment, None, settings, words, encode=encoder.encode, translation=translation)
    t5 = time.perf_counter()
    print(f"| {source_path.name} ({len(source)} / {len(target)} sentences) | {t1 - t0:.1f} | {embed_pass:.1f} | "
          f"{t3 - t2:.1f} | {t4 - t3:.1f} | {t5 - t4:.1f} | {t5 - t2:.1f} | {t5 - t0:.1f} | {len(flags)} |")


if __name__ == "__main__":
    print("| input | model loads s | one embedding pass s | sentence alignment s | word alignment s | detectors s "
          "| total without loads s | total s | flags |")
    print("|---|---|---|---|---|---|---|---|---|")
    main()
