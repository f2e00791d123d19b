"""The `align sentences` command end to end with the real default model: seed story, formats, bad input."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from align.cli import app
from align.evaluation.strict_lax import parse_beads, score

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def _load_model_once(default_encoder):
    return default_encoder


def _invoke(*args: str):
    return runner.invoke(app, ["sentences", "--quiet", *args])


def test_seed_story_presplit_matches_gold_alignment():
    result = _invoke(
        str(SEEDS / "efe_coalition_es.sentences.txt"),
        str(SEEDS / "efe_coalition_en.sentences.txt"),
        "--presplit",
        "--format",
        "vecalign",
    )
    assert result.exit_code == 0, result.output
    predicted = parse_beads(result.stdout.splitlines(), "pred")
    gold = parse_beads((SEEDS / "efe_coalition_es_en.align").read_text().splitlines(), "gold")
    assert score([(gold, predicted)]).f1_strict == 1.0


@pytest.mark.parametrize("kept", [4, 6])
def test_wire_copy_cut_short_pairs_what_it_has_and_leaves_the_rest_of_the_original_unaligned(tmp_path: Path, kept: int):
    # Compared at the whole documents' length ratio, each Spanish sentence looked several times too long for its
    # English one, and the aligner spread four Spanish sentences over every English one to the end of the story.
    english = (SEEDS / "efe_coalition_en.sentences.txt").read_text(encoding="utf-8").splitlines()
    spanish = (SEEDS / "efe_coalition_es.sentences.txt").read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "cut_en.txt"
    cut.write_text("\n".join(english[:kept]) + "\n", encoding="utf-8")
    result = _invoke(str(SEEDS / "efe_coalition_es.sentences.txt"), str(cut), "--presplit", "--format", "vecalign")
    assert result.exit_code == 0, result.output
    beads = parse_beads(result.stdout.splitlines(), "pred")
    gold = parse_beads((SEEDS / "efe_coalition_es_en.align").read_text().splitlines(), "gold")
    assert [bead for bead in beads if bead[1]] == [bead for bead in gold if bead[1] and max(bead[1]) < kept]
    assert sum(len(source) for source, target in beads if not target) == len(spanish) - kept


@pytest.mark.parametrize("joins", ["tokens", "path", "shift", "embedded"])
def test_join_modes_match_the_seed_gold_and_say_so_in_the_signature(joins):
    result = _invoke(
        str(SEEDS / "efe_coalition_es.sentences.txt"),
        str(SEEDS / "efe_coalition_en.sentences.txt"),
        "--presplit",
        "--joins",
        joins,
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["signature"]["aligner"]["joins"] == joins
    assert payload["signature"]["sentence_splitter"] is None  # --presplit: the lines are the sentences
    predicted = [(tuple(b["source"]), tuple(b["target"])) for b in payload["beads"]]
    gold = parse_beads((SEEDS / "efe_coalition_es_en.align").read_text().splitlines(), "gold")
    assert score([(gold, predicted)]).f1_strict == 1.0


def test_an_unknown_join_mode_is_refused():
    result = _invoke(str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en.txt"), "--joins", "all")
    assert result.exit_code != 0


def test_seed_story_raw_text_json_offsets_and_signature():
    source, target = SEEDS / "efe_coalition_es.txt", SEEDS / "efe_coalition_en.txt"
    result = _invoke(str(source), str(target), "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["signature"]["model"]
    assert payload["signature"]["source_lang"] == "es" and payload["signature"]["target_lang"] == "en"
    assert payload["signature"]["aligner"]["joins"] == "tokens"  # the default, use-m3 composing joins
    from align.text.segment import RULES_VERSION

    assert payload["signature"]["sentence_splitter"].endswith(f"rules {RULES_VERSION}")  # raw text was split
    text = target.read_text(encoding="utf-8")
    sentences = payload["target"]["sentences"]
    assert text[sentences[0]["start"] : sentences[0]["end"]].startswith("Brussels (EFE).- Several countries")
    beads = payload["beads"]
    covered_src = sorted(i for b in beads for i in b["source"])
    covered_tgt = sorted(j for b in beads for j in b["target"])
    assert covered_src == list(range(len(payload["source"]["sentences"])))
    assert covered_tgt == list(range(len(sentences)))
    # The dropped-words sentence still pairs with its Spanish original.
    first = next(b for b in beads if 0 in b["target"])
    assert first["source"] == [0]


def test_tsv_and_output_file(tmp_path: Path):
    out = tmp_path / "seed.tsv"
    source, target = str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en.txt")
    result = _invoke(source, target, "-f", "tsv", "-o", str(out))
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("source_ids\ttarget_ids\tscore")
    assert all(len(line.split("\t")) == 5 for line in lines)


def test_refuses_to_overwrite_an_input(tmp_path: Path):
    src = tmp_path / "es.txt"
    src.write_text((SEEDS / "efe_coalition_es.txt").read_text(encoding="utf-8"), encoding="utf-8")
    before = src.read_bytes()
    result = _invoke(str(src), str(SEEDS / "efe_coalition_en.txt"), "-o", str(src))
    assert result.exit_code != 0
    assert src.read_bytes() == before


@pytest.mark.parametrize("value", ["inf", "-inf", "nan"])
def test_a_skip_that_is_not_a_finite_number_is_refused(value: str):
    result = _invoke(str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en.txt"), f"--skip={value}")
    assert result.exit_code == 2
    assert "--skip must be a finite number" in result.output and "Traceback" not in result.output


def test_a_positive_skip_is_refused_as_a_reward_for_leaving_sentences_out():
    """`--skip 0.2` for `--skip -0.2`: every weak bead came apart into unaligned sentences, with exit status 0."""
    result = _invoke(str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en.txt"), "--skip", "0.2")
    assert result.exit_code == 2
    assert "--skip must be 0 or negative" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("fmt", ["tmx", "xliff"])
def test_a_memory_as_both_inputs_is_its_source_against_its_target(tmp_path: Path, fmt: str):
    """Re-aligning a memory we wrote: the original reads its source side, the translation its target side (not
    the source again, which would match itself), each with the memory's own segments and no splitter."""
    memory = tmp_path / f"pair.{'xlf' if fmt == 'xliff' else fmt}"
    source, target = SEEDS / "efe_coalition_es.sentences.txt", SEEDS / "efe_coalition_en.sentences.txt"
    assert _invoke(str(source), str(target), "--presplit", "-f", fmt, "-o", str(memory)).exit_code == 0
    result = _invoke(str(memory), str(memory), "-f", "json")
    assert result.exit_code == 0, result.output
    written = json.loads(result.stdout)
    assert (written["source"]["lang"], written["target"]["lang"]) == ("es", "en")
    assert written["signature"]["presplit"] is True and written["signature"]["sentence_splitter"] is None
    bead_sizes = {(len(b["source"]), len(b["target"])) for b in written["beads"]}
    assert bead_sizes == {(1, 1)}  # one unit per bead of the seed alignment, each a sentence pair now


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("Der B\u00e4r f\u00e4hrt \u00fcber die Br\u00fccke.".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_files_give_one_line_and_nonzero_exit(tmp_path: Path, content: bytes, expected: str):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = _invoke(str(bad), str(SEEDS / "efe_coalition_en.txt"))
    assert result.exit_code == 2
    assert expected in result.output and str(bad) in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_path():
    result = _invoke("does/not/exist.txt", str(SEEDS / "efe_coalition_en.txt"))
    assert result.exit_code == 2
    assert "does/not/exist.txt: no such file" in result.output


def test_unknown_language_code():
    result = _invoke(str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en.txt"), "--source-lang", "xx")
    assert result.exit_code == 2
    assert "unknown language code 'xx'" in result.output


def test_language_the_model_does_not_cover(tmp_path: Path):
    # Yoruba is outside both embedded models' languages.
    yoruba = tmp_path / "yo.txt"
    yoruba.write_text(
        "Ọjọ́ àìkú ni wọ́n ṣe ìpàdé náà ní ìlú Bùrúsẹ́ẹ̀lì. Àwọn orílẹ̀-èdè púpọ̀ sọ pé àwọn yóò ràn Ukraine lọ́wọ́. "
        "Wọ́n sọ pé ó ṣe pàtàkì kí Amẹ́ríkà kópa nínú ètò náà.",
        encoding="utf-8",
    )
    result = _invoke(str(yoruba), str(SEEDS / "efe_coalition_en.txt"))
    assert result.exit_code == 2
    assert "is not covered by model" in result.output and str(yoruba) in result.output


def test_a_text_too_short_to_tell_its_language_says_so(tmp_path: Path):
    # "Hola." reads as Sesotho at 9%: no language to refuse, a guess to ask about.
    short = tmp_path / "short.txt"
    short.write_text("Hola.\n", encoding="utf-8")
    result = _invoke(str(short), str(SEEDS / "efe_coalition_en.txt"))
    assert result.exit_code == 2
    assert "cannot tell which language this is" in result.output and "--source-lang" in result.output
    assert "Traceback" not in result.output
    given = _invoke(str(short), str(SEEDS / "efe_coalition_en.txt"), "--source-lang", "es")
    assert given.exit_code == 0, given.output


def test_a_language_the_default_lacks_is_aligned_with_the_fallback_model(tmp_path: Path):
    english = tmp_path / "en.txt"
    english.write_text(
        "The ministers met in Brussels on Friday. They discussed military support for Ukraine. "
        "The next meeting will be held in March.",
        encoding="utf-8",
    )
    icelandic = tmp_path / "is.txt"
    icelandic.write_text(
        "Ráðherrarnir hittust í Brussel á föstudag. Þeir ræddu hernaðarlegan stuðning við Úkraínu. "
        "Næsti fundur verður haldinn í mars.",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["sentences", str(english), str(icelandic), "-f", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["signature"]["model"] == "e5-small"
    assert document["signature"]["target_lang"] == "is"
    assert [(b["source"], b["target"]) for b in document["beads"]] == [([0], [0]), ([1], [1]), ([2], [2])]
    assert "not covered by use-m3; reading both texts with e5-small" in result.stderr
    # Read again with the fallback from what was loaded: stdin cannot be read twice.
    piped = runner.invoke(
        app, ["sentences", "-", str(icelandic), "-f", "json"], input=english.read_text(encoding="utf-8")
    )
    assert piped.exit_code == 0, piped.output
    assert json.loads(piped.stdout)["beads"] == document["beads"]
    # Asked for by name, the default refuses the language and names the model that covers it.
    refused = _invoke(str(english), str(icelandic), "--model", "use-m3")
    assert refused.exit_code == 2
    assert "not covered by model use-m3" in refused.output and "e5-small covers" in refused.output


def test_one_megabyte_line_is_handled(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_text(("Ukraine needs security guarantees and the coalition met in Brussels " * 15_000)[:1_000_000])
    result = _invoke(str(big), str(SEEDS / "efe_coalition_en.txt"), "--source-lang", "en", "-f", "vecalign")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("\n") > 100


def test_missing_model_folder():
    result = _invoke(str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en.txt"), "--model", "/no/such/m")
    assert result.exit_code == 2
    assert result.output.strip() == "error: model /no/such/m: no such folder"


@pytest.mark.parametrize("offline", [False, True])
def test_hub_name_without_cache_or_hub_fails_fast_in_one_line(monkeypatch, offline):
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "ENDPOINT", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setattr("urllib.request.getproxies", dict)  # no proxy: the direct probe decides
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", offline)
    name = "no-such-org/no-such-model"
    result = _invoke(str(SEEDS / "efe_coalition_es.txt"), str(SEEDS / "efe_coalition_en.txt"), "--model", name)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    reason = "HF_HUB_OFFLINE is set" if offline else "http://127.0.0.1:9 cannot be reached"
    assert f"model {name}: not a local folder nor in the Hugging Face cache" in result.output
    assert reason in result.output


def test_the_table_shows_the_text_as_written(tmp_path):
    """The terminal table showed the encoder's text (Arabic without its vowel marks) and read "[bold]" in a sentence
    as markup."""
    arabic, english = tmp_path / "ar.txt", tmp_path / "en.txt"
    arabic.write_text("ذَهَبَ الوَلَدُ إِلَى المَدْرَسَةِ [bold]صَبَاحًا[/bold].\n", encoding="utf-8")
    english.write_text("The boy went to school [bold]in the morning[/bold].\n", encoding="utf-8")
    result = _invoke(str(arabic), str(english), "--presplit", "--source-lang", "ar", "--target-lang", "en")
    assert result.exit_code == 0, result.output
    assert "ذَهَبَ" in result.stdout and "[bold]in the morning[/bold]" in result.stdout


def test_without_format_the_output_file_s_extension_names_it(tmp_path):
    sources = (str(SEEDS / "efe_coalition_es.sentences.txt"), str(SEEDS / "efe_coalition_en.sentences.txt"))
    as_json = tmp_path / "beads.json"
    assert _invoke(*sources, "--presplit", "-o", str(as_json)).exit_code == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["beads"]
    as_text = tmp_path / "beads.json.txt"  # an extension that names no format: the default
    assert _invoke(*sources, "--presplit", "-o", str(as_text)).exit_code == 0
    assert not as_text.read_text(encoding="utf-8").startswith("{")
    given = tmp_path / "beads.tsv"  # --format wins over the extension
    assert _invoke(*sources, "--presplit", "-f", "vecalign", "-o", str(given)).exit_code == 0
    assert given.read_text(encoding="utf-8").startswith("[0]:[0]")


def test_json_of_an_extracted_input_carries_the_text_its_offsets_point_into(tmp_path):
    article = Path(__file__).resolve().parent / "fixtures" / "formats" / "article.md"
    plain = tmp_path / "plain.txt"
    plain.write_text("The coalition signed the agreement.\nThe document runs to 120 pages.\n", encoding="utf-8")
    result = _invoke(str(article), str(plain), "-f", "json")
    payload = json.loads(result.stdout)
    text = payload["source"]["text"]  # the Markdown's extracted text: the file itself does not hold it
    first = payload["source"]["sentences"][0]
    assert text[first["start"] : first["end"]].startswith("Coalition signs government agreement")
    assert "text" not in payload["target"]  # a plain file is its own text


def test_a_pair_that_is_no_translation_says_so(tmp_path):
    """A mis-paired manifest line gave a full alignment of unrelated texts with no word of warning."""
    other = tmp_path / "other.fr"
    lines = (Path(__file__).resolve().parent / "fixtures" / "test3.fr").read_text(encoding="utf-8").splitlines()
    other.write_text("\n".join(lines[:25]) + "\n", encoding="utf-8")
    spanish = str(SEEDS / "efe_coalition_es.sentences.txt")
    result = _invoke(spanish, str(other), "--presplit", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["related"] is False
    assert "does not read as a version of" in result.stderr
    result = _invoke(spanish, str(SEEDS / "efe_coalition_en.sentences.txt"), "--presplit", "-f", "json")
    assert json.loads(result.stdout)["related"] is True and "does not read" not in result.stderr


def test_a_text_of_rules_and_specks_alone_is_not_called_unrelated(tmp_path):
    debris = tmp_path / "rules.txt"
    debris.write_text("---\n\n* * *\n\n---\n", encoding="utf-8")
    result = _invoke(str(debris), str(debris), "--presplit", "--source-lang", "en", "--target-lang", "en", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["related"] is True and "does not read" not in result.stderr
