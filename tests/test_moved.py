"""A passage moved elsewhere in the translation is reported as moved, with both places, not as missing and added;
a sentence really dropped and another really added stay what they are. On the seed story, with the real models."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.alignment.sentence_aligner import AlignerConfig
from align.check import check_documents
from align.pipeline import ReadOptions, read_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SPANISH = (SEEDS / "efe_coalition_es.sentences.txt").read_text(encoding="utf-8").splitlines()
ENGLISH = (SEEDS / "efe_coalition_en.sentences.txt").read_text(encoding="utf-8").splitlines()


def _check(tmp_path, english: list[str], default_encoder, word_aligner):
    source_path, target_path = tmp_path / "es.txt", tmp_path / "en.txt"
    source_path.write_text("\n".join(SPANISH) + "\n", encoding="utf-8")
    target_path.write_text("\n".join(english) + "\n", encoding="utf-8")
    source = read_document(str(source_path), ReadOptions(True, "es"), default_encoder)
    target = read_document(str(target_path), ReadOptions(True, "en"), default_encoder)
    result = check_documents(source, target, default_encoder, word_aligner, AlignerConfig(), presplit=True)
    return source, target, result.flags


def _sentence(document, span) -> int:
    (found,) = [k for k, s in enumerate(document.sentences) if s.start < span[1] and span[0] < s.end]
    return found


@pytest.fixture(scope="module")
def moved_check(tmp_path_factory, default_encoder, word_aligner):
    # English sentences 3 and 4 (Spanish 3 and 4) taken out and put back after sentence 11.
    english = ENGLISH[:3] + ENGLISH[5:12] + ENGLISH[3:5] + ENGLISH[12:]
    return (*_check(tmp_path_factory.mktemp("moved"), english, default_encoder, word_aligner), english)


def test_a_moved_passage_is_reported_as_moved_with_both_places(moved_check):
    source, target, flags, english = moved_check
    moved = [f for f in flags if f.kind == "moved"]
    pairs = sorted((_sentence(source, f.source_span), _sentence(target, f.target_span)) for f in moved)
    assert pairs == [(3, 10), (4, 11)]  # where English 3 and 4 now stand
    first = min(moved, key=lambda f: f.source_span)
    assert "It is also in the interest of the" in first.message  # says where, in the translation's own words
    assert target.sentences[10].text == english[10] == ENGLISH[3]


def test_a_moved_passage_is_neither_missing_nor_added(moved_check):
    source, target, flags, _ = moved_check
    missing = {_sentence(source, f.source_span) for f in flags if f.kind == "missing_sentence"}
    added = {_sentence(target, f.target_span) for f in flags if f.kind == "addition"}
    assert not missing & {3, 4}
    assert not added & {10, 11}


def test_a_dropped_and_an_unrelated_added_sentence_are_not_taken_for_a_move(tmp_path, default_encoder, word_aligner):
    inserted = "Heavy snow closed three airports in northern Norway on Sunday, stranding thousands of travellers."
    english = ENGLISH[:5] + ENGLISH[6:14] + [inserted] + ENGLISH[14:]  # Spanish 5's sentence dropped
    source, target, flags = _check(tmp_path, english, default_encoder, word_aligner)
    assert not [f for f in flags if f.kind == "moved"]
    missing = {_sentence(source, f.source_span) for f in flags if f.kind == "missing_sentence"}
    added = {_sentence(target, f.target_span) for f in flags if f.kind == "addition"}
    assert 5 in missing
    assert english.index(inserted) in added
