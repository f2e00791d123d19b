"""Pieces every HTML report shares: escaping, flag-kind colours and names, and a self-contained page shell.

The reports are opened by editors from mail attachments or shared drives, often offline, so a page must never
fetch anything: no external stylesheets, scripts, fonts or images. Everything lives inline in one file.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from align.detectors.base import Flag
from align.text.document import Document

# One colour per flag kind (Tableau 10, distinguishable for the common colour-vision deficiencies), and for print
# one underline style per kind, so a black-and-white copy still tells the kinds apart.
KIND_COLOURS: dict[str, str] = {
    "omission": "#e15759",
    "missing_sentence": "#b07aa1",
    "addition": "#59a14f",
    "number_mismatch": "#f28e2b",
    "name_mismatch": "#4e79a7",
    "untranslated": "#d4a017",
    "truncation": "#9c755f",
    "duplicate": "#76b7b2",
    "garbled": "#ff6f91",
    "misaligned": "#bab0ac",
    "moved": "#edc948",
    "placeholder_mismatch": "#499894",
}
FALLBACK_COLOUR = "#888888"
PRINT_UNDERLINES: tuple[str, ...] = ("solid", "double", "dotted", "dashed", "wavy")

KIND_DESCRIPTIONS: dict[str, str] = {
    "omission": "source words missing in the target (⟨…⟩ marks where they belong)",
    "missing_sentence": "a whole source sentence with no counterpart in the target",
    "addition": "a target sentence with no counterpart in the source",
    "number_mismatch": "a number that differs between the two sides",
    "name_mismatch": "a name that changed between the two sides",
    "untranslated": "source-language words left in the target",
    "truncation": "the target stops before the source does",
    "duplicate": "a passage repeated in the target",
    "garbled": (
        "a heading run into the next sentence, words that cannot stand side by side (English),"
        " or a negation the source does not say"
    ),
    "misaligned": "a memory's unit paired with another unit's translation (a memory checked against itself)",
    "moved": "a source sentence whose translation stands elsewhere in the target (both places marked)",
    "placeholder_mismatch": "a software string's placeholder or tag (%s, {name}, <b>) dropped, added or changed",
}


def quoted(text: str, lang: str) -> str:
    """A flag's text in its language, its direction read from its own letters (Arabic, Hebrew); "—" for none."""
    return f'<q lang="{esc(lang)}" dir="auto">{esc(text)}</q>' if text else "—"


def esc(text: object) -> str:
    """Escape for both element text and quoted attribute values, so input text can never become markup."""
    return html.escape(str(text), quote=True)


def css_ident(kind: str) -> str:
    """Kinds come from detectors (plugins may add more): keep only characters that are safe in a class name."""
    return re.sub(r"[^a-z0-9_-]", "-", kind.lower()) or "unknown"


def kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, FALLBACK_COLOUR)


def kind_label(kind: str) -> str:
    return kind.replace("_", " ")


def ordered_kinds(present: list[str]) -> list[str]:
    """Known kinds in their documented order, then any others alphabetically, so legends are stable."""
    known = [k for k in KIND_COLOURS if k in present]
    return known + sorted(set(present) - set(KIND_COLOURS))


def kind_css(kinds: list[str]) -> str:
    """Per-kind colour rules: a tinted background and solid underline on screen, an underline style in print."""
    screen: list[str] = []
    printed: list[str] = []
    for number, kind in enumerate(kinds):
        ident = css_ident(kind)
        colour = kind_colour(kind)
        screen.append(f".k-{ident}{{--kc:{colour};--kbg:{colour}40}}")
        printed.append(f"mark.hl.k-{ident},.sample.k-{ident}{{text-decoration-style:{_underline(number)}}}")
    return "\n".join(screen) + "\n@media print{\n" + "\n".join(printed) + "\n}\n"


def _underline(number: int) -> str:
    return PRINT_UNDERLINES[number % len(PRINT_UNDERLINES)]


