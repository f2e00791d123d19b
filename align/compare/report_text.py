"""What a person reads in the terminal: the coverage matrix (reference sentences x versions) and, per version, how
much of the reference it carries and what it adds.

Cells read ✓ full, ~ partial, ✗ missing (· a line with no word or number, not counted), followed by the version
sentence ids that carry the reference sentence, so the matrix answers "who has this sentence, and where" at a glance.
Sentence text goes in as rich Text, never as markup, so brackets in news copy cannot break the rendering.
"""

from __future__ import annotations

import io
from collections import Counter

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from align.compare.model import Comparison, CoverageCell, Status
from align.reports.check_text import flag_table

SYMBOLS = {
    Status.full: ("✓", "green"),
    Status.partial: ("~", "yellow"),
    Status.missing: ("✗", "red"),
    Status.skipped: ("·", "dim"),
}
_SNIPPET = 90


def _snippet(text: str, limit: int = _SNIPPET) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cell(cell: CoverageCell) -> Text:
    symbol, style = SYMBOLS[cell.status]
    text = Text(symbol, style=f"bold {style}")
    if cell.sentences:
        text.append(" " + ",".join(str(j) for j in cell.sentences), style="dim")
    return text


def matrix(result: Comparison) -> Table:
    table = Table(title="Coverage of the reference", show_lines=False, expand=True)
    table.add_column("#", justify="right", style="dim")
    table.add_column(f"{result.reference.path} ({result.reference.lang})", ratio=3, overflow="fold")
    for version in result.versions:
        table.add_column(f"v{version.index}", justify="left", no_wrap=True)
    for sentence, row in zip(result.reference.sentences, result.rows, strict=True):
        text = Text(_snippet(result.reference.passage([sentence.id])))
        table.add_row(str(sentence.id), text, *(_cell(cell) for cell in row))
    return table


def summary(result: Comparison) -> Table:
    table = Table(title="Per version")
    for column in ("v", "file", "lang", "sentences", "full", "partial", "missing", "covered", "added"):
        justify = "left" if column in ("file", "lang") else "right"
        table.add_column(column, justify=justify, overflow="fold")
    for version in result.versions:
        s = version.summary
        table.add_row(
            f"v{version.index}",
            Text(version.document.path),
            version.document.lang,
            str(s.version_sentences),
            str(s.full),
            str(s.partial),
            str(s.missing),
            f"{100 * s.covered_share:.0f}%" + ("" if version.related else " (unrelated)"),
            str(s.added),
        )
    return table


def added(result: Comparison) -> Table | None:
    """The version sentences with no counterpart in the reference: what each outlet adds."""
    rows = [(v.index, j, v.document.passage([j])) for v in result.versions for j in v.added]
    if not rows:
        return None
    table = Table(title="Added (no counterpart in the reference)", expand=True)
    table.add_column("v", justify="right")
    table.add_column("#", justify="right", style="dim")
    table.add_column("sentence", ratio=1, overflow="fold")
    for index, j, text in rows:
        table.add_row(f"v{index}", str(j), Text(_snippet(text, 200)))
    return table


def fragment_flags(result: Comparison) -> list[Table | Text]:
    """With --check: per version, the flagged matches with spans highlighted, as `align check` shows its beads."""
    parts: list[Table | Text] = []
    for version in result.versions:
        if version.flags is None:
            continue
        counts = Counter(f.kind for f in version.flags)
        summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items())) or "none"
        parts.append(Text(f"v{version.index} {version.document.path}: {len(version.flags)} flags ({summary}) "
                          f"in {len(version.matches)} matches (bead = match number)", style="bold"))
        if version.flags:
            parts.append(flag_table(result.reference, version.document, version.beads, version.flags))
    return parts


def renderable(result: Comparison) -> Group:
    legend = Text.assemble(
        ("✓", "bold green"), " full  ", ("~", "bold yellow"), " partial  ", ("✗", "bold red"), " missing  ",
        ("·", "dim"), " no word or number, not counted  ", ("(numbers: version sentence ids)", "dim"),
    )
    thresholds = result.signature.get("thresholds", {})
    calibrated = thresholds.get("calibrated_for") if isinstance(thresholds, dict) else None
    footer = Text(f"model {result.signature.get('model')}; thresholds calibrated for {calibrated}", style="dim")
    parts = [matrix(result), legend, summary(result)]
    extra = added(result)
    if extra is not None:
        parts.append(extra)
    parts.extend(fragment_flags(result))
    parts.append(footer)
    return Group(*parts)


def render(result: Comparison, width: int = 160) -> str:
    console = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)
    console.print(renderable(result))
    return console.file.getvalue()  # type: ignore[attr-defined]
