"""HTML report for `align compare`: one self-contained page to see at a glance who carries what.

From the top: summary figures (share of the reference each version carries), the coverage matrix (reference
sentences x versions, one coloured cell each, linking to that sentence in the version's side-by-side view), then per
version its matches side by side in reference order (reference sentences | the version sentences that carry them),
the reference sentences it drops and the sentences it adds. With `--check`, `align check`'s flags are drawn in place
inside the matches, by the same code as the check report (align.reports.html_common).

Element ids the links use: `v{k}-r{i}` (reference sentence i in version k's view), `v{k}-s{j}` (version k's
sentence j), `cell-{i}-{k}` (matrix cell), `v{k}-flag-{n}` (flag n of version k). Matrix cells carry data-ref,
data-version, data-status and data-sentences, which the page script and the tests read.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from align.alignment.beads import consecutive_runs
from align.compare.model import Comparison, CoverageCell, Match, Status, VersionComparison
from align.detectors.base import Flag
from align.reports.html_common import (
    FLAG_CSS,
    NAV_KEYS_JS,
    REPORT_CSS,
    Drawn,
    Slice,
    css_ident,
    esc,
    flag_span,
    highlighted,
    kind_css,
    kind_label,
    kind_legend_rows,
    ordered_kinds,
    page,
    quoted,
    tooltip,
)
from align.text.document import Document

SYMBOLS = {Status.full: "✓", Status.partial: "~", Status.missing: "✗", Status.skipped: "·"}
STATUS_MEANING = {
    Status.full: "the version carries everything this reference sentence says",
    Status.partial: "the version carries some of it: a weaker or much shorter rendering",
    Status.missing: "the version does not carry this reference sentence",
    Status.skipped: "a line with no word or number (a separator, a speck): nothing to carry, not counted",
}
_SNIPPET = 110


def render(result: Comparison) -> str:
    """The whole report as one HTML string (it needs nothing else to display)."""
    checked = any(v.flags is not None for v in result.versions)
    counts = Counter(f.kind for v in result.versions for f in v.flags or [])
    kinds = ordered_kinds(sorted(counts))
    parts = [
        _header(result),
        _toolbar(kinds, counts),
        _matrix(result),
        *(_version_section(result, version) for version in result.versions),
        _legend(kinds, counts, checked),
    ]
    title = f"align compare: {Path(result.reference.path).name} vs {len(result.versions)} versions"
    return page(title, "\n".join(parts), REPORT_CSS + FLAG_CSS + _CSS + kind_css(kinds), NAV_KEYS_JS + _SCRIPT)


# --- summary and matrix -----------------------------------------------------------------------------------------


def _header(result: Comparison) -> str:
    reference = result.reference
    checked = any(v.flags is not None for v in result.versions)
    head = "<tr><th>v</th><th>file</th><th>lang</th><th>covers</th><th>full</th><th>partial</th><th>missing</th>"
    head += "<th>added</th>" + ("<th>flags</th>" if checked else "") + "</tr>"
    rows = []
    for version in result.versions:
        s = version.summary
        share = 100 * s.covered_share
        flags = "" if version.flags is None else f"<td>{len(version.flags)}</td>"
        unrelated = "" if version.related else " (unrelated)"
        rows.append(
            f'<tr data-version="{version.index}"><td><a href="#version-{version.index}">v{version.index}</a></td>'
            f'<td class="mono">{esc(version.document.path)}</td><td>{esc(version.document.lang)}</td>'
            f'<td class="share"><b>{share:.0f}%</b>{unrelated}<span class="bar"><span class="b-full" '
            f'style="width:{100 * s.full_share:.1f}%"></span><span class="b-partial" '
            f'style="width:{100 * (s.covered_share - s.full_share):.1f}%"></span></span></td>'
            f"<td>{s.full}</td><td>{s.partial}</td><td>{s.missing}</td><td>{s.added}</td>{flags}</tr>"
        )
    signature = result.signature
    thresholds = signature.get("thresholds")
    calibrated = thresholds.get("calibrated_for") if isinstance(thresholds, dict) else None
    details = [
        f"{len(reference.sentences)} reference sentences",
        f"model {esc(signature.get('model', '?'))}",
        f"thresholds calibrated for {esc(calibrated)}",
        f"align {esc(signature.get('version', '?'))}",
    ]
    return (
        '<header class="page-head">'
        f'<h1>Coverage of <span class="mono">{esc(reference.path)}</span> ({esc(reference.lang)}) '
        f"in {len(result.versions)} version{'s' if len(result.versions) != 1 else ''}</h1>"
        f'<table class="summary" id="summary"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
        f'<p class="muted small">{" · ".join(details)}. "Covers": reference sentences carried fully or partly.</p>'
        '<p class="print-note" id="print-note"></p></header>'
    )


def _toolbar(kinds: list[str], counts: Counter[str]) -> str:
    """Sticky bar: status filters, flag-kind filters (with --check), and navigation between gaps in coverage."""
    statuses = "".join(
        f'<label class="filter st-{s.value}"><input type="checkbox" class="status-filter" value="{s.value}" checked>'
        f' <span class="sym">{SYMBOLS[s]}</span> {s.value}</label>'
        for s in Status
    )
    flag_filters = "".join(
        f'<label class="filter k-{css_ident(k)}" data-kind="{esc(k)}"><input type="checkbox" class="kind-filter" '
        f'value="{esc(k)}" checked> <span class="swatch"></span> {esc(kind_label(k))} <b>{counts[k]}</b></label>'
        for k in kinds
    )
    return (
        '<div class="toolbar" id="toolbar"><div class="controls">'
        f'<div class="filters" role="group" aria-label="Show statuses">{statuses}{flag_filters}</div>'
        '<div class="nav">'
        '<button type="button" id="prev-gap" title="Previous missing or partial cell (k)">◀ prev</button>'
        '<span id="nav-pos" class="nav-pos" aria-live="polite"></span>'
        '<button type="button" id="next-gap" title="Next missing or partial cell (j)">next ▶</button>'
        '<span class="keys muted">keys: <kbd>j</kbd> next · <kbd>k</kbd> previous missing/partial cell · '
        "<kbd>Enter</kbd> open · <kbd>Esc</kbd> clear</span></div></div></div>"
    )


def _matrix(result: Comparison) -> str:
    heads = "".join(
        f'<th title="{esc(v.document.path)}"><a href="#version-{v.index}">v{v.index}</a> '
        f'<span class="muted">{esc(v.document.lang)}</span></th>'
        for v in result.versions
    )
    rows = []
    for sentence, row in zip(result.reference.sentences, result.rows, strict=True):
        text = result.reference.passage([sentence.id])
        snippet = text if len(text) <= _SNIPPET else text[: _SNIPPET - 1].rstrip() + "…"
        rows.append(
            f'<tr id="ref-{sentence.id}" data-ref="{sentence.id}"><td class="num">{sentence.id}</td>'
            f'<td class="ref-text" lang="{esc(result.reference.lang)}" dir="auto" '
            f'title="{esc(text)}">{esc(snippet)}</td>'
            f"{''.join(_matrix_cell(cell) for cell in row)}</tr>"
        )
    return (
        '<section class="matrix-wrap" id="coverage"><h2>Coverage matrix</h2>'
        '<p class="muted small">One row per reference sentence, one column per version; a cell shows the version '
        "sentences that carry it. Click a cell to see the sentences side by side.</p>"
        f'<table class="matrix" id="matrix"><thead><tr><th>#</th><th>reference sentence</th>{heads}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></section>'
    )


def _matrix_cell(cell: CoverageCell) -> str:
    k, i = cell.version, cell.reference_id
    ids = " ".join(str(j) for j in cell.sentences)
    targets = " ".join(f"v{k}-s{j}" for j in cell.sentences)
    label = ",".join(str(j) for j in cell.sentences)
    score = "" if cell.score is None else f", score {cell.score:.2f}"
    title = f"v{k}: reference {i} {cell.status.value}{score}" + (f"; version sentences {label}" if label else "")
    content = f'<span class="sym">{SYMBOLS[cell.status]}</span> {label}'
    if cell.status == Status.skipped:  # a line with no word: the version views do not show it, so no link
        inner = f'<span title="{esc(title)}">{content}</span>'
    else:
        inner = f'<a href="#v{k}-r{i}" data-targets="{targets}" title="{esc(title)}">{content}</a>'
    return (
        f'<td class="cc st-{cell.status.value}" id="cell-{i}-{k}" data-ref="{i}" data-version="{k}" '
        f'data-status="{cell.status.value}" data-sentences="{ids}">{inner}</td>'
    )


# --- side by side per version -----------------------------------------------------------------------------------


def _runs(document: Document, side: str, ids: tuple[int, ...]) -> list[Slice]:
    """Slices of consecutive sentences: a match may join sentences that are not neighbours, shown apart."""
    return [
        Slice(side, document.sentences[r[0]].start, document.sentences[r[-1]].end, tuple(r))
        for r in consecutive_runs(ids)
    ]


def _draw(flags: list[tuple[int, Flag]], slices: list[Slice], anchored: set[int]) -> list[list[Drawn]]:
    """Which flags each slice draws: a span in every slice it overlaps, a gap once (the first slice holding it);
    the first drawing of a flag on the page gets its anchor."""
    out: list[list[Drawn]] = []
    gaps_placed: set[int] = set()
    for piece in slices:
        items = []
        for index, flag in flags:
            span = flag_span(flag, piece.side)
            if span is None:
                continue
            start, end = span
            if start == end:
                if index in gaps_placed or not piece.start <= start <= piece.end:
                    continue
                gaps_placed.add(index)
            elif not (start < piece.end and piece.start < end):
                continue
            items.append(Drawn(index, flag, index not in anchored))
            anchored.add(index)
        out.append(items)
    return out


def _side_html(
    document: Document, slices: list[Slice], drawn: list[list[Drawn]], k: int, letter: str, empty: str
) -> str:
    side = slices[0].side if slices else ""
    if not slices:
        return f'<div class="side empty" data-empty="{esc(empty)}"></div>'
    pieces = [
        f'<span class="run" data-start="{piece.start}" data-end="{piece.end}">'
        + highlighted(document, piece, items, f"v{k}-flag-", lambda i: f' id="v{k}-{letter}{i}"')
        + "</span>"
        for piece, items in zip(slices, drawn, strict=True)
    ]
    return (
        f'<div class="side {side}" lang="{esc(document.lang)}" dir="auto" data-side="{side}">'
        + '<span class="apart"> … </span>'.join(pieces)
        + "</div>"
    )


def _version_section(result: Comparison, version: VersionComparison) -> str:
    k = version.index
    reference, document = result.reference, version.document
    flags = version.flags or []
    by_match: dict[int, list[tuple[int, Flag]]] = {}
    for n, flag in enumerate(flags):
        by_match.setdefault(flag.bead, []).append((n, flag))
    first_match = {min(m.reference): number for number, m in enumerate(version.matches)}
    anchored: set[int] = set()
    rows = []
    for i in range(len(reference.sentences)):
        cell = version.cells[i]
        if i in first_match:
            number = first_match[i]
            rows.append(_match_row(result, version, number, by_match.get(number, []), anchored))
        elif cell.status == Status.missing:
            ref_slices = _runs(reference, "source", (i,))
            ref = _side_html(reference, ref_slices, [[]], k, "r", "")
            side = _side_html(document, [], [], k, "s", "not carried")
            rows.append(
                f'<div class="row st-missing" data-status="missing" data-ref="{i}">'
                f'<div class="row-head"><span class="badge st-missing">{SYMBOLS[Status.missing]} missing</span> '
                f'<a href="#cell-{i}-{k}">reference {i}</a></div><div class="pair">{ref}{side}</div></div>'
            )
    for j in version.added:
        side = _side_html(document, _runs(document, "target", (j,)), [[]], k, "s", "")
        empty = _side_html(reference, [], [], k, "r", "not in the reference")
        rows.append(
            f'<div class="row added" data-status="added" data-sentence="{j}"><div class="row-head">'
            f'<span class="badge added">+ added</span> version sentence {j}</div>'
            f'<div class="pair">{empty}{side}</div></div>'
        )
    s = version.summary
    flag_count = "" if version.flags is None else f" · {len(flags)} flag{'s' if len(flags) != 1 else ''}"
    return (
        f'<section class="version" id="version-{k}" data-version="{k}">'
        f'<h2>v{k}: <span class="mono">{esc(document.path)}</span> ({esc(document.lang)}) — covers '
        f"{100 * s.covered_share:.0f}% ({s.full} full, {s.partial} partial, {s.missing} missing, {s.added} added"
        f"{flag_count})</h2>"
        + (
            ""
            if version.related
            else '<p class="banner">This version does not read as a version of the reference (its matches score '
            "like sentences of unrelated texts): nothing of it is counted as carried.</p>"
        )
        + f'<div class="colheads"><div>Reference ({esc(reference.lang)})</div><div>Version v{k} '
        f"({esc(document.lang)})</div></div>"
        f'{"".join(rows)}{_flag_list(result, version, anchored)}</section>'
    )


def _match_row(
    result: Comparison, version: VersionComparison, number: int, flags: list[tuple[int, Flag]], anchored: set[int]
) -> str:
    k = version.index
    match: Match = version.matches[number]
    status = version.cells[min(match.reference)].status
    ref_slices = _runs(result.reference, "source", match.reference)
    ver_slices = _runs(version.document, "target", match.version)
    ref_drawn = _draw(flags, ref_slices, anchored)
    ver_drawn = _draw(flags, ver_slices, anchored)
    chips = "".join(
        f'<a class="chip k-{css_ident(f.kind)}" href="#v{k}-flag-{n}" data-kind="{esc(f.kind)}" '
        f'title="{esc(tooltip(f, n))}">#{n + 1} {esc(kind_label(f.kind))}</a>'
        for n, f in flags
    )
    refs = ", ".join(f'<a href="#cell-{i}-{k}">{i}</a>' for i in match.reference)
    kind = f"{len(match.reference)}–{len(match.version)}"
    return (
        f'<div class="row st-{status.value}" data-status="{status.value}" data-match="{number}">'
        f'<div class="row-head"><span class="badge st-{status.value}">{SYMBOLS[status]} {status.value}</span> '
        f"reference {refs} → version {', '.join(str(j) for j in match.version)} "
        f'<span class="muted">({kind}, score {match.score:.2f})</span><span class="chips">{chips}</span></div>'
        f'<div class="pair">{_side_html(result.reference, ref_slices, ref_drawn, k, "r", "")}'
        f'{_side_html(version.document, ver_slices, ver_drawn, k, "s", "")}</div></div>'
    )


def _flag_list(result: Comparison, version: VersionComparison, anchored: set[int]) -> str:
    if version.flags is None:
        return ""
    k = version.index
    if not version.flags:
        return '<p class="muted">No fragment flags in this version\'s matches at this confidence.</p>'
    items = []
    for n, flag in enumerate(version.flags):
        link = f'<a href="#v{k}-flag-{n}">#{n + 1}</a>' if n in anchored else f"#{n + 1}"
        source = quoted(flag.source_text, result.reference.lang)
        target = quoted(flag.target_text, version.document.lang)
        items.append(
            f'<li class="flag-item k-{css_ident(flag.kind)}" data-kind="{esc(flag.kind)}">{link} '
            f'<span class="swatch"></span> <b>{esc(kind_label(flag.kind))}</b> {flag.confidence:.2f} · '
            f"{source} → {target}<div class=\"msg\">{esc(flag.message)}</div></li>"
        )
    return f'<h3>Flags in v{k}</h3><ol class="flag-list">{"".join(items)}</ol>'


def _legend(kinds: list[str], counts: Counter[str], checked: bool) -> str:
    statuses = "".join(
        f'<tr><td><span class="cc-sample st-{s.value}">{SYMBOLS[s]}</span> {s.value}</td>'
        f"<td>{esc(STATUS_MEANING[s])}</td></tr>"
        for s in Status
    )
    statuses += (
        '<tr><td><span class="badge added">+ added</span></td><td>a version sentence with no counterpart in the '
        "reference</td></tr>"
    )
    flags = ""
    if checked:
        flags = (
            '<h3>Fragment flags (<span class="mono">--check</span>)</h3><table><thead><tr><th>kind</th>'
            f"<th>flags</th><th>meaning</th></tr></thead><tbody>{kind_legend_rows(kinds, counts)}</tbody></table>"
        )
    return (
        '<section class="legend" id="legend"><h2>Legend</h2><table><tbody>'
        f"{statuses}</tbody></table>{flags}"
        '<p class="muted">Numbers in a matrix cell are the version\'s sentence numbers (from 0). Sentences a match '
        "joins that are not neighbours are shown apart, separated by …</p></section>"
    )


_CSS = """
.st-full{--sc:#3b8c3a;--sbg:#dff0d8}
.st-partial{--sc:#c77800;--sbg:#fdebc8}
.st-missing{--sc:#c0392b;--sbg:#f8d7d3}
.st-skipped{--sc:#7a848d;--sbg:#eef0f2}
.added{--sc:#4e79a7;--sbg:#dce8f5}
table.summary{border-collapse:collapse;background:#fff;margin:.5rem 0;font-size:.92rem}
table.summary td,table.summary th{padding:.25rem .7rem;border-bottom:1px solid #eceff2;text-align:left}
.share{white-space:nowrap}
.share .bar{display:inline-block;width:8rem;height:.55rem;background:#f1d5d1;border-radius:2px;overflow:hidden;
margin-left:.5rem;vertical-align:middle}
.bar span{display:inline-block;height:100%;vertical-align:top}
.b-full{background:#3b8c3a}.b-partial{background:#e0a030}
section.matrix-wrap,section.version,.legend{padding:0 1.5rem .8rem}
table.matrix{border-collapse:collapse;background:#fff;border:1px solid #dde1e6;width:100%}
.matrix th,.matrix td{padding:.15rem .45rem;border-bottom:1px solid #eceff2;text-align:left;font-size:.88rem}
.matrix thead th{position:sticky;top:2.7rem;background:#fafbfc;z-index:2}
.matrix .num{color:#5f6b76;text-align:right;font-variant-numeric:tabular-nums}
.matrix .ref-text{max-width:46rem}
td.cc{white-space:nowrap;background:var(--sbg);border-left:3px solid var(--sc);font-variant-numeric:tabular-nums}
td.cc a{color:#1d2327;text-decoration:none;display:block}
td.cc .sym,.badge,.cc-sample{font-weight:700;color:var(--sc)}
td.cc.off{background:#fff;border-left-color:#eceff2}
td.cc.off a{visibility:hidden}
tr.all-off{display:none}
.cc-sample{display:inline-block;width:1.4em;text-align:center;background:var(--sbg);border-left:3px solid var(--sc)}
.colheads{display:grid;grid-template-columns:1fr 1fr;gap:1rem;padding:.3rem .8rem;font-weight:600;font-size:.9rem}
.row{background:#fff;border:1px solid #dde1e6;border-left:4px solid var(--sc);border-radius:5px;margin:0 0 .45rem;
padding:.3rem .8rem .5rem;break-inside:avoid;page-break-inside:avoid}
.row.off{display:none}
.row-head{font-size:.78rem;color:#5f6b76;display:flex;flex-wrap:wrap;gap:.2rem .6rem;align-items:center}
.badge{padding:0 .4rem;border-radius:999px;background:var(--sbg)}
.side{white-space:pre-wrap;overflow-wrap:anywhere;min-width:0}
.side.empty::before{content:"— " attr(data-empty) " —";color:#8a949e;font-style:italic}
.apart{color:#8a949e}
.current{outline:2px solid #111;outline-offset:1px;border-radius:3px}
.sent.current{background:#fff3b0}
.flag-list{background:#fff;border:1px solid #dde1e6;border-radius:5px;padding:.4rem .4rem .4rem 2rem}
.flag-item{border-left:4px solid var(--kc);padding-left:.5rem;margin:.2rem 0}
.msg{color:#3c4650;font-size:.9rem}
.legend table{margin-bottom:.5rem}
.filter.st-full,.filter.st-partial,.filter.st-missing,.filter.st-skipped{border-color:var(--sc);background:var(--sbg)}
.nav-pos{min-width:7.5em}
.flag-item.off{display:none}
@media print{
  @page{margin:12mm}
  body{background:#fff;color:#000;font-size:10pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .toolbar{display:none}
  .matrix thead th{position:static}
  section.matrix-wrap,section.version,.legend,.page-head{padding-left:0;padding-right:0}
  .row{border:1px solid #777;border-left:3px solid var(--sc)}
  .muted,.row-head,.msg{color:#000}
  .current,.sent.current{outline:none;background:none}
  section.version{break-before:page}
}
"""

_SCRIPT = r"""
(() => {
  "use strict";
  const body = document.body;
  const statusBoxes = Array.from(document.querySelectorAll("input.status-filter"));
  const kindBoxes = Array.from(document.querySelectorAll("input.kind-filter"));
  const cells = Array.from(document.querySelectorAll("td.cc"));
  const position = document.getElementById("nav-pos");
  let current = null;

  const unticked = (boxes) => new Set(boxes.filter((b) => !b.checked).map((b) => b.value));
  const settled = ["full", "skipped"];
  const gaps = () => cells.filter((td) => !settled.includes(td.dataset.status) && !td.classList.contains("off"));

  function showPosition() {
    const list = gaps();
    const at = current ? list.indexOf(current) : -1;
    position.textContent = at >= 0 ? `gap ${at + 1} of ${list.length}` : `${list.length} missing/partial`;
    body.dataset.current = current ? current.id : "";
  }

  function applyFilters() {
    const hidden = unticked(statusBoxes);
    const hiddenKinds = unticked(kindBoxes);
    statusBoxes.forEach((b) => b.parentElement.classList.toggle("off", !b.checked));
    cells.forEach((td) => td.classList.toggle("off", hidden.has(td.dataset.status)));
    document.querySelectorAll("#matrix tbody tr").forEach((tr) => {
      tr.classList.toggle("all-off", !tr.querySelector("td.cc:not(.off)"));
    });
    document.querySelectorAll(".row[data-status]").forEach((row) => {
      row.classList.toggle("off", row.dataset.status !== "added" && hidden.has(row.dataset.status));
    });
    document.querySelectorAll("[data-kind]").forEach((el) => {
      el.classList.toggle("off", hiddenKinds.has(el.dataset.kind));
    });
    body.dataset.hiddenStatuses = Array.from(hidden).sort().join(" ");
    body.dataset.hiddenKinds = Array.from(hiddenKinds).sort().join(" ");
    const note = document.getElementById("print-note");
    const parts = [];
    if (hidden.size) parts.push(`hidden statuses: ${Array.from(hidden).sort().join(", ")}`);
    if (hiddenKinds.size) parts.push(`hidden flag kinds: ${Array.from(hiddenKinds).sort().join(", ")}`);
    note.textContent = parts.length ? `Filtered view (${parts.join("; ")}).` : "";
    if (current && current.classList.contains("off")) select(null, false);
    showPosition();
  }

  function targetsOf(td) {
    const link = td.querySelector("a");
    const ids = [link.getAttribute("href").slice(1), ...link.dataset.targets.split(" ").filter(Boolean)];
    return ids.map((id) => document.getElementById(id)).filter(Boolean);
  }

  function select(td, focus) {
    document.querySelectorAll(".current").forEach((el) => el.classList.remove("current"));
    current = td;
    if (td) {
      td.classList.add("current");
      targetsOf(td).forEach((el) => el.classList.add("current"));
      if (focus) {
        td.querySelector("a").focus({ preventScroll: true });
        td.scrollIntoView({ block: "center", inline: "nearest" });
      }
    }
    showPosition();
  }

  function step(direction) {
    const list = gaps();
    if (!list.length) return;
    let at = current ? list.indexOf(current) : -1;
    if (at < 0) at = direction > 0 ? -1 : list.length;
    select(list[(at + direction + list.length) % list.length], true);
  }

  statusBoxes.concat(kindBoxes).forEach((b) => b.addEventListener("change", applyFilters));
  document.getElementById("prev-gap").addEventListener("click", () => step(-1));
  document.getElementById("next-gap").addEventListener("click", () => step(1));
  onNavKeys({ j: () => step(1), k: () => step(-1), escape: () => select(null, false) });
  document.addEventListener("click", (event) => {
    const link = event.target.closest("td.cc a");
    if (link) select(link.parentElement, false);
  });
  applyFilters();
})();
"""

