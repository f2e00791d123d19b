"""HTML report for `align check`: one self-contained page an editor can open, filter, step through and print.

Source and target sit side by side, bead by bead; every flag is highlighted in place on both sides from its
character spans (the same offsets the JSON report gives), and an omission's empty target span becomes a visible
gap marker where the missing words belong. Text is split into segments at every span boundary, so overlapping
flags nest safely instead of producing broken markup; each flag's pieces carry data attributes
(data-flag-index, data-kind, data-side, data-start, data-end) that the page script and the tests use.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from align.check import CheckResult
from align.reports.html_common import (
    FLAG_CSS,
    KIND_COLOURS,
    KIND_DESCRIPTIONS,
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
from align.reports.screen_time import bead_time
from align.text.document import Document

SIDES = ("source", "target")


@dataclass
class _Placement:
    """Where one flag's span on one side is drawn: the cells it falls in, and whether it is the link target."""

    cells: list[int] = field(default_factory=list)
    anchor: bool = False


def render(result: CheckResult) -> str:
    """The whole report as one HTML string (write it to a `.html` file; it needs nothing else to display)."""
    cells = {side: _cells(result, side) for side in SIDES}
    placements = _place_flags(result, cells)
    drawn_in: dict[tuple[str, int], list[int]] = {}  # (side, bead) -> flags drawn in that cell, in flag order
    for (flag_index, side), placement in sorted(placements.items()):
        for bead_index in placement.cells:
            drawn_in.setdefault((side, bead_index), []).append(flag_index)
    kinds = ordered_kinds(sorted({f.kind for f in result.flags}))
    legend_kinds = ordered_kinds(sorted(set(KIND_COLOURS) | set(kinds)))
    counts = Counter(f.kind for f in result.flags)
    by_bead: dict[int, list[int]] = {}
    for index, flag in enumerate(result.flags):
        by_bead.setdefault(flag.bead, []).append(index)

    parts = [
        _header(result, counts, kinds),
        _toolbar(result, counts, kinds),
        '<main id="beads">',
        *(
            _bead_html(result, index, cells, placements, drawn_in, by_bead.get(index, []))
            for index in range(len(result.beads))
        ),
        "</main>",
        _flag_list(result, placements),
        _legend(legend_kinds, counts),
    ]
    title = f"align check: {Path(result.source.path).name} → {Path(result.target.path).name}"
    return page(title, "\n".join(parts), REPORT_CSS + FLAG_CSS + _CSS + kind_css(legend_kinds), NAV_KEYS_JS + _SCRIPT)


# --- layout of spans onto bead cells ---------------------------------------------------------------------------


def _cells(result: CheckResult, side: str) -> list[Slice]:
    """Each bead's slice of one document; a null side gets the empty slice where it would sit between its
    neighbours (the same place the missing_sentence detector puts its target gap), so gaps have a home."""
    document = _document(result, side)
    cells: list[Slice | None] = []
    for bead in result.beads:
        ids = bead.source if side == "source" else bead.target
        if ids:
            cells.append(Slice(side, document.sentences[ids[0]].start, document.sentences[ids[-1]].end, ids))
        else:
            cells.append(None)
    filled: list[Slice] = []
    for index, cell in enumerate(cells):
        if cell is not None:
            filled.append(cell)
            continue
        earlier = next((c for c in reversed(cells[:index]) if c is not None), None)
        later = next((c for c in cells[index + 1 :] if c is not None), None)
        position = earlier.end if earlier else later.start if later else 0
        filled.append(Slice(side, position, position, ()))
    return filled


def _document(result: CheckResult, side: str) -> Document:
    return result.source if side == "source" else result.target


def _place_flags(result: CheckResult, cells: dict[str, list[Slice]]) -> dict[tuple[int, str], _Placement]:
    """Decide, for every flag and side, which bead cells draw it.

    A non-empty span is drawn in every cell it overlaps (clipped), so a span that crosses beads still shows in
    place. An empty span (a gap) is drawn once: in the flag's own bead when the position falls there, else in the
    first bead whose slice holds it. The first drawn side (source if any) is the flag's link anchor.
    """
    placements: dict[tuple[int, str], _Placement] = {}
    for index, flag in enumerate(result.flags):
        anchored = False
        for side in SIDES:
            span = flag_span(flag, side)
            if span is None:
                continue
            side_cells = cells[side]
            start, end = span
            if start == end:
                own = side_cells[flag.bead] if 0 <= flag.bead < len(side_cells) else None
                if own is not None and own.start <= start <= own.end:
                    chosen = [flag.bead]
                else:
                    chosen = [i for i, c in enumerate(side_cells) if c.start <= start <= c.end][:1]
            else:
                chosen = [i for i, c in enumerate(side_cells) if c.start < end and start < c.end]
            placement = _Placement(chosen, anchor=bool(chosen) and not anchored)
            anchored = anchored or placement.anchor
            placements[(index, side)] = placement
    return placements


