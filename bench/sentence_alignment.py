"""Sentence-alignment benchmark on the shared gold sets: strict/lax P/R/F1 (pooled) and speed.

    python bench/sentence_alignment.py --sets textberg-test,mac-dev[,parice] [--model e5-small] [--data DIR]

Speed: total wall time per set (model load included once), and the ratio of alignment time to one embedding pass
over every sentence once (the floor any embedding aligner pays); `--repeat 5` reports the medians of five runs.
Run it with ALIGN_NO_CACHE=1, or the on-disk embedding cache makes both the run and the embedding pass near-free on
a second run.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from align.alignment.sentence_aligner import JOIN_MODES, AlignerConfig
from align.alignment.words import shared_word_aligner
from align.encoders import DEFAULT_MODEL, FALLBACK_MODEL, load_encoder
from align.encoders.translation_lm import load_translation_lm
from align.encoders.use_onnx import USE_LANGUAGES
from align.evaluation.strict_lax import parse_beads, score
from align.pipeline import ReadOptions, align_documents, read_document

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class DocPair:
    source: Path
    target: Path
    gold: Path
    source_lang: str
    target_lang: str


def gold_sets(data: Path) -> dict[str, list[DocPair]]:
    tb, mac = data / "textberg_de_fr", data / "mac_zh_en"
    sets = {
        "textberg-dev": [DocPair(tb / "dev/dev.de", tb / "dev/dev.fr", tb / "dev/dev.defr", "de", "fr")],
        "textberg-test": [
            DocPair(tb / f"test/test{i}.de", tb / f"test/test{i}.fr", tb / f"test/test{i}.defr", "de", "fr")
            for i in range(7)
        ],
    }
    parice = data / "parice_en_is"
    sets["parice"] = [
        DocPair(unnumbered(parice / "eng" / g.name), unnumbered(parice / "isl" / g.name), g, "en", "is")
        for g in sorted((parice / "gold").glob("*.txt"))
    ]
    for split in ("dev", "test"):
        golds = sorted((mac / split / "gold").glob("*.align"))
        sets[f"mac-{split}"] = [
            DocPair(mac / split / "zh" / g.stem, mac / split / "en" / g.stem, g, "zh", "en") for g in golds
        ]
    return sets


def unnumbered(path: Path) -> Path:
    """ParIce's lines start with their number and a tab ("0\tNordic co-operation ..."), which the aligner would
    read as text: a copy without them, in a temporary folder (the shared data is never written)."""
    if not path.exists():
        return path
    folder = Path(tempfile.gettempdir()) / "align-bench-unnumbered" / path.parent.name
    folder.mkdir(parents=True, exist_ok=True)
    lines = path.read_text(encoding="utf-8").splitlines()
    copy = folder / path.name
    copy.write_text("".join(re.sub(r"^\d+\t", "", line) + "\n" for line in lines), encoding="utf-8")
    return copy


def model_for(pairs: list[DocPair], requested: str | None) -> str:
    """The CLI's choice without --model: the default where it covers both languages, else the fallback."""
    if requested:
        return requested
    languages = {lang for pair in pairs for lang in (pair.source_lang, pair.target_lang)}
    return DEFAULT_MODEL if languages <= USE_LANGUAGES else FALLBACK_MODEL


def run_set(name: str, pairs: list[DocPair], model: str, config: AlignerConfig, out: Path, repeat: int = 1) -> None:
    encoder = load_encoder(model)
    times, ratios = [], []
    for _ in range(repeat):
        elapsed, scored, sentences = align_set(name, pairs, encoder, config, out)
        embed_started = time.perf_counter()
        encoder.encode(sentences)
        times.append(elapsed)
        ratios.append(elapsed / (time.perf_counter() - embed_started))
    # Each run's ratio is taken against the pass right after it, then the medians: on a shared machine single
    # timings swing by a third, and the swings last longer than one run.
    elapsed, ratio = statistics.median(times), statistics.median(ratios)
    s = score(scored)
    print(
        f"| {name} | {model} | {s.precision_strict:.3f} | {s.recall_strict:.3f} | {s.f1_strict:.3f} | "
        f"{s.precision_lax:.3f} | {s.recall_lax:.3f} | {s.f1_lax:.3f} | {elapsed:.1f} | {ratio:.2f} |",
        flush=True,
    )


