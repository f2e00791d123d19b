"""A terminal table a person reads: bead by bead, source beside target, low scores dimmed."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from align.pipeline import SentenceAlignment
from align.reports.screen_time import bead_label


def renderable(result: SentenceAlignment) -> Group:
    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", style="dim")
    table.add_column(f"{result.source.path} ({result.source.lang})", ratio=1)
    table.add_column(f"{result.target.path} ({result.target.lang})", ratio=1)
    table.add_column("score", justify="right")
    for number, bead in enumerate(result.beads):
        source = escape(result.source.passage(bead.source)) or "[dim]—[/dim]"
        target = escape(result.target.passage(bead.target)) or "[dim]—[/dim]"
        style = "red" if bead.is_null else ("yellow" if bead.score < 0.1 else "")
        label = bead_label(number, result.source, result.target, bead)
        table.add_row(label, source, target, f"[{style}]{bead.score:.2f} {bead.kind}[/{style}]" if style
                      else f"{bead.score:.2f} {bead.kind}")
    counts: dict[str, int] = {}
    for bead in result.beads:
        counts[bead.kind] = counts.get(bead.kind, 0) + 1
    summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items()))
    footer = Text(f"{len(result.beads)} beads ({summary}); model {result.signature.get('model')}")
    return Group(table, footer)


def render(result: SentenceAlignment, width: int = 160) -> str:
    console = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)
    console.print(renderable(result))
    return console.file.getvalue()  # type: ignore[attr-defined]
