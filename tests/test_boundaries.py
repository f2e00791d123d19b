"""Bead boundaries settled by word evidence: on hand-made word vectors (each word a known direction), then on a real
sentence pair with the real word aligner."""

import numpy as np

from align.alignment.boundaries import BoundarySettings, settle_boundaries

DIM = 64
_BASIS = np.linalg.qr(np.random.default_rng(0).normal(size=(DIM, DIM)))[0].T.astype(np.float32)


def _vectors_by_word(texts):
    """A sentence "w3 w7" has the unit vectors of words 3 and 7: its words match exactly the same words elsewhere."""
    return [np.stack([_BASIS[int(word[1:])] for word in text.split()]) for text in texts]


def test_a_boundary_sentence_moves_to_the_bead_whose_words_it_shares():
    source = ["w1 w2", "w3 w4", "w5 w6"]
    target = ["w1 w2 w3 w4", "w5 w6"]
    # The sentence search put source 1 with the second bead; its words are in target 0.
    beads = [((0,), (0,)), ((1, 2), (1,))]
    settled = settle_boundaries(beads, source, target, _vectors_by_word)
    assert settled == [((0, 1), (0,)), ((2,), (1,))]


def test_neighbouring_one_to_one_beads_are_left_alone():
    source = ["w1 w2", "w3 w4"]
    target = ["w1 w2 w3", "w4"]  # word evidence would move "w3" if anything could
    beads = [((0,), (0,)), ((1,), (1,))]
    assert settle_boundaries(beads, source, target, _vectors_by_word) == beads


def test_a_move_must_gain_more_than_the_minimum():
    source = ["w1 w2", "w3 w4", "w5 w6"]
    target = ["w1 w2 w3", "w4 w5 w6"]  # source 1 is split evenly: no side gains
    beads = [((0,), (0,)), ((1, 2), (1,))]
    assert settle_boundaries(beads, source, target, _vectors_by_word, BoundarySettings(min_gain=0.5)) == beads


def test_the_unaligned_second_half_of_a_split_sentence_joins_its_first_half():
    source = ["w1 w2 w3 w4", "w5"]
    target = ["w1 w2", "w3 w4", "w5"]
    beads = [((0,), (0,)), ((), (1,)), ((1,), (2,))]
    assert settle_boundaries(beads, source, target, _vectors_by_word) == [((0,), (0, 1)), ((1,), (2,))]


def test_moves_stay_within_the_bead_shapes_the_aligner_allows():
    source = ["w1", "w2", "w3", "w4"]
    target = ["w1 w2 w3 w4", "w5"]
    beads = [((0, 1, 2), (0,)), ((3,), (1,))]
    narrow = BoundarySettings(max_side=3, max_total=4)
    assert settle_boundaries(beads, source, target, _vectors_by_word, narrow) == beads
    assert settle_boundaries(beads, source, target, _vectors_by_word) == [((0, 1, 2, 3), (0,)), ((), (1,))]


def test_real_words_put_a_split_sentence_back_together(word_aligner):
    source = [
        "El Gobierno aprobó ayer el presupuesto.",
        "La oposición votó en contra y anunció un recurso ante el Tribunal Constitucional.",
        "El debate duró seis horas.",
    ]
    target = [
        "The government approved the budget yesterday.",
        "The opposition voted against it.",
        "It announced an appeal to the Constitutional Court.",
        "The debate lasted six hours.",
    ]
    # Target 2 finishes source 1 but was laid with source 2.
    beads = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3))]
    settled = settle_boundaries(beads, source, target, word_aligner.token_vectors)
    assert settled == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


def test_windows_meet_so_a_move_across_their_border_is_still_made():
    source = ["w1 w2", "w3 w4", "w5 w6", "w7 w8", "w9 w10", "w11 w12"]
    target = ["w1 w2", "w3 w4", "w5 w6 w7 w8", "w9 w10", "w11 w12"]
    # Source 3 belongs with target 2; beads 2 and 3 fall in different windows of three beads.
    beads = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3, 4), (3,)), ((5,), (4,))]
    expected = [((0,), (0,)), ((1,), (1,)), ((2, 3), (2,)), ((4,), (3,)), ((5,), (4,))]
    assert settle_boundaries(beads, source, target, _vectors_by_word, BoundarySettings(window=3)) == expected
    assert settle_boundaries(beads, source, target, _vectors_by_word) == expected


def test_beads_the_sentence_search_scored_confidently_are_left_alone():
    source = ["w1 w2", "w3 w4", "w5 w6"]
    target = ["w1 w2 w3 w4", "w5 w6"]
    beads = [((0,), (0,)), ((1, 2), (1,))]
    confident = {((0,), (0,)): 0.6, ((1, 2), (1,)): 0.5}
    assert settle_boundaries(beads, source, target, _vectors_by_word, scores=confident) == beads
    doubtful = {((0,), (0,)): 0.6, ((1, 2), (1,)): 0.2}
    assert settle_boundaries(beads, source, target, _vectors_by_word, scores=doubtful) == [((0, 1), (0,)), ((2,), (1,))]


def _shared_words(source: str, target: str) -> float:
    """Stands in for a translation model: one nat for each word the two texts share."""
    return float(len(set(source.split()) & set(target.split())))


def test_pair_evidence_moves_a_boundary_sentence_to_the_bead_it_translates_into():
    source = ["w1 w2", "w3 w4", "w5 w6"]
    target = ["w1 w2 w3 w4", "w5 w6"]
    beads = [((0,), (0,)), ((1, 2), (1,))]
    settled = settle_boundaries(beads, source, target, None, pair_evidence=_shared_words)
    assert settled == [((0, 1), (0,)), ((2,), (1,))]


def test_pair_evidence_leaves_a_sentence_without_counterpart_unaligned():
    source = ["w1 w2", "w9 w10", "w5 w6"]  # source 1 says what no target sentence says
    target = ["w1 w2", "w5 w6"]
    beads = [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    assert settle_boundaries(beads, source, target, None, pair_evidence=_shared_words) == beads


def test_pair_evidence_that_abstains_leaves_the_beads_as_they_are():
    source = ["w1 w2", "w3 w4"]
    target = ["w1 w2 w3 w4", "w5"]
    beads = [((0, 1), (0,)), ((), (1,))]
    long_text = "w1 w2 w3 w4"  # stands for a bead past the model's token limit

    def evidence(source_text: str, target_text: str) -> float:
        return float("nan") if target_text == long_text else _shared_words(source_text, target_text)

    assert settle_boundaries(beads, source, target, None, pair_evidence=evidence) == beads
    # Read as 0 instead, the bead it cannot judge would lose to a move it can.
    zero = settle_boundaries(
        beads, source, target, None, pair_evidence=lambda s, t: evidence(s, t) if t != long_text else 0.0
    )
    assert zero != beads


def test_the_first_doubtful_pair_is_announced_once_and_only_where_there_is_one():
    said = []
    source = ["w1 w2", "w3 w4", "w5 w6"]
    target = ["w1 w2 w3 w4", "w5 w6"]
    doubtful = [((0,), (0,)), ((1, 2), (1,))]
    settle_boundaries(
        doubtful, source, target, None, pair_evidence=_shared_words, on_first_doubt=lambda: said.append(1)
    )
    assert said == [1]
    settle_boundaries(
        [((0,), (0,)), ((1,), (1,))],
        source[:2],
        target,
        None,
        pair_evidence=_shared_words,
        on_first_doubt=lambda: said.append(2),
    )
    assert said == [1]  # every bead 1-1: nothing to settle, nothing said
