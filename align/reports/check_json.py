"""JSON for `align check` (a public contract, documented in the README)."""

from __future__ import annotations

import json

from align.check import CheckResult
from align.detectors.base import Flag
from align.reports.alignment_json import document_json


def render(result: CheckResult) -> str:
    payload = {
        "signature": result.signature,
        "related": result.related,
        "pair_score": result.pair_score,
        "source": document_json(result.source),
        "target": document_json(result.target),
        "beads": [
            {"source": list(b.source), "target": list(b.target), "score": round(b.score, 4)} for b in result.beads
        ],
        "flags": [flag_json(f) for f in result.flags],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def flag_json(f: Flag) -> dict[str, object]:
    """One flag as the contract gives it (`align compare --check` uses the same shape; `bead` = its match)."""
    return {
        "kind": f.kind,
        "confidence": f.confidence,
        "bead": f.bead,
        "source_span": list(f.source_span) if f.source_span else None,
        "target_span": list(f.target_span) if f.target_span else None,
        "source_text": f.source_text,
        "target_text": f.target_text,
        "message": f.message,
    }
