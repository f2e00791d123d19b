"""Bigram surprise and the learned cut model: what a cut leaves behind ("in of training", "She a new car")
against ordinary junctions."""

import math

import pytest

from align.alignment.words import split_words
from align.detectors.calibration import word_model_dir
from align.detectors.junctions import inflection_surprise, load_cut_model, pair_surprises, surprise
from align.detectors.word_evidence import FEATURES, word_features


def test_cut_junctions_are_surprising_and_ordinary_ones_are_not():
    assert surprise("in", "of") > 3.0  # "also in [terms] of training"
    assert surprise("its", "and") > 3.0  # "about its [support] and backing"
    assert surprise("of", "the") == 0.0
    assert surprise("importance", "of") == 0.0


def test_rare_or_capitalised_words_say_nothing():
    assert surprise("the", "European") == 0.0  # the bigram counts come from lowercase text
    assert surprise("and", "convened") == 0.0  # too rare for an unseen pair to mean anything


def test_pairs_follow_the_tokens_and_other_languages_have_no_counts():
    tokens = "also in of training".split()
    values = pair_surprises(tokens, "en")
    assert len(values) == 3 and values.argmax() == 1
    assert pair_surprises(tokens, "fr") is None


def test_a_form_its_base_would_fit_far_better():
    assert inflection_surprise("to", "worked") > 3.5  # "to work" is what English writes
    assert inflection_surprise("to", "work") == 0.0
    assert inflection_surprise("its", "and") == 0.0  # too short to be an inflected form ("an" + d)
    # "to" is a preposition too: "when it comes to climbing", "corrections to votes"
    assert inflection_surprise("to", "climbing") == 0.0
    assert inflection_surprise("to", "votes") == 0.0
    assert inflection_surprise("must", "meeting") > 3.5


@pytest.mark.parametrize(
    ("clean", "cut", "junction"),
    [
        ("She bought a new car and drove it home.", "She a new car and drove it home.", ("She", "a")),
        (
            "The committee approved the budget after a long debate.",
            "The committee the budget after a long debate.",
            ("committee", "the"),
        ),
        (
            "The minister said the talks would continue next week.",
            "The minister said the talks would next week.",
            ("would", "next"),
        ),
    ],
)
def test_the_cut_model_finds_where_words_were_cut(word_aligner, clean, cut, junction):
    model = load_cut_model(word_model_dir(word_aligner.model))
    assert model is not None and "en" in model.languages

    def cut_probabilities(text):
        words = split_words(text)
        vectors = word_aligner.word_vectors([text], [words], layers=(word_aligner.layer,))[0][word_aligner.layer]
        return words, model.probabilities(vectors)

    words, probabilities = cut_probabilities(cut)
    peak = int(probabilities.argmax())
    assert (words[peak].text, words[peak + 1].text) == junction
    assert probabilities[peak] > cut_probabilities(clean)[1].max() + 0.1


def test_the_cut_feature_is_unknown_for_target_languages_the_model_is_not_used_for(word_aligner):
    column = FEATURES.index("gap_cut_probability")
    english = word_aligner.align("Ella compró un coche nuevo.", "She a new car.")
    french = word_aligner.align("Ella compró un coche nuevo.", "Elle une voiture neuve.")
    assert not math.isnan(word_features(english, "es", "en", word_aligner.model)[:, column].max())
    assert all(math.isnan(v) for v in word_features(french, "es", "fr", word_aligner.model)[:, column])
