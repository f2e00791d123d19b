"""A translator's workflow with CAT tools: memories read by language and role, written back with their locales, their
spacing and only units a TM can hold (faults a translator's walk through the formats found)."""

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import tmx
from typer.testing import CliRunner

from align.cli import app
from align.errors import AlignError
from align.reports.output import write_output
from align.text.formats import load_input

runner = CliRunner()

ES = ["La empresa anunció beneficios.", "El consejo aprobó el informe anual.", "Los accionistas votaron a favor."]
EN = ["The company announced a profit.", "The board approved the annual report.", "Shareholders voted in favour."]
FR = [
    "L'entreprise a annoncé un bénéfice.",
    "Le conseil a approuvé le rapport annuel.",
    "Les actionnaires ont voté pour.",
]


@pytest.fixture(scope="module", autouse=True)
def _load_model_once(default_encoder):
    return default_encoder


def _tmx(path: Path, header_lang: str, units: list[dict[str, str]]) -> str:
    body = "".join(
        "<tu>" + "".join(f'<tuv xml:lang="{code}"><seg>{text}</seg></tuv>' for code, text in unit.items()) + "</tu>"
        for unit in units
    )
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="{header_lang}" '
        'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>'
        f"<body>{body}</body></tmx>",
        encoding="utf-8",
    )
    return str(path)


def _written_languages(content: str) -> list[tuple[str, str]]:
    root = etree.fromstring(content.encode("utf-8"))
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    return [(tuv.get(xml_lang), tuv.findtext("seg")) for tuv in root.iter("tuv")]


def test_a_language_asked_for_picks_that_side_of_a_memory(tmp_path):
    """--source-lang/--target-lang on a TMX choose its <tuv>s (they relabelled whatever the role gave: French
    written as "en" in an OmegaT memory of three languages)."""
    path = _tmx(
        tmp_path / "multi.tmx",
        "*all*",
        [{"fr-FR": f, "en-GB": e, "es-ES": s} for f, e, s in zip(FR, EN, ES, strict=True)],
    )
    assert load_input(path, "source", "en").text.split("\n") == EN
    assert load_input(path, "target", "es").text.split("\n") == ES
    assert load_input(path, "source").lang_tag == "fr-FR"  # no language asked: the first met, as before
    with pytest.raises(AlignError, match=r"no 'de' text in this TMX \(its languages: fr-FR, en-GB, es-ES\)"):
        load_input(path, "target", "de")
    result = runner.invoke(
        app, ["sentences", "-q", path, path, "-f", "tmx", "--source-lang", "en", "--target-lang", "es"]
    )
    assert result.exit_code == 0, result.output
    assert _written_languages(result.stdout)[:2] == [("en-GB", EN[0]), ("es-ES", ES[0])]


def test_the_header_language_matches_units_by_language(tmp_path):
    """srclang="en" with <tuv xml:lang="en-US">: the memory is English to Spanish even where a unit lists Spanish
    first (it was read backwards)."""
    path = _tmx(tmp_path / "m.tmx", "en", [{"es-ES": s, "en-US": e} for s, e in zip(ES, EN, strict=True)])
    source, target = load_input(path, "source"), load_input(path, "target")
    assert (source.lang_tag, target.lang_tag) == ("en-US", "es-ES")
    assert source.text.split("\n") == EN


def test_locales_are_kept_in_the_memories_written(tmp_path):
    """en-US against en-GB is a localisation pair a CAT tool keeps apart; region and script subtags were dropped
    (and two English sides refused as one language)."""
    us, gb = tmp_path / "us.txt", tmp_path / "gb.txt"
    us.write_text("The color of the center.\nWe organized it.\n", encoding="utf-8")
    gb.write_text("The colour of the centre.\nWe organised it.\n", encoding="utf-8")
    args = ["sentences", "-q", str(us), str(gb), "--presplit", "--source-lang", "en-us", "--target-lang", "en_GB"]
    result = runner.invoke(app, [*args, "-f", "tmx"])
    assert result.exit_code == 0, result.output
    assert [code for code, _ in _written_languages(result.stdout)] == ["en-US", "en-GB"] * 2
    result = runner.invoke(app, [*args, "-f", "xliff"])
    assert result.exit_code == 0, result.output
    assert 'source-language="en-US"' in result.stdout and 'target-language="en-GB"' in result.stdout
    # A memory's own codes are written back as they were.
    path = _tmx(tmp_path / "trados.tmx", "en-US", [{"en-US": e, "es-ES": s} for e, s in zip(EN, ES, strict=True)])
    result = runner.invoke(app, ["sentences", "-q", path, path, "-f", "tmx"])
    assert result.exit_code == 0, result.output
    assert _written_languages(result.stdout)[:2] == [("en-US", EN[0]), ("es-ES", ES[0])]