# --- HTML pieces ------------------------------------------------------------------------------------------------


def _header(result: CheckResult, counts: Counter[str], kinds: list[str]) -> str:
    source, target = result.source, result.target
    total = len(result.flags)
    if result.related:
        summary = f"{total} flag{'s' if total != 1 else ''}" + (
            ": "
            + ", ".join(
                f'<span class="count k-{css_ident(k)}" data-kind="{esc(k)}"><span class="swatch">'
                f"</span> {counts[k]} {esc(kind_label(k))}</span>"
                for k in kinds
            )
            if kinds
            else " — nothing found at this confidence"
        )
    else:
        summary = "not checked"
    banner = ""
    stops_early = result.stops_early() if result.related else ""
    if not result.related:
        banner = (
            '<div class="banner" role="alert"><strong>These texts do not look like versions of each other.</strong> '
            f"{_sentence_case(result.unrelated_reason())}, so nothing was checked. "
            "Check that you picked the right pair of files.</div>"
        )
    elif stops_early:
        banner = f'<div class="banner" role="status">{esc(stops_early)}</div>'
    signature = result.signature
    details = [
        f"{len(result.beads)} beads",
        f"pair score {result.pair_score:.2f}",
        f"model {esc(signature.get('model', '?'))}",
        f"word model {esc(_word_model(signature))}",
        f"min confidence {esc(signature.get('min_confidence', '?'))}",
        f"align {esc(signature.get('version', '?'))}",
    ]
    return (
        '<header class="page-head">'
        f'<h1>Translation check: <span class="mono">{esc(source.path)}</span> ({esc(source.lang)}) → '
        f'<span class="mono">{esc(target.path)}</span> ({esc(target.lang)})</h1>'
        f'<p class="summary" id="summary">{summary}</p>'
        f'<p class="muted small">{" · ".join(details)}</p>'
        '<p class="print-note" id="print-note"></p>'
        f"{banner}</header>"
    )


def _toolbar(result: CheckResult, counts: Counter[str], kinds: list[str]) -> str:
    """Sticky bar: filters (with colours and counts), flag navigation, and the column headings."""
    filters = "".join(
        f'<label class="filter k-{css_ident(k)}" data-kind="{esc(k)}" title="{esc(KIND_DESCRIPTIONS.get(k, k))}">'
        f'<input type="checkbox" class="kind-filter" value="{esc(k)}" checked> <span class="swatch"></span> '
        f"{esc(kind_label(k))} <b>{counts[k]}</b></label>"
        for k in kinds
    )
    if not filters:
        filters = '<span class="muted">no flags</span>'
    return (
        '<div class="toolbar" id="toolbar">'
        '<div class="controls">'
        f'<div class="filters" role="group" aria-label="Show flag kinds">{filters}</div>'
        '<div class="nav">'
        '<label class="only"><input type="checkbox" id="only-flagged"> only beads with flags</label>'
        '<button type="button" id="prev-flag" title="Previous flag (k or p)">◀ prev</button>'
        '<span id="nav-pos" class="nav-pos" aria-live="polite"></span>'
        '<button type="button" id="next-flag" title="Next flag (j or n)">next ▶</button>'
        '<span class="keys muted">keys: <kbd>j</kbd>/<kbd>n</kbd> next · <kbd>k</kbd>/<kbd>p</kbd> previous · '
        "<kbd>Esc</kbd> clear</span>"
        "</div></div>"
        '<div class="colheads">'
        f'<div>Source <span class="mono">{esc(Path(result.source.path).name)}</span> ({esc(result.source.lang)})</div>'
        f'<div>Target <span class="mono">{esc(Path(result.target.path).name)}</span> ({esc(result.target.lang)})</div>'
        "</div></div>"
    )


