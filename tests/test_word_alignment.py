"""Word aligner on the real e5 model: the links an omission check relies on, and word offsets."""

from __future__ import annotations

import numpy as np
import pytest

from align.alignment.words import (
    WordAligner,
    WordAlignment,
    _words_from_list,
    centred_vectors,
    extract_links,
    hub_corrected,
    similarity,
    split_words,
)


@pytest.fixture(scope="module")
def aligner() -> WordAligner:
    return WordAligner()


def _pairs(result: WordAlignment) -> set[tuple[str, str]]:
    return {(result.source[i].text, result.target[j].text) for i, j in result.links}


def test_split_words_keeps_offsets_numbers_and_punctuation() -> None:
    text = "Some 73.000 people (3,2%) don't cherry-pick «sí»."
    words = split_words(text)
    assert [w.text for w in words] == [
        "Some", "73.000", "people", "(", "3,2", "%", ")", "don't", "cherry-pick", "«", "sí", "»", ".",
    ]  # fmt: skip
    assert all(text[w.start : w.end] == w.text for w in words)
    assert split_words("  ") == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("zh", "英国和法国周二在伦敦召集了一次会议，EE.UU. 73.000人。", {"英国", "法国", "伦敦", "EE.UU.", "73.000"}),
        ("ja", "英国とフランスは火曜日にロンドンで会議を開いた。NATO", {"英国", "フランス", "ロンドン", "NATO"}),
        # Thai: newmm's words; an abbreviation ("มี.ค.", March) stays one word
        ("th", "ธนาคารจะไม่ลดอัตราดอกเบี้ยในวันที่ 12 มี.ค. 2567", {"ธนาคาร", "ไม่", "ลด", "อัตราดอกเบี้ย", "มี.ค.", "2567"}),
    ],
)
def test_split_words_segments_unspaced_languages_into_words(lang: str, text: str, expected: set[str]) -> None:
    words = split_words(text, lang)
    assert expected <= {w.text for w in words}
    assert all(text[w.start : w.end] == w.text for w in words)
    # Without the language the script decides (kana: Japanese, Han alone: Chinese), as in another language's text.
    assert split_words(text) == words
    assert split_words("Some people", lang) == split_words("Some people")


def test_chinese_words_link_to_english_words(aligner: WordAligner) -> None:
    pair = ("英国和法国周二在伦敦召集了一次会议。", "The United Kingdom and France met in London on Tuesday.")
    links = _pairs(aligner.align_many([pair], langs=("zh", "en"))[0])
    assert {("伦敦", "London"), ("周二", "Tuesday")} <= links


def test_names_link_across_languages(aligner: WordAligner) -> None:
    result = aligner.align(
        "The United Kingdom and France convened the meeting", "El Reino Unido y Francia convocaron la reunión"
    )
    pairs = _pairs(result)
    assert ("United", "Unido") in pairs
    assert ("France", "Francia") in pairs
    assert result.similarity.shape == (len(result.source), len(result.target))


def test_dropped_word_stays_unaligned(aligner: WordAligner) -> None:
    result = aligner.align(
        "El Reino Unido y Francia convocaron la reunión", "The United Kingdom and convened the meeting"
    )
    unaligned = [result.source[i].text for i in result.unaligned_source()]
    assert "Francia" in unaligned
    assert result.unaligned_target() == []


def test_numbers_link_across_separator_conventions(aligner: WordAligner) -> None:
    result = aligner.align("Asistieron unas 73.000 personas.", "About 73,000 people attended.")
    assert ("73.000", "73,000") in _pairs(result)


def test_pretokenised_and_batched_paths_agree(aligner: WordAligner) -> None:
    src, tgt = "The meeting ended .", "La reunión terminó ."
    words = aligner.align_words(src.split(), tgt.split())
    assert [(w.start, w.end) for w in words.target] == [(0, 2), (3, 10), (11, 18), (19, 20)]
    many = aligner.align_many([(src, tgt), ("France", "Francia")], batch_size=4)
    assert many[0].links == words.links == aligner.align(src, tgt).links
    assert many[1].links == [(0, 0)]


def test_recent_token_states_are_reused_within_a_budget(aligner: WordAligner, monkeypatch) -> None:
    encoded: list[str] = []
    run = aligner.encoder.run

    def counting(texts, layers):
        encoded.extend(texts)
        return run(texts, layers)

    monkeypatch.setattr(aligner.encoder, "run", counting)
    first = aligner.token_vectors(["El gato duerme en la cocina.", "The cat sleeps in the kitchen."])
    pair = aligner.align("El gato duerme en la cocina.", "The cat sleeps in the kitchen.")
    assert len(encoded) == 2  # the pair's texts were seen by token_vectors: no second forward pass
    assert ("gato", "cat") in _pairs(pair)
    assert aligner.token_vectors(["El gato duerme en la cocina."])[0].shape == first[0].shape

    monkeypatch.setattr(aligner._recent, "budget", 12)
    aligner.token_vectors(["Un texto bastante largo con muchas palabras distintas para llenar el presupuesto."])
    assert aligner._recent.tokens <= 12 or len(aligner._recent) == 1