def test_a_one_language_memory_is_not_checked_against_itself(tmp_path):
    path = _tmx(tmp_path / "one.tmx", "en", [{"en": e} for e in EN])
    result = runner.invoke(app, ["check", "-q", path, path])
    assert result.exit_code == 2
    assert "both sides read as the same text (en); nothing to check it against" in result.output
    assert "Traceback" not in result.output


def test_memory_segments_keep_their_spacing_and_line_break_placeholders(tmp_path):
    """No-break spaces (French « oui », 10 000) are the segment's own: a memory written from them must match the
    document; a line-break placeholder separates words (it glued "report" and "was")."""
    en = 'She said: “yes”.<ph type="lb"/>The annual report<ph>&lt;br/&gt;</ph>was approved.'
    fr = 'Elle a dit\u00a0: «\u202foui\u202f».<ph type="lb"/>Le rapport annuel a été approuvé, 10\u00a0000 €.'
    path = _tmx(tmp_path / "nbsp.tmx", "en", [{"en": en, "fr": fr}])
    assert load_input(path, "source").text == "She said: “yes”. The annual report was approved."
    assert (
        load_input(path, "target").text
        == "Elle a dit\u00a0: «\u202foui\u202f». Le rapport annuel a été approuvé, 10\u00a0000 €."
    )
    result = runner.invoke(app, ["sentences", "-q", path, path, "-f", "tmx"])
    assert result.exit_code == 0, result.output
    assert "10\u00a0000" in result.stdout and "dit\u00a0:" in result.stdout
    tsv = runner.invoke(app, ["sentences", "-q", path, path, "-f", "tsv"])
    assert "10\u00a0000" in tsv.stdout


