"""The `align sentences` formats by name: one dispatch for the command and batch, so their outputs match."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the pipeline imports torch; the writers must stay cheap to import
    from align.pipeline import SentenceAlignment


def render_alignment(result: SentenceAlignment, fmt: str) -> str:
    from align.reports import alignment_json, alignment_text, alignment_tsv, alignment_vecalign

    if fmt in ("tmx", "xliff"):
        from align.reports.tmx import render_tmx
        from align.reports.translation_units import units_from_alignment
        from align.reports.xliff import render_xliff

        units = units_from_alignment(result)
        source, target = result.source.language_tag, result.target.language_tag
        if fmt == "tmx":
            return render_tmx(units, source, target)
        return render_xliff(units, source, target, original=result.source.path)
    writers = {
        "text": alignment_text.render,
        "json": alignment_json.render,
        "tsv": alignment_tsv.render,
        "vecalign": alignment_vecalign.render,
    }
    return writers[fmt](result)
