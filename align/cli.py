"""The `align` command: a thin Typer layer over the pipeline, turning AlignError into one line and exit 2."""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console

from align import __version__
from align.aligner_options import (
    BoundaryTranslationModelOption,
    JoinMode,
    Joins,
    MaxSide,
    ModelOption,
    Skip,
    TranslationModel,
    TranslationModelOption,
    WordBoundaries,
    WordModel,
    WordModelOption,
)
from align.alignment.sentence_aligner import AlignerConfig
from align.cache_options import CacheMaxMbOption, NoCacheOption
from align.detectors.calibration import Severity, severity_summary
from align.encoders import DEFAULT_MODEL, EMBEDDED_MODELS, FALLBACK_MODEL
from align.errors import AlignError
from align.progress import quiet_libraries, set_quiet, status, warning

INPUTS = (
    "Inputs, by extension: plain text (any other), Markdown (.md .markdown), HTML pages (.html .htm), Word (.docx), "
    "OpenDocument (.odt), EPUB books (.epub), PDF (.pdf), subtitles (.srt .vtt .ass .ssa), translation memories "
    "(.tmx; XLIFF .xlf .xliff .sdlxliff .mqxliff .mxliff; gettext .po; Xcode .xcstrings) and app strings (.json .arb "
    ".properties .strings .xml .yml .yaml .resx); '-' reads stdin."
)