BASE_CSS = """
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans","Liberation Sans",Arial,
sans-serif;color:#1d2327;background:#f4f5f7}
h1{font-size:1.45rem;margin:0 0 .25rem;line-height:1.25}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
a{color:#1f5fa8}
.muted{color:#5f6b76}
.mono{font-family:ui-monospace,"DejaVu Sans Mono","Liberation Mono",Menlo,Consolas,monospace;font-size:.9em}
.swatch{display:inline-block;width:.95em;height:.95em;border-radius:3px;vertical-align:-.12em;
background:var(--kc,#888);border:1px solid rgba(0,0,0,.25)}
"""


# Layout both reports share: header, sticky toolbar with filters and navigation, chips, side-by-side pairs, legend.
REPORT_CSS = """
.banner{margin:.7rem 0 .3rem;padding:.8rem 1rem;border:2px solid #b3261e;border-left-width:8px;background:#fdecea;
color:#5c0f0a;border-radius:4px;font-size:1.05rem}
.page-head{padding:1.1rem 1.5rem .6rem;background:#fff;border-bottom:1px solid #dde1e6}
.small{font-size:.85rem;margin:.2rem 0}
.toolbar{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid #c9ced6;
box-shadow:0 2px 6px rgba(0,0,0,.06)}
.controls{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;justify-content:space-between;
padding:.45rem 1.5rem}
.filters{display:flex;flex-wrap:wrap;gap:.35rem}
.filter{display:inline-flex;align-items:center;gap:.3rem;padding:.15rem .55rem;border:1px solid var(--kc);
border-radius:999px;background:var(--kbg);cursor:pointer;font-size:.9rem;user-select:none}
.filter.off{background:#fff;opacity:.6}
.filter input{margin:0}
.nav{display:flex;align-items:center;gap:.5rem;font-size:.9rem}
.nav button{font:inherit;padding:.2rem .7rem;border:1px solid #9aa4ae;border-radius:4px;background:#f7f8fa;
cursor:pointer}
.nav button:hover{background:#e9edf2}
.nav button:disabled{opacity:.45;cursor:default}
.nav-pos{min-width:6.5em;text-align:center;font-variant-numeric:tabular-nums}
kbd{font:inherit;font-size:.8em;padding:0 .3em;border:1px solid #b8c0c8;border-bottom-width:2px;border-radius:3px;
background:#fafbfc}
.chips{display:flex;flex-wrap:wrap;gap:.25rem}
.chip{font-size:.75rem;padding:0 .45rem;border-radius:999px;border:1px solid var(--kc);background:var(--kbg);
color:#1d2327;text-decoration:none}
.chip.off{display:none}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.legend table{border-collapse:collapse;background:#fff;border:1px solid #dde1e6}
.legend td,.legend th{padding:.25rem .7rem;text-align:left;border-bottom:1px solid #eceff2;font-size:.9rem}
.legend tr.zero{color:#98a1aa}
.print-note{display:none;font-style:italic}
@media print{
  .print-note:not(:empty){display:block}
  a{color:#000;text-decoration:none}
}
"""

# j/k-style keys for a report's navigation, ignored while the reader types in a field or holds a modifier.
NAV_KEYS_JS = r"""
const onNavKeys = (actions) => document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const el = event.target;
  if (el && (el.isContentEditable || /^(TEXTAREA|SELECT)$/.test(el.tagName)
      || (el.tagName === "INPUT" && el.type !== "checkbox"))) return;
  const action = actions[event.key.toLowerCase()];
  if (!action) return;
  action();
  event.preventDefault();
});
"""