def run_interleaved(
    name: str, pairs: list[DocPair], model: str, configs: dict[str, AlignerConfig], out: Path, repeat: int
) -> None:
    """Each mode in turn, `repeat` rounds; each run's ratio against the embedding pass right after it, in wall-clock
    time and in this process's CPU time (which time the virtual machine's host takes away does not inflate)."""
    encoder = load_encoder(model)
    ratios: dict[str, list[float]] = {mode: [] for mode in configs}
    cpu_ratios: dict[str, list[float]] = {mode: [] for mode in configs}
    seconds: dict[str, list[float]] = {mode: [] for mode in configs}
    f1: dict[str, float] = {}
    for _ in range(repeat):
        for mode, config in configs.items():
            cpu_started = time.process_time()
            elapsed, scored, sentences = align_set(name, pairs, encoder, config, out)
            cpu = time.process_time() - cpu_started
            embed_started, cpu_started = time.perf_counter(), time.process_time()
            encoder.encode(sentences)
            ratios[mode].append(elapsed / (time.perf_counter() - embed_started))
            cpu_ratios[mode].append(cpu / (time.process_time() - cpu_started))
            seconds[mode].append(elapsed)
            f1[mode] = score(scored).f1_strict
    for mode in configs:
        runs = " ".join(f"{r:.2f}" for r in ratios[mode])
        cpu_runs = " ".join(f"{r:.2f}" for r in cpu_ratios[mode])
        print(
            f"| {name} | --joins {mode} | F1 strict {f1[mode]:.3f} | {statistics.median(seconds[mode]):.1f} s | "
            f"ratio {statistics.median(ratios[mode]):.2f} (runs: {runs}) | "
            f"CPU-time ratio {statistics.median(cpu_ratios[mode]):.2f} (runs: {cpu_runs}) |",
            flush=True,
        )


def align_set(name: str, pairs: list[DocPair], encoder, config: AlignerConfig, out: Path):
    """Align every pair of the set: (seconds, [(gold, predicted)], every sentence read)."""
    started = time.perf_counter()
    scored = []
    sentences = []
    for pair in pairs:
        source = read_document(str(pair.source), ReadOptions(True, pair.source_lang), encoder)
        target = read_document(str(pair.target), ReadOptions(True, pair.target_lang), encoder)
        sentences += source.sentence_texts + target.sentence_texts
        result = align_documents(source, target, encoder, config, presplit=True)
        predicted = [(b.source, b.target) for b in result.beads]
        (out / f"{name}.{pair.gold.stem}.vecalign").write_text(
            "".join(f"{list(s)}:{list(t)}\n" for s, t in predicted), encoding="utf-8"
        )
        scored.append((parse_beads(pair.gold.read_text().splitlines(), str(pair.gold)), predicted))
    return time.perf_counter() - started, scored, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="textberg-test,mac-dev")
    parser.add_argument("--model", help="default: use-m3, or e5-small for a set in a language use-m3 lacks (as CLI)")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "bench" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument(
        "--repeat", type=int, default=1, help="align each set and time the embedding pass this often; report medians"
    )
    parser.add_argument("--skip", type=float, default=AlignerConfig.skip)
    parser.add_argument("--skip-extend", type=float, default=AlignerConfig.skip_extend)
    parser.add_argument("--colon-break", type=float, default=AlignerConfig.colon_break)
    parser.add_argument("--joins", default=AlignerConfig.joins, choices=list(JOIN_MODES))
    parser.add_argument(
        "--interleave",
        metavar="MODES",
        help="time these --joins modes (comma-separated) in turn, run by run, --repeat times: this machine's speed "
        "drifts between minutes, so modes timed in separate runs do not compare",
    )
    parser.add_argument("--max-side", type=int, default=4, help="beads up to this many sentences a side (as the CLI)")
    parser.add_argument(
        "--word-boundaries", action="store_true", help="settle doubtful bead boundaries by word evidence"
    )
    parser.add_argument(
        "--translation-model", help="settle doubtful bead boundaries by this translation model (gemma-3-270m)"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sets = gold_sets(args.data)
    for model in dict.fromkeys(model_for(sets[name], args.model) for name in args.sets.split(",")):
        load_started = time.perf_counter()
        load_encoder(model)
        print(f"model {model} loaded in {time.perf_counter() - load_started:.1f}s", flush=True)
    if args.word_boundaries:
        load_started = time.perf_counter()
        shared_word_aligner()
        print(f"word aligner (e5-small) loaded in {time.perf_counter() - load_started:.1f}s", flush=True)
    if args.translation_model:
        load_started = time.perf_counter()
        load_translation_lm(name=args.translation_model)
        print(f"translation model {args.translation_model} loaded in {time.perf_counter() - load_started:.1f}s")
    print("| set | model | P strict | R strict | F1 strict | P lax | R lax | F1 lax | seconds | time / embed pass |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        configs = {
            joins: replace(
                AlignerConfig.from_options(
                    args.max_side, args.skip, joins, args.word_boundaries, args.translation_model
                ),
                skip_extend=args.skip_extend,
                colon_break=args.colon_break,
            )
            for joins in (args.interleave or args.joins).split(",")
        }
        if args.interleave:
            run_interleaved(name, sets[name], model_for(sets[name], args.model), configs, args.out, args.repeat)
        else:
            run_set(name, sets[name], model_for(sets[name], args.model), configs[args.joins], args.out, args.repeat)


if __name__ == "__main__":
    main()
