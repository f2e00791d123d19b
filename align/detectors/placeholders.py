"""placeholder_mismatch: a software string's format placeholder or markup tag ("%d", "%(name)s", "{count}", "<b>")
that the translation drops, adds or changes. The program fills them in or renders them: a dropped one loses a value
("Deleted %d files from %s." / "Se eliminaron %d archivos."), an added or changed one prints garbage or crashes it
("%s" read as "%d"). What counts as the same is align/text/placeholders.py's. The inline codes a reader keeps aside
from the text are compared too: a memory's inline tags (XLIFF's <x/>, <bpt>, <g>, TMX's <ph> ...) by element, id
and native markup, Markdown's inline code and link targets by what they say."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from align.detectors.base import BeadView, Detector, Flag
from align.detectors.gaps import target_gap_for_source
from align.text.document import Document, InlineCode
from align.text.placeholders import Placeholder, paired, placeholder_differences, unmatched


@dataclass(frozen=True)
class _Found:
    """One side's placeholder or code as a flag reports it: what a translator calls it, how it reads, its span in
    the file, and where it stands in the bead's text (a missing one's place in the target is found from it)."""

    sort: str
    label: str
    file_span: tuple[int, int]
    text_span: tuple[int, int]


class PlaceholderDetector(Detector):
    kind = "placeholder_mismatch"

    def detect(self, view: BeadView) -> list[Flag]:
        if view.bead.is_null:
            return []
        differences = [
            (_placeholder(view, d.source, "source"), _placeholder(view, d.target, "target"))
            for d in placeholder_differences(view.source.text, view.target.text)
        ]
        source = _codes_within(view.context.source, view.bead.source)
        target = _codes_within(view.context.target, view.bead.target)
        if source or target:
            changes = paired(unmatched(source, target), unmatched(target, source), lambda code: code.sort)
            differences += [(_code(view, lost, "source"), _code(view, extra, "target")) for lost, extra in changes]
        confidence = view.context.settings.placeholder_confidence
        return [self._flag(view, lost, extra, confidence) for lost, extra in differences]

    def _flag(self, view: BeadView, source: _Found | None, target: _Found | None, confidence: float) -> Flag:
        if target is not None:
            target_span = target.file_span
        else:
            assert source is not None
            gap = target_gap_for_source(view, *source.text_span)
            target_span = (gap, gap)
        if source and target:
            message = f"{source.sort} '{source.label}' became '{target.label}' in the target"
        elif source:
            message = f"source {source.sort} '{source.label}' missing in the target"
        else:
            assert target is not None
            message = f"target {target.sort} '{target.label}' not in the source"
        return Flag(
            self.kind,
            confidence,
            view.index,
            source.file_span if source else None,
            target_span,
            source.label if source else "",
            target.label if target else "",
            message,
        )


def _placeholder(view: BeadView, placeholder: Placeholder | None, side: str) -> _Found | None:
    if placeholder is None:
        return None
    text = view.source if side == "source" else view.target
    sort = "tag" if placeholder.is_tag else "placeholder"
    span = (placeholder.start, placeholder.end)
    return _Found(sort, placeholder.text, text.file_span(*span), span)


def _code(view: BeadView, code: InlineCode | None, side: str) -> _Found | None:
    if code is None:
        return None
    text = view.source if side == "source" else view.target
    at = text.text_offset(code.offset)
    return _Found(code.sort, code.label, (code.offset, code.offset + code.length), (at, at + code.length))


def _codes_within(document: Document, ids: tuple[int, ...]) -> list[InlineCode]:
    """The inline codes standing inside these sentences (at their ends included), in order."""
    codes = document.inline_codes
    if not codes:
        return []
    offsets = [code.offset for code in codes]
    out: list[InlineCode] = []
    for i in ids:
        sentence = document.sentences[i]
        out.extend(codes[bisect.bisect_left(offsets, sentence.start) : bisect.bisect_right(offsets, sentence.end)])
    return out
