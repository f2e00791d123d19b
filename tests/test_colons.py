"""Colon endings as bead boundary evidence: read past closing marks, used where both texts end sentences so nearby."""

import numpy as np

from align.alignment.colons import NEARBY, colon_breaks, colon_endings, comparable
from align.alignment.sentence_aligner import AlignerConfig, SideInput, align_sentences


def test_colon_endings_are_read_past_closing_marks():
    source, target = colon_endings(["Technische Angaben :", "Er sagte: «Ja»"], ["Il a dit : « Oui : »", "他说："])
    assert source.ends.tolist() == [True, False]
    assert target.ends.tolist() == [True, True]


def test_the_cue_counts_where_both_sides_use_it_about_as_often():
    assert comparable(np.array([2, 4, 1, 3]), np.array([4, 2, 1, 7])).tolist() == [True, True, False, False]


def test_a_stretch_where_one_side_never_ends_with_colons_says_nothing():
    # A long document whose first stretch ends labels with colons on both sides, and whose second stretch ends its
    # source lines with colons where the target ends them with semicolons (as the King James Bible's verses against
    # the Chinese Union Version's).
    first = 3 * NEARBY
    source = [f"Label {k} :" if k % 5 == 0 else f"Text {k} ." for k in range(first)]
    source += [f"Verse {k}:" if k % 5 == 0 else f"Verse {k}." for k in range(first)]
    target = [f"Étiquette {k} :" if k % 5 == 0 else f"Texte {k} ." for k in range(first)]
    target += [f"经文{k}；" if k % 5 == 0 else f"经文{k}。" for k in range(first)]
    src, tgt = colon_endings(source, target)
    label, verse = np.array([0]), np.array([first + 2 * NEARBY])
    assert colon_breaks(src, tgt, label, label + 1).tolist() == [[1.0]]  # a label cut from its text
    assert colon_breaks(src, tgt, verse, verse).tolist() == [[0.0]]  # the same there says nothing


def _orthonormal(count: int, dim: int = 64, seed: int = 0) -> np.ndarray:
    q, _ = np.linalg.qr(np.random.default_rng(seed).normal(size=(dim, count)))
    return q.T.astype(np.float32)


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