app = typer.Typer(
    help="Align a text with its translation or other versions of the same story, offline.",
    epilog=INPUTS,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


class AlignFormat(str, Enum):
    text = "text"
    json = "json"
    tsv = "tsv"
    vecalign = "vecalign"
    tmx = "tmx"
    xliff = "xliff"


PresplitOption = Annotated[bool, typer.Option("--presplit", help="Inputs are one sentence per line")]
SourceLang = Annotated[str | None, typer.Option("--source-lang", help="ISO 639-1 code; detected when omitted")]
TargetLang = Annotated[str | None, typer.Option("--target-lang", help="ISO 639-1 code; detected when omitted")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr")]


def _fail(message: str) -> None:
    Console(stderr=True).print(f"[bold red]error:[/bold red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _render(result, fmt: AlignFormat) -> str:  # type: ignore[no-untyped-def]
    from align.reports.alignment_formats import render_alignment

    return render_alignment(result, fmt.value)


@app.command()
def sentences(
    source: Annotated[str, typer.Argument(help="Source text file ('-' for stdin)")],
    target: Annotated[str, typer.Argument(help="Target text file")],
    presplit: PresplitOption = False,
    fmt: Annotated[
        AlignFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Default: text, or what the -o file's extension names (.json, .tsv, .vecalign, .tmx, .xlf)",
        ),
    ] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write here instead of stdout")] = None,
    model: ModelOption = None,
    source_lang: SourceLang = None,
    target_lang: TargetLang = None,
    max_side: MaxSide = AlignerConfig.max_side,
    skip: Skip = AlignerConfig.skip,
    joins: Joins = JoinMode.tokens,
    word_boundaries: WordBoundaries = AlignerConfig.word_boundaries,
    translation_model: BoundaryTranslationModelOption = TranslationModel.none,
    no_cache: NoCacheOption = False,
    cache_max_mb: CacheMaxMbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Align the sentences of SOURCE and TARGET (1-1, n-m and unaligned beads)."""
    from align.encoders.cache import cache_options
    from align.pipeline import ReadOptions, align_files
    from align.reports.output import check_destination, output_format, write_output

    set_quiet(quiet)
    fmt = output_format(fmt, output, AlignFormat, AlignFormat.text)
    try:
        check_destination(output, [source, target])
        config = AlignerConfig.from_options(
            max_side, skip, joins.value, word_boundaries, translation_model.name_or_none
        )
        with cache_options(no_cache, cache_max_mb):
            result = align_files(
                source,
                target,
                model,
                config,
                ReadOptions(presplit, source_lang),
                ReadOptions(presplit, target_lang),
            )
        if result.relatedness is not None and not result.related:
            warning(
                f"{target} does not read as a version of {source} ({result.relatedness.unrelated_because}): "
                "its beads pair sentences that say different things"
            )
        if fmt == AlignFormat.text and output is None and sys.stdout.isatty():
            from align.reports.alignment_text import renderable

            Console().print(renderable(result))
            return
        write_output(_render(result, fmt), output, [source, target])
    except AlignError as exc:
        _fail(str(exc))


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    tsv = "tsv"
    html = "html"
    xliff = "xliff"


@app.command()
def check(
    source: Annotated[str, typer.Argument(help="The original ('-' for stdin)")],
    target: Annotated[str, typer.Argument(help="The translation or version to check")],
    presplit: PresplitOption = False,
    fmt: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Default: text, or what the -o file's extension names (.json, .tsv, .html, .xlf: flags as notes of "
            "their units, for a CAT tool)",
        ),
    ] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write here instead of stdout")] = None,
    min_confidence: Annotated[float, typer.Option("--min-confidence", help="Report flags at least this sure")] = 0.5,
    word_model: WordModelOption = WordModel.e5_small,
    translation_model: TranslationModelOption = TranslationModel.none,
    fail_on: Annotated[
        Severity,
        typer.Option("--fail-on", help=f"Exit 1 when a flag of this severity or worse ({severity_summary()})"),
    ] = Severity.medium,
    model: ModelOption = None,
    source_lang: SourceLang = None,
    target_lang: TargetLang = None,
    max_side: MaxSide = AlignerConfig.max_side,
    skip: Skip = AlignerConfig.skip,
    joins: Joins = JoinMode.tokens,
    word_boundaries: WordBoundaries = AlignerConfig.word_boundaries,
    no_cache: NoCacheOption = False,
    cache_max_mb: CacheMaxMbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Flag dropped, changed and garbled fragments inside aligned sentences, with spans on both sides."""
    from align.check import check_files, fails
    from align.detectors.calibration import load_settings
    from align.encoders.cache import cache_options
    from align.pipeline import ReadOptions
    from align.reports import check_html, check_json, check_text, check_tsv, check_xliff
    from align.reports.output import check_destination, output_format, write_output

    set_quiet(quiet)
    fmt = output_format(fmt, output, CheckFormat, CheckFormat.text)
    try:
        check_destination(output, [source, target])
        config = AlignerConfig.from_options(max_side, skip, joins.value, word_boundaries)  # as batch --task check
        with cache_options(no_cache, cache_max_mb):
            result = check_files(
                source,
                target,
                model,
                config,
                ReadOptions(presplit, source_lang),
                ReadOptions(presplit, target_lang),
                word_model.value,
                min_confidence,
                translation_model.name_or_none,
            )
        if fmt == CheckFormat.text and output is None and sys.stdout.isatty():
            Console().print(check_text.renderable(result))
        else:
            writers = {
                CheckFormat.json: check_json.render,
                CheckFormat.tsv: check_tsv.render,
                CheckFormat.html: check_html.render,
                CheckFormat.xliff: check_xliff.render,
            }
            write_output(writers.get(fmt, check_text.render)(result), output, [source, target])
    except AlignError as exc:
        _fail(str(exc))
    if not result.related:  # the gate fails: whatever it was asked to pass, this is no translation of the original
        warning(
            f"{target} does not read as a version of {source} ({result.unrelated_reason()}): nothing checked, "
            "exit status 1"
        )
        raise typer.Exit(1)
    if fails(result.flags, fail_on.value, load_settings(word_model.value)):
        raise typer.Exit(1)


@app.command(name="eval", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
def evaluate(
    files: Annotated[
        list[str], typer.Argument(help="GOLD... --pred PRED...: gold alignments, then predictions in the same order")
    ],
    fmt: Annotated[
        EvalFormat, typer.Option("--format", "-f", help="text (the Vecalign table) or json (with the files scored)")
    ] = EvalFormat.text,
) -> None:
    """Strict and lax precision/recall/F1, pooled over documents (Vecalign/Bertalign protocol)."""
    from align.evaluation.strict_lax import parse_beads, score
    from align.text.reader import read_text

    try:
        if files.count("--pred") != 1:
            raise AlignError("usage: align eval GOLD... --pred PRED... (one --pred before the predictions)")
        split = files.index("--pred")
        gold, pred = files[:split], files[split + 1 :]
        if not gold or len(gold) != len(pred):
            raise AlignError(f"{len(gold)} gold files but {len(pred)} --pred files; give them in pairs")
        if files.count("-") > 1:
            raise AlignError("only one file can be '-' (stdin)")
        pairs = [
            (parse_beads(read_text(g).splitlines(), g), parse_beads(read_text(p).splitlines(), p))
            for g, p in zip(gold, pred, strict=True)
        ]
    except AlignError as exc:
        _fail(str(exc))
    s = score(pairs)
    if fmt == EvalFormat.json:
        print(json.dumps(_eval_json(gold, pred, pairs, s), indent=1))
        return
    gold_beads, predicted = sum(len(g) for g, _ in pairs), sum(len(p) for _, p in pairs)
    status(f"{len(pairs)} document(s) pooled: {gold_beads} gold beads, {predicted} predicted")
    print(" " * 10 + f"{'Strict':>8}{'Lax':>8}")
    print(f"{'Precision':<10}{s.precision_strict:>8.3f}{s.precision_lax:>8.3f}")
    print(f"{'Recall':<10}{s.recall_strict:>8.3f}{s.recall_lax:>8.3f}")
    print(f"{'F1':<10}{s.f1_strict:>8.3f}{s.f1_lax:>8.3f}")


def _eval_json(gold: list[str], pred: list[str], pairs: list, scores) -> dict[str, object]:  # type: ignore[type-arg]
    """The scores with what they were computed on, so a table in a paper can be traced to its files."""
    return {
        "signature": {"tool": "align", "command": "eval", "version": __version__, "protocol": "strict/lax, pooled"},
        "documents": [
            {"gold": g, "pred": p, "gold_beads": len(gold_beads), "predicted_beads": len(predicted)}
            for g, p, (gold_beads, predicted) in zip(gold, pred, pairs, strict=True)
        ],
        "strict": {"precision": scores.precision_strict, "recall": scores.recall_strict, "f1": scores.f1_strict},
        "lax": {"precision": scores.precision_lax, "recall": scores.recall_lax, "f1": scores.f1_lax},
    }


@app.command()
def models() -> None:
    """List the models that work offline here, with languages, dimensions and licences."""
    from rich.table import Table

    table = Table(title="Embedded models (no download needed)")
    for column in ("name", "dim", "languages", "licence", "what"):
        table.add_column(column)
    for model in EMBEDDED_MODELS:
        name = {
            DEFAULT_MODEL: f"{model.name} (default)",
            FALLBACK_MODEL: f"{model.name} (fallback)",
        }.get(model.name, model.name)
        table.add_row(name, str(model.dim), model.languages, model.licence, model.description)
    Console().print(table)
    print(f"Without --model: {DEFAULT_MODEL}, or {FALLBACK_MODEL} for languages {DEFAULT_MODEL} does not cover.")
    print("Any sentence-transformers model name or folder also works with --model, where it is available offline.")
    words = Table(title="Word models (`check`, `compare --check`: --word-model)")
    for column in ("name", "token states", "languages"):
        words.add_column(column)
    words.add_row("e5-small (default)", "multilingual-e5-small, layer 7", "about 100")
    words.add_row("use-m3", "use-m3's own (those the sentence pass computes): faster, finds fewer omissions", "its 15")
    Console().print(words)


@app.callback(invoke_without_command=True)
def main(version: Annotated[bool, typer.Option("--version", help="Show the version")] = False) -> None:
    quiet_libraries()
    if version:
        print(f"align {__version__}")
        raise typer.Exit()


from align.compare.command import compare  # noqa: E402

app.command()(compare)

from align.batch.command import batch, cache_app  # noqa: E402

app.command()(batch)
app.add_typer(cache_app, name="cache")

if __name__ == "__main__":
    app()
