"""The `align compare` command: a thin Typer layer over align.compare.run, like `sentences` in align.cli.

It lives here (registered at the end of align/cli.py) so the compare feature is one package; the option aliases are
defined again because importing them from align.cli would be circular.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console

from align.aligner_options import ModelOption, WordModel, WordModelOption
from align.cache_options import CacheMaxMbOption, NoCacheOption
from align.errors import AlignError
from align.progress import set_quiet


class CompareFormat(str, Enum):
    text = "text"
    json = "json"
    tsv = "tsv"
    html = "html"


ReferenceArgument = Annotated[str, typer.Argument(help="Reference text file ('-' for stdin)")]
VersionsArgument = Annotated[list[str], typer.Argument(help="One or more versions of the same story, any language")]
FormatOption = Annotated[
    CompareFormat | None,
    typer.Option("--format", "-f", help="Default: text, or what the -o file's extension names (.json, .tsv, .html)"),
]
OutputOption = Annotated[str | None, typer.Option("--output", "-o", help="Write here instead of stdout")]
PresplitOption = Annotated[bool, typer.Option("--presplit", help="Inputs are one sentence per line")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr")]
CheckOption = Annotated[
    bool, typer.Option("--check", help="Also run `align check`'s fragment detectors inside every match")
]
ReferenceLangOption = Annotated[
    str | None, typer.Option("--source-lang", help="The reference's language, ISO 639-1; detected when omitted")
]
VersionLangOption = Annotated[
    list[str] | None,
    typer.Option(
        "--target-lang", help="The versions' language: once for all, or once per version in order; else detected"
    ),
]
MinConfidenceOption = Annotated[
    float, typer.Option("--min-confidence", help="With --check: report flags at least this sure")
]


def _fail(message: str) -> None:
    Console(stderr=True).print(f"[bold red]error:[/bold red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def compare(
    reference: ReferenceArgument,
    versions: VersionsArgument,
    fmt: FormatOption = None,
    output: OutputOption = None,
    model: ModelOption = None,
    presplit: PresplitOption = False,
    check: CheckOption = False,
    min_confidence: MinConfidenceOption = 0.5,
    word_model: WordModelOption = WordModel.e5_small,
    source_lang: ReferenceLangOption = None,
    target_lang: VersionLangOption = None,
    no_cache: NoCacheOption = False,
    cache_max_mb: CacheMaxMbOption = None,
    quiet: QuietOption = False,
) -> None:
    """Which sentences of REFERENCE each VERSION carries (fully, partly, not at all), in any order and language,
    and what each version adds; with --check, what was dropped or changed inside the sentences it carries."""
    from align.compare.run import compare_files
    from align.encoders.cache import cache_options
    from align.reports.output import check_destination, output_format, write_output

    set_quiet(quiet)
    fmt = output_format(fmt, output, CompareFormat, CompareFormat.text)
    try:
        check_destination(output, [reference, *versions])
        with cache_options(no_cache, cache_max_mb):
            result = compare_files(
                reference,
                versions,
                model,
                presplit=presplit,
                check=check,
                min_confidence=min_confidence,
                word_model=word_model.value,
                reference_lang=source_lang,
                version_langs=target_lang or (),
            )
        if fmt == CompareFormat.text and output is None and sys.stdout.isatty():
            from align.compare.report_text import renderable

            Console().print(renderable(result))
            return
        if fmt == CompareFormat.json:
            from align.compare.report_json import render
        elif fmt == CompareFormat.html:
            from align.compare.report_html import render
        elif fmt == CompareFormat.tsv:
            from align.compare.report_tsv import render
        else:
            from align.compare.report_text import render
        write_output(render(result), output, [reference, *versions])
    except AlignError as exc:
        _fail(str(exc))