def page(title: str, body: str, css: str, script: str, lang: str = "en") -> str:
    """A complete HTML document with all styling and behaviour inline (no external resources of any kind)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        # Belt and braces: even if someone edits the file, the browser refuses any outside fetch.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{esc(title)}</title>\n<style>{BASE_CSS}{css}</style>\n</head>\n"
        f"<body>\n{body}\n<script>{script}</script>\n</body>\n</html>\n"
    )


def kind_legend_rows(kinds: list[str], counts: Counter[str]) -> str:
    """Legend table rows: swatch and sample highlight, count, meaning (kinds with no flags greyed)."""
    return "".join(
        f'<tr class="k-{css_ident(k)}{"" if counts[k] else " zero"}" data-kind="{esc(k)}">'
        f'<td><span class="swatch"></span> <span class="sample k-{css_ident(k)}">{esc(kind_label(k))}</span></td>'
        f"<td>{counts[k]}</td><td>{esc(KIND_DESCRIPTIONS.get(k, ''))}</td></tr>"
        for k in kinds
    )


# --- flags drawn in place -----------------------------------------------------------------------------------------
# Flag highlights: a tinted mark per flag piece, a ⟨…⟩ marker for an empty span (a gap); in print, underlines.
FLAG_CSS = """
mark.hl{background:var(--kbg);color:inherit;border-bottom:2px solid var(--kc);border-radius:2px;padding:0 1px;
cursor:pointer}
mark.hl mark.hl{padding:0}
mark.hl.overlap{background-image:repeating-linear-gradient(135deg,transparent 0 4px,rgba(0,0,0,.07) 4px 6px)}
mark.hl.last::after{content:attr(data-n);font-size:.68em;vertical-align:super;line-height:0;margin-left:1px;
font-weight:700;color:var(--kc)}
mark.hl.off{background:none;border-bottom-color:transparent;cursor:auto}
mark.hl.off::after{content:none}
.gap{cursor:pointer;white-space:nowrap}
.gap::before{content:"⟨…⟩";font-size:.78em;font-weight:700;padding:0 .28em;margin:0 .12em;
border:1.5px solid var(--kc);border-radius:3px;background:var(--kbg);color:#1d2327}
.gap::after{content:attr(data-n);font-size:.68em;vertical-align:super;line-height:0;font-weight:700;color:var(--kc)}
.gap.off{display:none}
.gap-inline{font-size:.85em;font-weight:700;padding:0 .25em;border:1px solid #888;border-radius:3px}
.sample{border-bottom:2px solid var(--kc);background:var(--kbg);padding:0 2px}
@media print{
  mark.hl{background:none!important;border-bottom:none;text-decoration-line:underline;
  text-decoration-thickness:1.5px;text-underline-offset:2px;text-decoration-color:#000;font-weight:600}
  mark.hl.last::after{content:"[" attr(data-n) "]";color:#000}
  mark.hl.off{text-decoration:none;font-weight:inherit}
  mark.hl.off::after{content:none}
  .gap::before{border-color:#000;background:none}
  .gap::after{content:"[" attr(data-n) "]";color:#000}
  .sample{background:none;border-bottom:none;text-decoration-line:underline;text-decoration-color:#000}
}
"""


@dataclass(frozen=True)
class Slice:
    """A stretch [start, end) of one document drawn as one block (empty where a side has nothing), and the
    sentences in it."""

    side: str
    start: int
    end: int
    sentence_ids: tuple[int, ...]


@dataclass(frozen=True)
class Drawn:
    """A flag drawn in a slice: its number in the report, the flag, and whether its first piece carries the anchor
    id (one anchor per flag on the whole page)."""

    index: int
    flag: Flag
    anchor: bool


def flag_span(flag: Flag, side: str) -> tuple[int, int] | None:
    """A flag's span on one side; the reference/source side is called "source" in every report."""
    return flag.source_span if side == "source" else flag.target_span


def tooltip(flag: Flag, index: int) -> str:
    return f"#{index + 1} {kind_label(flag.kind)} (confidence {flag.confidence:.2f}): {flag.message}"


def highlighted(
    document: Document,
    piece: Slice,
    drawn: list[Drawn],
    anchor_prefix: str = "flag-",
    sentence_attrs: Callable[[int], str] = lambda sentence_id: "",
) -> str:
    """A slice's text cut into segments at every sentence and flag boundary (inner HTML, no wrapper).

    Every segment is wrapped in one <mark> per flag covering it (outermost = widest span), so overlapping and
    crossing spans both come out as well-formed nested markup, and each <mark> belongs to exactly one flag. Empty
    spans become gap markers at their position. Spans are clipped to the slice.
    """
    text = document.text
    side = piece.side
    spans: list[tuple[Drawn, int, int]] = []  # clipped to the slice
    gaps: dict[int, list[Drawn]] = {}
    for item in drawn:
        start, end = flag_span(item.flag, side)  # type: ignore[misc]
        if start == end:
            gaps.setdefault(start, []).append(item)
        else:
            spans.append((item, max(start, piece.start), min(end, piece.end)))
    sentence_bounds = [
        (document.sentences[i].start, document.sentences[i].end, i)
        for i in piece.sentence_ids
        if document.sentences[i].start < document.sentences[i].end
    ]
    cuts = {piece.start, piece.end, *gaps}
    cuts.update(p for s, e, _ in sentence_bounds for p in (s, e))
    cuts.update(p for _, s, e in spans for p in (s, e))
    points = sorted(p for p in cuts if piece.start <= p <= piece.end)
    # Pieces per flag in this slice, so the first piece can carry the anchor id and the last one the number label.
    segments = list(zip(points, points[1:], strict=False))
    pieces_left = {item.index: sum(1 for a, b in segments if s <= a and b <= e and a < b) for item, s, e in spans}
    seen: set[int] = set()
    starts = {s: i for s, _, i in sentence_bounds}
    ends = {e for _, e, _ in sentence_bounds}
    out: list[str] = []
    in_sentence = False
    for position_index, position in enumerate(points):
        if in_sentence and position in ends:
            out.append("</span>")
            in_sentence = False
        for item in gaps.get(position, []):
            out.append(_gap_html(item, side, position, anchor_prefix))
        if position in starts and position < piece.end:
            if in_sentence:
                out.append("</span>")
            out.append(f'<span class="sent" data-sentence="{starts[position]}"{sentence_attrs(starts[position])}>')
            in_sentence = True
        if position_index + 1 >= len(points):
            break
        a, b = position, points[position_index + 1]
        if a == b:
            continue
        covering = sorted(
            ((item, s, e) for item, s, e in spans if s <= a and b <= e),
            key=lambda entry: (-(entry[2] - entry[1]), entry[0].index),
        )
        opened: list[str] = []
        for item, _, _ in covering:
            pieces_left[item.index] -= 1
            first = item.index not in seen
            seen.add(item.index)
            last = pieces_left[item.index] == 0
            opened.append(_mark_open(item, side, first, last, len(covering) > 1, anchor_prefix))
        out.append("".join(opened) + esc(text[a:b]) + "</mark>" * len(opened))
    if in_sentence:
        out.append("</span>")
    return "".join(out)


def _mark_open(item: Drawn, side: str, first: bool, last: bool, overlapping: bool, anchor_prefix: str) -> str:
    flag, index = item.flag, item.index
    start, end = flag_span(flag, side)  # type: ignore[misc]
    classes = ["hl", f"k-{css_ident(flag.kind)}"]
    if last:
        classes.append("last")
    if overlapping:
        classes.append("overlap")
    ident = f' id="{anchor_prefix}{index}"' if first and item.anchor else ""
    return (
        f'<mark{ident} class="{" ".join(classes)}" data-flag-index="{index}" data-kind="{esc(flag.kind)}" '
        f'data-side="{side}" data-start="{start}" data-end="{end}" data-n="{index + 1}" '
        f'title="{esc(tooltip(flag, index))}">'
    )


def _gap_html(item: Drawn, side: str, position: int, anchor_prefix: str) -> str:
    """A visible marker for an empty span (drawn by CSS, so copying the text does not pick up a fake glyph)."""
    flag, index = item.flag, item.index
    ident = f' id="{anchor_prefix}{index}"' if item.anchor else ""
    other = flag.source_text if side == "target" else flag.target_text
    label = f"missing here: {other}" if other else "something is missing here"
    return (
        f'<span{ident} class="gap k-{css_ident(flag.kind)}" role="img" aria-label="{esc(label)}" '
        f'data-flag-index="{index}" data-kind="{esc(flag.kind)}" data-side="{side}" data-start="{position}" '
        f'data-end="{position}" data-n="{index + 1}" title="{esc(tooltip(flag, index))}"></span>'
    )