def _bead_html(
    result: CheckResult,
    index: int,
    cells: dict[str, list[Slice]],
    placements: dict[tuple[int, str], _Placement],
    drawn_in: dict[tuple[str, int], list[int]],
    flag_indices: list[int],
) -> str:
    bead = result.beads[index]
    classes = ["bead"]
    if flag_indices:
        classes.append("has-flags")
    if bead.is_null:
        classes.append("null")
    chips = "".join(
        f'<a class="chip k-{css_ident(result.flags[i].kind)}" href="#flag-{i}" data-flag-index="{i}" '
        f'data-kind="{esc(result.flags[i].kind)}" title="{esc(tooltip(result.flags[i], i))}">'
        f"#{i + 1} {esc(kind_label(result.flags[i].kind))}</a>"
        for i in flag_indices
    )
    score = "no counterpart" if bead.is_null else f"score {bead.score:.2f}"
    width = max(0.0, min(bead.score, 1.0)) * 100
    bar = "" if bead.is_null else f'<span class="bar"><span style="width:{width:.0f}%"></span></span>'
    kind = f"{len(bead.source)}–{len(bead.target)}"
    shown = bead_time(result.source, result.target, bead)
    time = f'<span class="bead-time" title="on screen from">{shown}</span>' if shown else ""
    head = (
        f'<div class="bead-head"><a class="bead-no" href="#bead-{index}">bead {index}</a>'
        f'<span class="bead-kind" title="source sentences – target sentences">{kind}</span>'
        f'<span class="score" title="sentence similarity of this bead">{score}{bar}</span>{time}'
        f'<span class="chips">{chips}</span></div>'
    )
    sides = "".join(_cell_html(result, side, cells[side][index], index, placements, drawn_in) for side in SIDES)
    return (
        f'<section class="{" ".join(classes)}" id="bead-{index}" data-bead="{index}">{head}'
        f'<div class="pair">{sides}</div></section>'
    )


def _cell_html(
    result: CheckResult,
    side: str,
    cell: Slice,
    bead_index: int,
    placements: dict[tuple[int, str], _Placement],
    drawn_in: dict[tuple[str, int], list[int]],
) -> str:
    """One side of a bead: its slice of the document with the flags drawn in it (see html_common.highlighted)."""
    document = _document(result, side)
    drawn = [Drawn(i, result.flags[i], placements[(i, side)].anchor) for i in drawn_in.get((side, bead_index), [])]
    empty = " empty" if cell.start == cell.end else ""
    return (
        f'<div class="cell {side}{empty}" lang="{esc(document.lang)}" dir="auto" data-side="{side}" '
        f'data-start="{cell.start}" '
        f'data-end="{cell.end}">{highlighted(document, cell, drawn)}</div>'
    )


def _flag_list(result: CheckResult, placements: dict[tuple[int, str], _Placement]) -> str:
    if not result.flags:
        note = "Nothing was checked." if not result.related else "No flags at this confidence threshold."
        return f'<section class="flags" id="flags"><h2>Flags</h2><p class="muted">{note}</p></section>'
    items = []
    for index, flag in enumerate(result.flags):
        drawn = any(placements.get((index, side), _Placement()).cells for side in SIDES)
        source = quoted(flag.source_text, result.source.lang)
        target = (
            quoted(flag.target_text, result.target.lang)
            if flag.target_text
            else (
                '<span class="gap-inline">⟨…⟩</span>'
                if flag.target_span and flag.target_span[0] == flag.target_span[1]
                else "—"
            )
        )
        note = "" if drawn else ' <em class="muted">(span outside the aligned sentences, not drawn)</em>'
        link = (
            f'<a class="flag-link" href="#flag-{index}" data-flag-index="{index}" data-kind="{esc(flag.kind)}">'
            f"#{index + 1}</a>"
            if drawn
            else f"#{index + 1}"
        )
        items.append(
            f'<li class="flag-item k-{css_ident(flag.kind)}" data-flag-index="{index}" data-kind="{esc(flag.kind)}">'
            f'{link} <span class="swatch"></span> <b>{esc(kind_label(flag.kind))}</b> '
            f'<span class="conf">{flag.confidence:.2f}</span> · <a href="#bead-{flag.bead}">bead {flag.bead}</a>'
            f' · {source} → {target}<div class="msg">{esc(flag.message)}{note}</div></li>'
        )
    return f'<section class="flags" id="flags"><h2>Flags</h2><ol id="flag-list">{"".join(items)}</ol></section>'


def _legend(kinds: list[str], counts: Counter[str]) -> str:
    rows = kind_legend_rows(kinds, counts)
    return (
        '<section class="legend" id="legend"><h2>Legend</h2><table><thead><tr><th>kind</th><th>flags</th>'
        f"<th>meaning</th></tr></thead><tbody>{rows}</tbody></table>"
        '<p class="muted">Highlights show the flagged words on both sides; <span class="gap-inline">⟨…⟩</span> marks '
        "where missing words belong in the target. The small number after a highlight is the flag's number in the "
        "list above. Hover a highlight for the detector's message and confidence.</p></section>"
    )


