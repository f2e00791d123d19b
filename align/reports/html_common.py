"""Pieces every HTML report shares: escaping, flag-kind colours and names, and a self-contained page shell.

The reports are opened by editors from mail attachments or shared drives, often offline, so a page must never
fetch anything: no external stylesheets, scripts, fonts or images. Everything lives inline in one file.
"""

from __future__ import annotations

import html
import re

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
    "garbled": "a heading run into the next sentence, or similar damage",
}


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
