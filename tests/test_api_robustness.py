"""The Python API used from scripts and notebooks: what a researcher's walk through it found."""

import json
import sys
import threading
from dataclasses import asdict
from pathlib import Path

import pytest

from align import AlignerConfig, AlignError, ReadOptions, align_files, compare_files
from align.evaluation.strict_lax import parse_beads
from align.text.segment import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module", autouse=True)
def _load_model_once(default_encoder):
    return default_encoder


def test_threads_split_their_own_texts():
    """pysbd keeps the text it splits on its Segmenter: one shared per language made concurrent calls split each
    other's texts (17 of 60 splits of two seed texts wrong; sentence ids and beads changed between runs)."""
    texts = [(SEEDS / name).read_text(encoding="utf-8") for name in ("efe_coalition_en.txt", "outlet_b_en.txt")]
    expected = [[(s.start, s.end) for s in split_sentences(text, "en")] for text in texts]
    wrong: list[int] = []
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:

        def run(k: int) -> None:
            for _ in range(30):
                if [(s.start, s.end) for s in split_sentences(texts[k], "en")] != expected[k]:
                    wrong.append(k)

        threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert not wrong


def test_path_objects_give_plain_string_paths():
    """pathlib paths were kept as they came, so the result could not be written as JSON, TMX or text."""
    result = align_files(SEEDS / "efe_coalition_es.sentences.txt", SEEDS / "efe_coalition_en.sentences.txt")
    assert isinstance(result.source.path, str)
    json.dumps(asdict(result), default=float)


@pytest.mark.parametrize(
    "settings",
    [
        {"max_side": 0},
        {"max_side": 10},
        {"skip": float("nan")},
        {"skip": 0.2},
        {"skip_extend": 0.05},
        {"margin": float("inf")},
        {"joins": "bogus"},
        {"window": -3},
        {"max_first_pass_cells": 0},
        {"max_side": 2.5},
    ],
)
def test_aligner_settings_it_cannot_run_with_are_refused(settings):
    """They ended in IndexError, ZeroDivisionError or NaN in the signature deep inside the search."""
    with pytest.raises(AlignError, match="AlignerConfig"):
        AlignerConfig(**settings)


def test_bad_arguments_are_one_line_errors():
    with pytest.raises(AlignError, match="memory_side"):
        ReadOptions(memory_side="bogus")
    with pytest.raises(AlignError, match="empty file name"):
        align_files("", str(SEEDS / "efe_coalition_en.txt"))
    with pytest.raises(AlignError, match="only one input can be '-'"):
        align_files("-", "-")


def test_one_version_may_be_given_as_a_string():
    result = compare_files(
        str(SEEDS / "efe_coalition_es.sentences.txt"),
        str(SEEDS / "outlet_b_en.sentences.txt"),
        presplit=True,
        version_langs="en",
    )
    assert len(result.versions) == 1 and result.versions[0].document.lang == "en"


@pytest.mark.parametrize("line", ["[0.5]:[0]", '["0"]:[0]', "{0}:{0}", "[True]:[0]", "[0, 0]:[0]"])
def test_eval_refuses_ids_that_are_no_line_numbers(line):
    """They were scored: [0.5] as 0, [True] as 1, a set as a list, a repeated id as one."""
    with pytest.raises(AlignError, match="not a bead line"):
        parse_beads([line], "pred.align")


def test_checks_from_several_threads_give_what_one_thread_gives():
    """The word aligner is shared by the process's checks (loaded once), so calls from threads take turns with it."""
    from align import check_files

    pair = (str(SEEDS / "efe_coalition_es.sentences.txt"), str(SEEDS / "efe_coalition_en.sentences.txt"))
    options = ReadOptions(presplit=True)
    alone = check_files(*pair, source_options=options, target_options=options).flags
    results: list[list] = []

    def run() -> None:
        results.append(check_files(*pair, source_options=options, target_options=options).flags)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 3 and all(flags == alone for flags in results)
