"""TSV: one bead a line, ids and texts on both sides, for spreadsheets and quick greps."""

from __future__ import annotations

from align.pipeline import SentenceAlignment


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def render(result: SentenceAlignment) -> str:
    lines = ["source_ids\ttarget_ids\tscore\tsource_text\ttarget_text"]
    for bead in result.beads:
        source = " ".join(result.source.sentences[i].text for i in bead.source)
        target = " ".join(result.target.sentences[j].text for j in bead.target)
        lines.append(
            f"{','.join(map(str, bead.source))}\t{','.join(map(str, bead.target))}\t{bead.score:.4f}\t"
            f"{_clean(source)}\t{_clean(target)}"
        )
    return "\n".join(lines) + "\n"
