from __future__ import annotations

import numpy as np

from align.alignment.beads import Bead
from align.alignment.debris import KeptRuns, is_debris, kept_sentences, with_debris
from align.alignment.sentence_aligner import AlignerConfig, SideInput, align_sentences


def _orthonormal(count: int, dim: int = 32) -> np.ndarray:
    q, _ = np.linalg.qr(np.random.default_rng(3).normal(size=(dim, count)))
    return q.T.astype(np.float32)


def test_lines_without_a_word_or_a_number_are_debris():
    for line in ("V", "■ ", ".-^ !", "- _-", "A", "r \\", "* , *^", ""):
        assert is_debris(line), line
    for line in ("EFE", "141", "1. 1950 :", "是。", "Hi!", "■ iv V V ."):
        assert not is_debris(line), line
    assert kept_sentences(["Hello.", "V", "141", "« . »"]).tolist() == [0, 2]


def test_a_debris_line_is_left_unaligned_and_the_pairs_around_it_stay():
    topics = _orthonormal(6)
    src = topics[[0, 1, 2, 3]]
    tgt = topics[[0, 1, 1, 2, 3]]  # the speck at 1 reads like its neighbour, so the search would join it
    texts_src = [f"source sentence number {i}" for i in range(4)]
    texts_tgt = ["target sentence zero", "V", "target sentence one", "target sentence two", "target sentence three"]
    config = AlignerConfig(joins="composed")
    beads = align_sentences(SideInput(texts_src, src), SideInput(texts_tgt, tgt), config)
    pairs = [(b.source, b.target) for b in beads]
    assert pairs == [((0,), (0,)), ((), (1,)), ((1,), (2,)), ((2,), (3,)), ((3,), (4,))]
    kept_in = align_sentences(
        SideInput(texts_src, src), SideInput(texts_tgt, tgt), AlignerConfig(joins="composed", debris_unaligned=False)
    )
    assert ((), (1,)) not in [(b.source, b.target) for b in kept_in]
    assert "debris_unaligned" in config.signature()


def test_debris_between_sentences_of_one_bead_joins_it_and_other_debris_stays_in_place():
    # Source 0 1 [2] 3 4, target 0 1 [2] [3] 4: kept source 0 1 3 4, kept target 0 1 4.
    source_kept, target_kept = np.array([0, 1, 3, 4]), np.array([0, 1, 4])
    beads = [Bead((0,), (0,), 0.5), Bead((1, 2), (1,), 0.4), Bead((3,), (2,), 0.3)]
    out = with_debris(beads, source_kept, 5, target_kept, 5)
    assert [(b.source, b.target) for b in out] == [
        ((0,), (0,)),
        ((1, 2, 3), (1,)),
        ((), (2,)),
        ((), (3,)),
        ((4,), (4,)),
    ]
    assert [b.score for b in out] == [0.5, 0.4, 0.0, 0.0, 0.3]


def test_the_same_debris_line_on_both_sides_is_one_bead():
    """A chapter's "I." (or a "*" between sections) in both texts: a 1-0 and a 0-1 bead, unaligned, before."""
    # Source [0] 1 [2] 3, target [0] 1 [2] [3] 4: "I." / "I.", then "*" / "*" and a speck the source lacks.
    source, target = ["I.", "La llegada", "*", "Fin."], ["I.", "The Arrival", "*", "~", "The end."]
    beads = [Bead((0,), (0,), 0.6), Bead((1,), (1,), 0.5)]
    same = lambda i, j: source[i] == target[j]  # noqa: E731
    out = with_debris(beads, np.array([1, 3]), 4, np.array([1, 4]), 5, same)
    assert [(b.source, b.target, b.score) for b in out] == [
        ((0,), (0,), 1.0),
        ((1,), (1,), 0.6),
        ((2,), (2,), 1.0),
        ((), (3,), 0.0),
        ((3,), (4,), 0.5),
    ]


class _Runs:
    """Joined runs of a 6-sentence document whose run vector names its first sentence and size."""

    def __init__(self) -> None:
        self.exact = np.zeros(5, dtype=bool)

    def vectors(self, starts: np.ndarray, size: int) -> np.ndarray:
        return np.stack([starts.astype(np.float32), np.full(len(starts), size, dtype=np.float32)], axis=1)

    def refine_seams(self, seams: np.ndarray) -> np.ndarray:
        fresh = np.unique(seams[~self.exact[seams]])
        self.exact[fresh] = True
        return fresh

    def is_exact(self, start: int, size: int) -> bool:
        return bool(self.exact[start : start + size - 1].all())


def test_kept_runs_read_the_document_run_from_first_to_last_kept_sentence():
    runs = _Runs()
    kept = KeptRuns(runs, np.array([0, 1, 3, 5]))  # sentences 2 and 4 are debris
    assert kept.vectors(np.array([0, 1, 2]), 2).tolist() == [[0, 2], [1, 3], [3, 3]]
    assert not kept.is_exact(1, 2)
    assert kept.refine_seams(np.array([1])).tolist() == [1]  # document seams 1 and 2
    assert runs.exact.tolist() == [False, True, True, False, False]
    assert kept.is_exact(1, 2) and not kept.is_exact(1, 3)
    assert kept.refine_seams(np.array([1])).tolist() == []


def test_with_the_embedded_encoder_ocr_specks_stay_unaligned_between_true_pairs(tmp_path, use_encoder):
    from align.pipeline import ReadOptions, align_documents, read_document

    source = tmp_path / "de.txt"
    target = tmp_path / "fr.txt"
    source.write_text(
        "Wir stiegen am frühen Morgen zur Hütte auf.\nDer Gletscher war hart gefroren.\n"
        "Am Mittag erreichten wir den Gipfel.\nDer Abstieg dauerte bis zum Abend.\n",
        encoding="utf-8",
    )
    target.write_text(
        "Nous sommes montés à la cabane tôt le matin.\n■ .\nV\nLe glacier était dur et gelé.\n"
        "A midi , nous avons atteint le sommet.\n.-^ !\nLa descente a duré jusqu'au soir.\n",
        encoding="utf-8",
    )
    documents = [
        read_document(str(path), ReadOptions(True, lang), use_encoder)
        for path, lang in ((source, "de"), (target, "fr"))
    ]
    beads = align_documents(*documents, use_encoder, AlignerConfig(), presplit=True).beads
    assert [(b.source, b.target) for b in beads] == [
        ((0,), (0,)),
        ((), (1,)),
        ((), (2,)),
        ((1,), (3,)),
        ((2,), (4,)),
        ((), (5,)),
        ((3,), (6,)),
    ]
