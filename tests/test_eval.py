import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.evaluation.strict_lax import parse_beads, score

GOLD = "[0]:[0]\n[1, 2]:[1]\n[]:[2]\n[3]:[3, 4]\n[4]:[]\n"


def test_gold_against_itself_is_perfect():
    gold = parse_beads(GOLD.splitlines(), "gold")
    s = score([(gold, gold)])
    assert (s.precision_strict, s.recall_strict, s.f1_strict) == (1.0, 1.0, 1.0)
    assert (s.precision_lax, s.recall_lax, s.f1_lax) == (1.0, 1.0, 1.0)


def test_protocol_counts_by_hand():
    gold = parse_beads(GOLD.splitlines(), "gold")
    pred = parse_beads("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[3]\n[]:[4]\n[4]:[2]\n".splitlines(), "pred")
    s = score([(gold, pred)])
    # precision: 6 beads, 1 exact; lax: [1]:[1], [3]:[3] overlap gold; nulls and [4]:[2] do not.
    assert round(s.precision_strict, 4) == round(1 / 6, 4)
    assert round(s.precision_lax, 4) == round(3 / 6, 4)
    # recall: gold non-null beads 3, scored against predicted non-null beads; 1 exact, all 3 overlap.
    assert round(s.recall_strict, 4) == round(1 / 3, 4)
    assert round(s.recall_lax, 4) == 1.0


def test_cli_eval_gold_against_itself(tmp_path: Path):
    gold = tmp_path / "a.align"
    gold.write_text(GOLD)
    result = CliRunner().invoke(app, ["eval", str(gold), "--pred", str(gold)])
    assert result.exit_code == 0
    assert result.stdout.count("1.000") == 6


def test_textberg_gold_against_itself():
    root = Path(__file__).resolve().parents[2] / "shared" / "bench" / "data" / "textberg_de_fr" / "test"
    golds = sorted(root.glob("*.defr")) or sorted((Path(__file__).parent / "fixtures").glob("*.defr"))
    pairs = [(parse_beads(g.read_text().splitlines(), g.name),) * 2 for g in golds]
    assert pairs
    assert score(pairs).f1_strict == 1.0


def test_a_negative_sentence_id_is_a_parse_error() -> None:
    from align.errors import AlignError

    with pytest.raises(AlignError, match="pred:2: not a bead line"):
        parse_beads(["[0]:[0]", "[-1]:[1]"], "pred")


def test_cli_eval_json_names_the_files_it_scored(tmp_path: Path):
    """The table said nothing of what it was computed on; `--format json` was read as two more file names."""
    gold, pred = tmp_path / "g.align", tmp_path / "p.align"
    gold.write_text("[0]:[0]\n[1]:[1, 2]\n[2]:[]\n", encoding="utf-8")
    pred.write_text("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), "--pred", str(pred), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["documents"] == [{"gold": str(gold), "pred": str(pred), "gold_beads": 3, "predicted_beads": 4}]
    beads = [parse_beads(path.read_text().splitlines(), path.name) for path in (gold, pred)]
    expected = score([(beads[0], beads[1])])
    assert payload["strict"]["f1"] == expected.f1_strict and payload["lax"]["recall"] == expected.recall_lax
    twice = CliRunner().invoke(app, ["eval", "-", "--pred", "-"], input="[0]:[0]\n")
    assert twice.exit_code == 2 and "only one file can be '-'" in twice.output
