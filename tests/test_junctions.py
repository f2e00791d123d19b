"""Bigram surprise: what a cut leaves behind in English ("in of training") against ordinary junctions."""

from align.detectors.junctions import inflection_surprise, pair_surprises, surprise


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
