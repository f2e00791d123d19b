"""Terminal report for `align check`: flagged beads with the spans highlighted on both sides, then counts."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from align.alignment.beads import Bead, consecutive_runs
from align.check import CheckResult
from align.detectors.base import Flag
from align.reports.screen_time import bead_label
from align.text.document import Document

_STYLE = "bold white on red"


def renderable(result: CheckResult) -> Group:
    if not result.related:
        return Group(
            Text(
                f"These texts do not look like versions of each other ({result.unrelated_reason()}); "
                "nothing was checked.",
                style="bold red",
            )
        )
    counts = Counter(f.kind for f in result.flags)
    summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items())) or "none"
    footer = Text(f"{len(result.flags)} flags ({summary}) in {len(result.beads)} beads")
    stops_early = result.stops_early()
    if stops_early:
        footer = Text("\n").join([footer, Text(stops_early, style="bold")])
    if not result.flags:  # a table of headings with no row reads as broken output
        return Group(footer)
    return Group(flag_table(result.source, result.target, result.beads, result.flags), footer)


def flag_table(source: Document, target: Document, beads: Sequence[Bead], flags: list[Flag]) -> Table:
    """Flagged beads, the spans highlighted on both sides (`align compare --check` shows its matches the same way)."""
    table = Table(show_lines=True, expand=True)
    table.add_column("bead", justify="right", style="dim")
    table.add_column(f"{source.path} ({source.lang})", ratio=1)
    table.add_column(f"{target.path} ({target.lang})", ratio=1)
    table.add_column("flags", ratio=1)
    by_bead: dict[int, list[Flag]] = {}
    for flag in flags:
        by_bead.setdefault(flag.bead, []).append(flag)
    for index, bead_flags in sorted(by_bead.items()):
        bead = beads[index]
        source_text = _highlight(source, bead.source, [f.source_span for f in bead_flags])
        target_text = _highlight(target, bead.target, [f.target_span for f in bead_flags])
        notes = Text("\n").join(Text(f"{f.kind} {f.confidence:.2f}: {f.message}") for f in bead_flags)
        table.add_row(bead_label(index, source, target, bead), source_text, target_text, notes)
    return table


def _highlight(document: Document, ids: tuple[int, ...], spans: list[tuple[int, int] | None]) -> Text:
    """The bead's sentences with the spans marked; sentences that are not neighbours (a compare match may join
    any) are shown apart, joined by " … "."""
    if not ids:
        return Text("—", style="dim")
    runs = consecutive_runs(ids)
    return Text(" … ", style="dim").join(_highlight_run(document, run, spans) for run in runs)


def _highlight_run(document: Document, ids: list[int], spans: list[tuple[int, int] | None]) -> Text:
    start, end = document.sentences[ids[0]].start, document.sentences[ids[-1]].end
    text = Text(document.text[start:end].replace("\n", " "))
    for span in sorted((s for s in spans if s is not None), key=lambda s: s[0], reverse=True):
        a, b = max(span[0], start) - start, min(span[1], end) - start
        if a == b and 0 <= a <= len(text) and start <= span[0] <= end:
            text = Text.assemble(text[:a], Text("⟨…⟩", style=_STYLE), text[a:])
        elif a < b:
            text.stylize(_STYLE, a, b)
    return text


def render(result: CheckResult, width: int = 160) -> str:
    console = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)
    console.print(renderable(result))
    return console.file.getvalue()  # type: ignore[attr-defined]