def test_a_sentence_and_its_span_with_trailing_space_share_token_states(aligner: WordAligner, monkeypatch) -> None:
    aligner.token_vectors(["Los precios subieron un tres por ciento."])
    assert "Los precios subieron un tres por ciento." in aligner._recent
    encoded: list[str] = []
    run = aligner.encoder.run

    def counting(texts, layers):
        encoded.extend(texts)
        return run(texts, layers)

    monkeypatch.setattr(aligner.encoder, "run", counting)
    aligner.align("Los precios subieron un tres por ciento. ", "Prices rose three percent.")
    assert encoded == [aligner.prefix + "Prices rose three percent."]  # only the English sentence was new
    assert "Prices rose three percent." not in aligner._recent  # word alignment reads kept states, keeps none


def test_words_past_what_the_encoder_reads_are_left_out(aligner: WordAligner) -> None:
    """A presplit line of thousands of words: only the words the encoder saw are aligned (and can be flagged), so
    no matrix of every word against every word is built (one 200 KB line took 15 GB)."""
    source = " ".join(["Der Hund schläft im Garten."] * 2000)
    target = " ".join(["The dog sleeps in the garden."] * 2000)
    result = aligner.align(source, target)
    assert result.cut
    assert 0 < len(result.source) <= aligner.max_length and 0 < len(result.target) <= aligner.max_length
    assert result.similarity.shape == (len(result.source), len(result.target))
    assert ("Hund", "dog") in _pairs(result)
    assert not aligner.align("Der Hund schläft.", "The dog sleeps.").cut
    assert not aligner.align("Der Hund schläft.\u200e", "The dog sleeps.").cut  # a trailing mark with no subword


def test_numbers_in_unspaced_text_are_words_of_their_own() -> None:
    text = "欧洲有7.3万名军人，50个国家。"
    words = [w.text for w in split_words(text, "zh")]
    assert words == ["欧洲", "有", "7.3万", "名", "军人", "，", "50", "个", "国家", "。"]
    assert "50" in [w.text for w in split_words("50か国が参加した。", "ja")]


def test_centring_removes_most_of_a_sentence_mean_and_spares_a_lone_word() -> None:
    rows = np.array([[1.0, 2.0], [3.0, 2.0], [0.0, 0.0], [2.0, 2.0]])  # a zero row: a word cut by max_length
    centred = centred_vectors(rows)
    assert np.allclose(centred[[0, 1, 3]].mean(axis=0), rows[[0, 1, 3]].mean(axis=0) / 4)  # n / (n + 1) removed
    assert not centred[2].any()
    lone = centred_vectors(np.array([[3.0, 4.0]]))
    assert np.allclose(lone / np.linalg.norm(lone), [0.6, 0.8])


def test_links_come_from_centred_vectors_and_the_kept_similarity_is_the_plain_cosine(aligner: WordAligner) -> None:
    src, tgt = "El comité aprobó ayer el presupuesto .".split(), "The committee approved the budget yesterday .".split()
    result = aligner.align_words(src, tgt)
    texts = [_words_from_list(src), _words_from_list(tgt)]
    vectors = [v[aligner.layer] for v in aligner.word_vectors([t for t, _ in texts], [w for _, w in texts], (7,))]
    assert aligner.centred and aligner.signature()["centred"] is True
    assert np.allclose(result.similarity, similarity(*vectors))
    assert result.links == extract_links(similarity(*map(centred_vectors, vectors)), aligner.method)
    assert ("presupuesto", "budget") in _pairs(result)


def test_plain_links_are_the_cosines_own_when_links_were_centred(aligner: WordAligner) -> None:
    source = "El dengue puede transmitirse por productos sanguíneos infectados."
    result = aligner.align(source, "Dengue can be transmitted")
    assert result.cosine_links is not None
    assert result.plain_links() == extract_links(result.similarity, aligner.method)
    uncentred = WordAlignment(result.source, result.target, result.links, result.similarity)
    assert uncentred.plain_links() == result.links


def test_softmax_extraction_gives_a_word_two_partners_where_argmax_gives_one() -> None:
    # "alto el fuego" / "ceasefire": one target word as close to two source words.
    sim = np.array([[0.9, 0.1, 0.0], [0.1, 0.8, 0.1], [0.1, 0.8, 0.1], [0.0, 0.1, 0.9]], dtype=np.float32)
    assert extract_links(sim, "argmax") == [(0, 0), (1, 1), (3, 2)]
    assert extract_links(sim, "softmax") == [(0, 0), (1, 1), (2, 1), (3, 2)]


def test_hub_correction_stops_a_word_close_to_everything_taking_a_link() -> None:
    # Target 0 is a hub: close to every source word, a little closer to source 1 than target 1 is.
    sim = np.array([[0.80, 0.30, 0.10], [0.82, 0.80, 0.10], [0.75, 0.10, 0.90]], dtype=np.float32)
    assert (1, 0) in extract_links(sim, "argmax") and (1, 1) not in extract_links(sim, "argmax")
    corrected = hub_corrected(sim, 1.0)
    assert (1, 1) in extract_links(corrected, "argmax") and (1, 0) not in extract_links(corrected, "argmax")