_CSS = """
.summary{margin:.3rem 0;font-size:1.02rem}
.summary .count{white-space:nowrap}
.only{margin-right:.6rem}
.colheads{display:grid;grid-template-columns:1fr 1fr;gap:1rem;padding:.3rem 1.5rem;font-weight:600;
font-size:.9rem;border-top:1px solid #eceff2;background:#fafbfc}
main{padding:.8rem 1.5rem}
.bead{background:#fff;border:1px solid #dde1e6;border-left:4px solid #dde1e6;border-radius:5px;margin:0 0 .55rem;
padding:.35rem .8rem .55rem;break-inside:avoid;page-break-inside:avoid}
.bead.has-flags{border-left-color:#c0392b}
.bead.null{background:#fbfbfc}
body.only-flagged .bead:not(.shown-flags){display:none}
.bead-head{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem .7rem;font-size:.78rem;color:#5f6b76;
margin-bottom:.15rem}
.bead-no{color:inherit;text-decoration:none;font-weight:600}
.bead-kind,.bead-time{font-variant-numeric:tabular-nums}
.score{display:inline-flex;align-items:center;gap:.35rem;font-variant-numeric:tabular-nums}
.bar{display:inline-block;width:3.5rem;height:.4rem;background:#e6e9ed;border-radius:2px;overflow:hidden}
.bar span{display:block;height:100%;background:#7d8a96}
.cell{white-space:pre-wrap;overflow-wrap:anywhere;min-width:0}
.cell.empty::before{content:"— no counterpart —";color:#8a949e;font-style:italic}
.current,mark.hl.current{outline:2px solid #111;outline-offset:1px;border-radius:3px}
.flags,.legend{padding:0 1.5rem 1rem}
#flag-list{margin:0;list-style:none;padding-left:1rem;background:#fff;border:1px solid #dde1e6;border-radius:5px;
padding-top:.4rem;padding-bottom:.4rem}
.flag-item{padding:.3rem .4rem;border-left:4px solid var(--kc);margin:.25rem 0 .25rem -.4rem;padding-left:.6rem}
.flag-item.off{display:none}
.flag-item.current{outline:2px solid #111;outline-offset:0}
.flag-item q{font-style:italic}
.flag-item .conf{font-variant-numeric:tabular-nums;color:#5f6b76}
.msg{color:#3c4650;font-size:.92rem}
@media print{
  @page{margin:14mm}
  body{background:#fff;color:#000;font-size:10.5pt}
  .controls,.keys,.chips .chip.off{display:none!important}
  .toolbar{position:static;box-shadow:none;border-bottom:1px solid #000}
  .colheads{background:none;border:none;color:#000;padding:.3rem .8rem}
  main{padding:.3rem 0}
  .page-head,.flags,.legend{padding-left:0;padding-right:0}
  .page-head{border-bottom:none}
  .bead,.bead.has-flags{border:1px solid #777;border-left:3px solid #000;box-shadow:none;background:#fff}
  .bead:not(.has-flags){border-left:1px solid #777}
  .bead-head,.muted,.msg,.legend tr.zero,.cell.empty::before{color:#000}
  .bar{display:none}
  .chip{background:none;border-color:#000}
  .flag-item{border-left:2px solid #000;break-inside:avoid}
  .current,mark.hl.current,.flag-item.current{outline:none}
  .swatch{border-color:#000}
  .banner{background:none;border-color:#000;color:#000}
}
"""

