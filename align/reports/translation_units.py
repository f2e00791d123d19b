"""Beads as translation units: the shape TMX and XLIFF writers (and the CAT tools behind them) understand.

Null beads (a sentence with no counterpart) are kept by default, as units with an empty side and
`needs_review=True`: in a check they are the omissions and additions a reviewer must see. Pass
`include_null=False` for a clean memory to import into a TM, where a half-empty unit is noise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the pipeline imports torch; the writers must stay cheap to import
    from align.alignment.beads import Bead
    from align.pipeline import SentenceAlignment
    from align.text.document import Document

# Code points XML 1.0 cannot carry at all (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class TranslationUnitData:
    """One unit: source and target text (either may be "" for a null bead), notes in order, and a unique id.

    `needs_review` is an addition with a default: XLIFF writes it as state="needs-review-translation" (TMX has no
    state, the notes carry the reason). Set it, e.g. with dataclasses.replace, when adding flag notes.
    """

    source: str
    target: str
    notes: list[str] = field(default_factory=list)
    id: str = ""
    needs_review: bool = False


def units_from_alignment(result: SentenceAlignment, include_null: bool = True) -> list[TranslationUnitData]:
    """One unit per bead, ids being the bead's 0-based position (as in the text and JSON reports).

    Sentences of a side are their file text (no-break spaces kept, line breaks as spaces), joined with a space as in
    the TSV report; a bead of blank lines only makes no unit. The first note always reads like
    "score 0.53, bead 2-1, source sentences 3-4, target sentence 5" (0-based sentence ids, as in the JSON).
    """
    units = []
    for number, bead in enumerate(result.beads):
        if bead.is_null and not include_null:
            continue
        source, target = result.source.passage(bead.source), result.target.passage(bead.target)
        if not xml_safe(source).strip() and not xml_safe(target).strip():
            continue  # blank lines of a --presplit file: nothing a memory could hold
        notes = [bead_note(bead), *_keys_note(result.source, bead.source)]
        if not bead.target:
            notes.append("unaligned: source sentence with no counterpart in the target")
        elif not bead.source:
            notes.append("unaligned: target sentence with no counterpart in the source")
        units.append(TranslationUnitData(source, target, notes, str(number), needs_review=bead.is_null))
    return units


def bead_note(bead: Bead) -> str:
    return (
        f"score {bead.score:.2f}, bead {bead.kind}, "
        f"{_sentences('source', bead.source)}, {_sentences('target', bead.target)}"
    )


def _keys_note(document: Document, ids: tuple[int, ...]) -> list[str]:
    """An app's strings: the keys of the bead's source strings, which a translation memory made from them is looked
    up by ("key: app.welcome")."""
    if document.unit_keys is None or document.units is None or not ids:
        return []
    keys = dict.fromkeys(document.unit_keys[document.units[i]] for i in ids)
    return ["key: " + ", ".join(keys)]


def _sentences(side: str, ids: tuple[int, ...]) -> str:
    if not ids:
        return f"no {side} sentence"
    if len(ids) == 1:
        return f"{side} sentence {ids[0]}"
    return f"{side} sentences {ids[0]}-{ids[-1]}"


def xml_safe(text: str) -> str:
    """Drop what XML 1.0 cannot hold: lxml would raise on it mid-file (stray control characters do occur in
    texts converted from old formats); both writers treat every string the same way."""
    return _NOT_XML.sub("", text)


def unique_notes(notes: list[str]) -> list[str]:
    """Notes stripped, empty ones dropped, repeats dropped: translate-toolkit does the same when it reads them back,
    so writing them that way keeps what we write and what is read back identical."""
    seen: dict[str, None] = {}
    for note in notes:
        text = xml_safe(note).strip()
        if text:
            seen.setdefault(text, None)
    return list(seen)
