"""JSON for `align compare`, a public contract (documented in the README):

    {"signature": {...},
     "reference": {"path", "lang", "sentences": [{"id", "start", "end"}], "text" (extracted inputs only)},
     "versions": [{"path", "lang", "sentences": [...],
                   "matches": [{"reference": [ids], "version": [ids], "score"}],
                   "added": [version sentence ids], "related": true,
                   "flags": [...]}],   # only with --check
     "coverage": [{"reference_id", "versions": [{"version", "status", "sentences": [ids]}]}]}

Offsets are character offsets into each file's decoded text (also with --presplit; for Markdown, HTML, .docx, subtitles
and memories into the extracted text, which that side's "text" holds); `version` in coverage is an
index into `versions`; `related` is false where the version reads as unrelated to the reference (its matches score a
median under the calibrated floor, and read in order it is no version either): it then has no matches, every
sentence added. Status is "full" | "partial" |
"missing" | "skipped" (a line with no word or number that nothing carries: not content, counted in no share). With
`--check` each version also has `flags`, in `align check`'s flag shape (`bead` indexes that version's `matches`;
`source_span` is in the reference, `target_span` in the version). Exactly these keys, so consumers can validate.
"""

from __future__ import annotations

import json

from align.compare.model import Comparison
from align.reports.alignment_json import document_json
from align.reports.check_json import flag_json


def payload(result: Comparison) -> dict[str, object]:
    """The contract as plain data (tests and other writers use this rather than re-parsing text)."""
    versions = []
    for version in result.versions:
        entry = document_json(version.document)
        entry["matches"] = [
            {"reference": list(m.reference), "version": list(m.version), "score": m.score} for m in version.matches
        ]
        entry["added"] = list(version.added)
        entry["related"] = version.related
        if version.flags is not None:
            entry["flags"] = [flag_json(f) for f in version.flags]
        versions.append(entry)
    coverage = [
        {
            "reference_id": sentence.id,
            "versions": [
                {"version": cell.version, "status": cell.status.value, "sentences": list(cell.sentences)}
                for cell in result.row(number)
            ],
        }
        for number, sentence in enumerate(result.reference.sentences)
    ]
    return {
        "signature": result.signature,
        "reference": document_json(result.reference),
        "versions": versions,
        "coverage": coverage,
    }


def render(result: Comparison) -> str:
    return json.dumps(payload(result), ensure_ascii=False, indent=1) + "\n"
