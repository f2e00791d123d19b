"""The seed story's outlet versions against their gold coverage (seeds/coverage.gold.json): how many decisions
`align compare` gets right, and every one it gets wrong, with the sentences, so each can be explained.

    python bench/seed_compare.py [--model use-m3]

Inputs are the `.sentences.txt` files (the gold segmentation, fed --presplit), so ids match the gold. Decisions:
one status (full / partial / missing) per reference sentence and version, and one "added or not" per version
sentence.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from align.compare.model import Comparison
from align.compare.run import compare_files
from align.progress import set_quiet

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def report(result: Comparison, gold: dict) -> tuple[int, int, int, int]:
    """Print every wrong decision; return (status right, cells, added right, version sentences)."""
    status_right = cells = added_right = sentences = 0
    for version, name in zip(result.versions, gold["versions"], strict=True):
        document = version.document
        print(f"\n## v{version.index} {name}")
        for row in gold["coverage"]:
            i = row["reference_id"]
            truth = row["versions"][version.index]
            cell = version.cells[i]
            cells += 1
            if cell.status.value == truth["status"]:
                status_right += 1
                continue
            score = "none" if cell.score is None else f"{cell.score:.3f}"
            length = "none" if cell.log_length is None else f"{cell.log_length:.2f}"
            print(f"- ref {i}: gold {truth['status']} {truth['sentences']}, got {cell.status.value} "
                  f"{list(cell.sentences)} (score {score}, log length {length})")
            print(f"    ref: {_short(result.reference.sentences[i].text)}")
            for j in sorted(set(cell.sentences) | set(truth["sentences"])):
                print(f"    v{j}: {_short(document.sentences[j].text)}")
        expected = set(gold["added"][name])
        for j in range(len(document.sentences)):
            sentences += 1
            if (j in version.added) == (j in expected):
                added_right += 1
            else:
                got = "added" if j in version.added else "matched"
                print(f"- version sentence {j}: gold {'added' if j in expected else 'matched'}, got {got}: "
                      f"{_short(document.sentences[j].text)}")
    return status_right, cells, added_right, sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="use-m3")
    args = parser.parse_args()
    set_quiet(True)
    gold = json.loads((SEEDS / "coverage.gold.json").read_text(encoding="utf-8"))
    versions = [str(SEEDS / name.replace(".txt", ".sentences.txt")) for name in gold["versions"]]
    result = compare_files(str(SEEDS / "efe_coalition_es.sentences.txt"), versions, args.model, presplit=True)
    status_right, cells, added_right, sentences = report(result, gold)
    carried = sum(
        (result.versions[k].cells[row["reference_id"]].status.value == "missing") == (cell["status"] == "missing")
        for row in gold["coverage"]
        for k, cell in enumerate(row["versions"])
    )
    print(f"\nstatus (full/partial/missing): {status_right}/{cells} = {status_right / cells:.3f}")
    print(f"carried or missing: {carried}/{cells} = {carried / cells:.3f}")
    print(f"added or matched (version sentences): {added_right}/{sentences} = {added_right / sentences:.3f}")


if __name__ == "__main__":
    main()
