"""Punctuation as bead boundary evidence (quotation marks, colon endings): read as each side writes it, used where
both sides use it."""

import numpy as np
import pytest

from align.alignment.boundaries import settle_boundaries
from align.alignment.punctuation import Punctuation, comparable, quotation_breaks
from align.alignment.sentence_aligner import AlignerConfig, SideInput, align_sentences


def _marks(texts):
    return Punctuation.of(texts).quote_marks.tolist()


def test_marks_are_counted_per_sentence_whatever_they_look_like():
    assert _marks(["«Ya», dijo.", "Nada.", "„Gut“, sagte er. “Hello”"]) == [0, 2, 2, 6]


def test_single_marks_are_quotation_marks_only_on_a_side_that_quotes_with_them():
    british = ["'It's late,' she said.", "'Don't go", "yet.'"]
    assert _marks(british) == [0, 2, 3, 4]  # "It's" and "Don't" are apostrophes
    french = ["« C' est l' heure », dit -il .", "Il part ."]  # tokenised elisions are no quotation marks
    assert _marks(french) == [0, 2, 2]


def test_colon_endings_are_read_past_closing_marks():
    ends = Punctuation.of(["Technische Angaben :", "Er sagte: «Ja»", "Il a dit : « Oui : »", "他说："]).colon_ends
    assert ends.tolist() == [True, False, True, True, False]


def test_a_cue_one_side_lacks_is_no_evidence():
    def quotes(texts):
        return Punctuation.of(texts).quote_count()

    assert comparable(quotes(["“Sí”, dijo.", "“No"]), quotes(["'Yes,' he said.", "'No"]))
    assert not comparable(quotes(["<Ja ) , sagte er ."]), quotes(["« Oui » , dit -il ."]))  # OCR lost the marks
    assert not comparable(quotes(["—Sí —dijo."]), quotes(["'Yes,' he said."]))  # dialogue set off by dashes
    assert not comparable(1, 1)  # one colon a side is too little to go by


def _orthonormal(count: int, dim: int = 64, seed: int = 0) -> np.ndarray:
    q, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(dim, count)))
    return q.T.astype(np.float32)


def _align_split_quotation(source_texts: list[str], quote_break: float) -> list[tuple[tuple[int, ...], ...]]:
    """Target sentence 2 opens the second quotation, but its vector leans to the first sentence's topic."""
    topics = _orthonormal(6)
    leaning = 0.9 * topics[1] + 0.1 * topics[2]
    source = topics[[0, 1, 2, 3]]
    target = np.stack([topics[0], topics[1], leaning / np.linalg.norm(leaning), topics[2], topics[3]])
    target_texts = [
        "Nothing quoted in this first one.",
        "'The first thing he says here,' he said.",
        "'Then the second",
        "thing he says,",
        "Nothing quoted here either, at the end.",
    ]
    config = AlignerConfig(joins="composed", quote_break=quote_break, colon_break=0.0)
    beads = align_sentences(SideInput(source_texts, source), SideInput(target_texts, target), config)
    return [(b.source, b.target) for b in beads]


SOURCE = [
    "Nothing quoted in this first sentence.",
    "“The first thing he says here,” he said.",
    "“Then the second thing he says,",
    "Nothing quoted here either, at the end.",
]


@pytest.mark.parametrize("quote_break", [0.0, AlignerConfig.quote_break])
def test_a_quotation_left_open_on_one_side_only_moves_the_boundary(quote_break):
    beads = _align_split_quotation(SOURCE, quote_break)
    if quote_break:
        assert beads[1:3] == [((1,), (1,)), ((2,), (2, 3))]
    else:  # the vectors alone put the opening of the second quotation with the first
        assert beads[1:3] == [((1,), (1, 2)), ((2,), (3,))]


def test_quotation_marks_lost_on_one_side_change_nothing():
    lost = [text.replace("“", "<").replace("”", ")") for text in SOURCE]
    assert _align_split_quotation(lost, AlignerConfig.quote_break) == _align_split_quotation(lost, 0.0)


def _vectors_by_word(texts):
    """Word "w3" is basis vector 3 (quotation marks aside): a word matches exactly the same word elsewhere."""
    basis = np.linalg.qr(np.random.default_rng(0).normal(size=(64, 64)))[0].T.astype(np.float32)
    return [np.stack([basis[int(word.strip("“”")[1:])] for word in text.split()]) for text in texts]


@pytest.mark.parametrize("breaks_counted", [True, False])
def test_word_evidence_does_not_move_a_boundary_across_a_quotation(breaks_counted):
    source = ["w1 w2", "“w3 w4", "w5 w6”"]
    target = ["w1 w2 w3 w4", "“w5 w6”"]  # the words of source 1 are in target 0, but its quotation goes on
    beads = [((0,), (0,)), ((1, 2), (1,))]
    breaks = quotation_breaks(Punctuation.of(source), Punctuation.of(target)) if breaks_counted else None
    settled = settle_boundaries(beads, source, target, _vectors_by_word, quotation_breaks=breaks)
    assert settled == (beads if breaks_counted else [((0, 1), (0,)), ((2,), (1,))])


def test_an_introduction_is_not_cut_from_what_it_introduces():
    topics = _orthonormal(6)
    leaning = 0.7 * topics[1] + 0.3 * topics[2]  # "techniques :" reads a little like the text it introduces
    source = topics[[0, 1, 2, 3, 4]]
    target = np.stack([topics[0], topics[1], leaning / np.linalg.norm(leaning), topics[2], topics[3], topics[4]])
    source_texts = ["Der Weg ist lang und steil .", "Angaben :", "Nordwand , 600 m , Schwierigkeit V .", "Zugang :"]
    target_texts = ["Le chemin est long et raide .", "Données", "techniques :", "Face nord , 600 m , difficulté V ."]
    source_texts.append("Von der Hütte in zwei Stunden .")
    target_texts += ["Accès :", "Depuis la cabane en deux heures ."]
    found = {}
    for colon_break in (0.0, AlignerConfig.colon_break):
        config = AlignerConfig(joins="composed", colon_break=colon_break)
        beads = align_sentences(SideInput(source_texts, source), SideInput(target_texts, target), config)
        found[colon_break] = [(b.source, b.target) for b in beads][1:3]
    assert found[AlignerConfig.colon_break] == [((1,), (1, 2)), ((2,), (3,))]
    assert found[0.0] == [((1,), (1,)), ((2,), (2, 3))]  # the vectors and lengths alone cut the label in two