_SCRIPT = r"""
(() => {
  "use strict";
  const body = document.body;
  const filters = Array.from(document.querySelectorAll("input.kind-filter"));
  const onlyFlagged = document.getElementById("only-flagged");
  const position = document.getElementById("nav-pos");
  const prev = document.getElementById("prev-flag");
  const next = document.getElementById("next-flag");
  const items = Array.from(document.querySelectorAll("#flag-list li[data-flag-index]"));
  const kindOf = new Map(items.map((li) => [Number(li.dataset.flagIndex), li.dataset.kind]));
  let current = null;

  const hiddenKinds = () => new Set(filters.filter((box) => !box.checked).map((box) => box.value));
  const visibleFlags = () => {
    const hidden = hiddenKinds();
    return items.filter((li) => !hidden.has(li.dataset.kind)).map((li) => Number(li.dataset.flagIndex));
  };
  const partsOf = (index) => document.querySelectorAll(
    `.hl[data-flag-index="${index}"], .gap[data-flag-index="${index}"], .flag-item[data-flag-index="${index}"]`);

  function showPosition() {
    const visible = visibleFlags();
    const at = current === null ? -1 : visible.indexOf(current);
    if (position) {
      position.textContent = at >= 0 ? `flag ${at + 1} of ${visible.length}`
        : `${visible.length} flag${visible.length === 1 ? "" : "s"}`;
    }
    if (prev) prev.disabled = visible.length === 0;
    if (next) next.disabled = visible.length === 0;
    body.dataset.current = current === null ? "" : String(current);
  }

  function applyFilters() {
    const hidden = hiddenKinds();
    document.querySelectorAll("[data-kind]").forEach((el) => el.classList.toggle("off", hidden.has(el.dataset.kind)));
    document.querySelectorAll("section.bead").forEach((bead) => {
      const shown = Array.from(bead.querySelectorAll(".chip")).some((chip) => !chip.classList.contains("off"));
      bead.classList.toggle("shown-flags", shown);
    });
    body.classList.toggle("only-flagged", Boolean(onlyFlagged && onlyFlagged.checked));
    body.dataset.hiddenKinds = Array.from(hidden).sort().join(" ");
    const note = document.getElementById("print-note");
    if (note) {
      const parts = [];
      if (hidden.size) parts.push(`hidden flag kinds: ${Array.from(hidden).sort().join(", ").replace(/_/g, " ")}`);
      if (body.classList.contains("only-flagged")) parts.push("only beads with flags shown");
      note.textContent = parts.length ? `Filtered view (${parts.join("; ")}).` : "";
    }
    if (current !== null && hidden.has(kindOf.get(current))) select(null, false);
    showPosition();
  }

  function select(index, scroll) {
    document.querySelectorAll(".current").forEach((el) => el.classList.remove("current"));
    current = index;
    if (index !== null) {
      const parts = partsOf(index);
      parts.forEach((el) => el.classList.add("current"));
      const target = document.getElementById(`flag-${index}`) || parts[0];
      if (scroll && target) target.scrollIntoView({ block: "center", inline: "nearest" });
    }
    showPosition();
  }

  function step(direction) {
    const visible = visibleFlags();
    if (!visible.length) return;
    let at = current === null ? -1 : visible.indexOf(current);
    if (at < 0) at = direction > 0 ? -1 : visible.length;
    select(visible[(at + direction + visible.length) % visible.length], true);
  }

  function rememberFilters() {
    const hidden = hiddenKinds();
    const shown = filters.filter((box) => box.checked).map((box) => box.value);
    const hash = hidden.size ? `#filter=${shown.join(",")}` : "";
    try { history.replaceState(null, "", hash || location.pathname + location.search); } catch (e) { /* file: */ }
  }

  function readFragment() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    if (params.has("filter")) {
      const wanted = new Set(params.get("filter").split(",").filter(Boolean));
      filters.forEach((box) => { box.checked = wanted.has(box.value); });
    }
    if (onlyFlagged && params.has("flagged")) onlyFlagged.checked = params.get("flagged") !== "0";
    applyFilters();
    if (params.has("flag")) {
      const index = Number(params.get("flag")) - 1;
      if (kindOf.has(index)) select(index, true);
    }
  }

  filters.forEach((box) => box.addEventListener("change", () => { applyFilters(); rememberFilters(); }));
  if (onlyFlagged) onlyFlagged.addEventListener("change", applyFilters);
  if (prev) prev.addEventListener("click", () => step(-1));
  if (next) next.addEventListener("click", () => step(1));

  onNavKeys({ j: () => step(1), n: () => step(1), k: () => step(-1), p: () => step(-1),
    escape: () => select(null, false) });

  document.addEventListener("click", (event) => {
    const el = event.target.closest(".hl, .gap, .chip, .flag-link");
    if (!el || el.classList.contains("off")) return;
    const index = Number(el.dataset.flagIndex);
    if (el.matches(".chip, .flag-link")) {
      event.preventDefault();
      select(index, true);
    } else {
      select(index, false);
    }
  });

  window.addEventListener("hashchange", readFragment);
  readFragment();
})();
"""


def _word_model(signature: dict[str, object]) -> str:
    word_aligner = signature.get("word_aligner")
    return str(word_aligner.get("model", "?")) if isinstance(word_aligner, dict) else "?"


def _sentence_case(text: str) -> str:
    """The first letter up, the rest as written (str.capitalize would lower `SOURCE TARGET` in a command)."""
    return text[:1].upper() + text[1:]