def test_tsv_cells_with_quotes_read_back_in_csv_readers(tmp_path):
    """A sentence opening with a quotation mark swallowed the rest of the file in every CSV reader."""
    en, es = tmp_path / "en.txt", tmp_path / "es.txt"
    en.write_text('"Yes," he said, "the profit rose.\nThe board met.\nIt voted.\n', encoding="utf-8")
    es.write_text('"Sí", dijo, "el beneficio subió.\nEl consejo se reunió.\nVotó.\n', encoding="utf-8")
    result = runner.invoke(app, ["sentences", "-q", str(en), str(es), "--presplit", "-f", "tsv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter="\t"))
    assert len(rows) == 4 and all(len(row) == 5 for row in rows)
    assert rows[1][3] == '"Yes," he said, "the profit rose.'


def test_blank_lines_make_no_empty_units(tmp_path):
    """Blank lines of a --presplit file made <tu>s holding only notes, which the TMX 1.4 DTD forbids."""
    en, es = tmp_path / "en.txt", tmp_path / "es.txt"
    en.write_text("\n".join([EN[0], "", EN[1], "   ", EN[2]]) + "\n", encoding="utf-8")
    es.write_text("\n".join([ES[0], ES[1], "", ES[2]]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["sentences", "-q", str(en), str(es), "--presplit", "-f", "tmx"])
    assert result.exit_code == 0, result.output
    root = etree.fromstring(result.stdout.encode("utf-8"))
    units = list(root.iter("tu"))
    assert len(units) == 3 and all(unit.find("tuv") is not None for unit in units)
    assert len(tmx.tmxfile.parsestring(result.stdout.encode("utf-8")).units) == 3


def test_a_replaced_output_keeps_its_permissions(tmp_path):
    private = tmp_path / "client.tmx"
    private.write_text("old", encoding="utf-8")
    os.chmod(private, 0o600)
    write_output("new", str(private))
    assert private.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_a_po_header_unit_is_not_a_sentence(tmp_path):
    path = tmp_path / "tt.xlf"
    path.write_text(
        '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a" source-language="en" target-language="es" datatype="po"><body>'
        '<trans-unit id="h" restype="x-gettext-domain-header"><source>Content-Type: text/plain</source>'
        "<target>Content-Type: text/plain; charset=UTF-8</target></trans-unit>"
        f'<trans-unit id="1"><source>{EN[0]}</source><target>{ES[0]}</target></trans-unit>'
        "</body></file></xliff>",
        encoding="utf-8",
    )
    assert load_input(str(path), "source").text == EN[0]
    assert load_input(str(path), "target").text == ES[0]


def _seed_pairs() -> list[tuple[str, str]]:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    spanish = (seeds / "efe_coalition_es.sentences.txt").read_text(encoding="utf-8").splitlines()
    beads = [line.split(":") for line in (seeds / "efe_coalition_es_en.align").read_text().splitlines()]
    received = (seeds / "efe_coalition_en.sentences.txt").read_text(encoding="utf-8").splitlines()
    pairs = []
    for source, target in beads:
        s, t = json.loads(source), json.loads(target)
        if len(s) == 1 and len(t) == 1:
            pairs.append((spanish[s[0]], received[t[0]]))
    assert len(pairs) > 15  # the received copy's 1-1 pairs: a memory a wire desk might keep
    return pairs[:16]


def _memory_of(path: Path, pairs: list[tuple[str, str]]) -> str:
    from align.reports.tmx import render_tmx
    from align.reports.translation_units import TranslationUnitData

    units = [TranslationUnitData(s, t, id=str(k)) for k, (s, t) in enumerate(pairs)]
    path.write_text(render_tmx(units, "es-ES", "en-GB"), encoding="utf-8")
    return str(path)


def test_re_checking_a_memory_names_the_units_it_pairs_wrongly(tmp_path):
    """`align check memory.tmx memory.tmx` realigned the two sides and checked the realignment, so a memory whose
    pairs had slipped by one unit passed with 0 flags."""
    pairs = _seed_pairs()
    faithful = _memory_of(tmp_path / "right.tmx", pairs)
    result = runner.invoke(app, ["check", "-q", faithful, faithful, "-f", "json", "--min-confidence", "0"])
    assert result.exit_code in (0, 1), result.output
    assert not [f for f in json.loads(result.stdout)["flags"] if f["kind"] == "misaligned"]

    shifted = list(pairs)
    shifted[5:9] = [(pairs[k][0], pairs[k - 1][1]) for k in range(5, 9)]  # units 6-9 hold their predecessor's target
    swapped = list(pairs)
    swapped[2], swapped[13] = (pairs[2][0], pairs[13][1]), (pairs[13][0], pairs[2][1])
    neighbours = list(pairs)  # joined into one bead by the realignment, which kept both targets beside their sources
    neighbours[10], neighbours[11] = (pairs[10][0], pairs[11][1]), (pairs[11][0], pairs[10][1])
    cases = (("shifted", shifted, {6, 7, 8, 9}), ("swapped", swapped, {3, 14}), ("neighbours", neighbours, {11, 12}))
    for name, damaged, wrong in cases:
        path = _memory_of(tmp_path / f"{name}.tmx", damaged)
        result = runner.invoke(app, ["check", "-q", path, path, "-f", "json"])
        assert result.exit_code == 1, result.output
        payload = json.loads(result.stdout)
        flags = [f for f in payload["flags"] if f["kind"] == "misaligned"]
        named = {int(f["message"].split()[1]) for f in flags}
        assert named == wrong, (name, [f["message"] for f in flags])
        assert {f["source_text"] for f in flags} == {damaged[unit - 1][0] for unit in wrong}
    # The same memory however its path is spelt.
    swapped_path = str(tmp_path / "swapped.tmx")
    respelt = runner.invoke(app, ["check", "-q", swapped_path, f"{tmp_path}/./swapped.tmx", "-f", "json"])
    assert {int(f["message"].split()[1]) for f in json.loads(respelt.stdout)["flags"] if f["kind"] == "misaligned"} == {
        3,
        14,
    }


def test_naming_one_language_of_a_memory_gives_the_other_role_the_other_side(tmp_path):
    """`align check two.tmx two.tmx --source-lang fr` read French for both roles and refused the memory."""
    path = _tmx(tmp_path / "two.tmx", "en", [{"en": e, "fr": f} for e, f in zip(EN, FR, strict=True)])
    for option in (["--source-lang", "fr"], ["--target-lang", "en"]):
        result = runner.invoke(app, ["sentences", "-q", path, path, "-f", "json", *option])
        assert result.exit_code == 0, result.output
        payload = json.loads(result.stdout)
        assert (payload["source"]["lang"], payload["target"]["lang"]) == ("fr", "en"), option


def test_internal_entities_are_written_out_and_external_ones_never_loaded(tmp_path):
    """translate-toolkit dropped every entity reference: "The company &co; reported" read "The company  reported"."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")

    def memory(name: str, extra: str, use: str) -> str:
        path = tmp_path / name
        path.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<!DOCTYPE tmx [ <!ENTITY co "ACME Corporation"> {extra}]><tmx version="1.4">'
            '<header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" '
            'creationtoolversion="1" o-tmf="t"/><body><tu>'
            f'<tuv xml:lang="en"><seg>The company &co; reported a profit.{use}</seg></tuv>'
            '<tuv xml:lang="es"><seg>La empresa &co; anunció beneficios.</seg></tuv></tu></body></tmx>',
            encoding="utf-8",
        )
        return str(path)

    internal = memory("internal.tmx", "", "")
    assert load_input(internal).text == "The company ACME Corporation reported a profit."
    assert load_input(internal, "target").text == "La empresa ACME Corporation anunció beneficios."
    external = memory("external.tmx", f'<!ENTITY ext SYSTEM "file://{secret}">', " &ext;")
    assert "SECRET" not in load_input(external).text
