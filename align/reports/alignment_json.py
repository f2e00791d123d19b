"""JSON for sentence alignments: sentences with offsets into the decoded files, beads with scores, a signature."""

from __future__ import annotations

import json

from align.pipeline import SentenceAlignment
from align.text.document import Document


def document_json(document: Document) -> dict[str, object]:
    """A side as the JSON contracts give it; with the extracted text its offsets point into where the input was
    Markdown, HTML, .docx, subtitles or a memory (the file does not hold that text)."""
    out: dict[str, object] = {
        "path": document.path,
        "lang": document.lang,
        "sentences": [_sentence_json(document, s.id) for s in document.sentences],
    }
    if document.extracted:
        out["text"] = document.text
    return out


def _sentence_json(document: Document, sentence_id: int) -> dict[str, object]:
    """Its offsets; a subtitle sentence also when it is on screen, in seconds from its first cue's start to its last
    cue's end."""
    sentence = document.sentences[sentence_id]
    out: dict[str, object] = {"id": sentence.id, "start": sentence.start, "end": sentence.end}
    time = document.sentence_time(sentence_id)
    if time is not None:
        out["time"] = list(time)
    return out


def render(result: SentenceAlignment) -> str:
    payload = {
        "signature": result.signature,
        "related": result.related,
        "source": document_json(result.source),
        "target": document_json(result.target),
        "beads": [
            {"source": list(b.source), "target": list(b.target), "score": round(b.score, 4)} for b in result.beads
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
