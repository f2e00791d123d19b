import pytest

from align.errors import AlignError
from align.text.reader import read_text


def test_reads_utf8_and_drops_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffHola, señor.\n".encode())
    assert read_text(str(path)) == "Hola, señor.\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x00\x01\x02binary\x00" * 10, "binary"),
        ("Caf\u00e9 cr\u00e8me".encode("latin-1"), "not valid UTF-8.*iconv -f latin1 -t utf-8$"),
        # The iconv line names the encoding the bytes most likely are (a fixed Latin-1 made mojibake of these).
        ("価格は３．５ドルです。東京で会議が開かれました。".encode("shift_jis"), "not valid UTF-8.*iconv -f CP932"),
        ("قال الوزير إن الاقتصاد سينمو هذا العام بشكل كبير.".encode("cp1256"), "not valid UTF-8.*iconv -f CP1256"),
        ("Hola, se\u00f1or.".encode("utf-16"), "UTF-16 text, expected UTF-8"),
        ("Hola, se\u00f1or.\nAdi\u00f3s.".encode("utf-16-le"), "UTF-16 text without a byte-order mark.*utf-16le"),
        ("Hola, se\u00f1or.\nAdi\u00f3s.".encode("utf-16-be"), "UTF-16 text without a byte-order mark.*utf-16be"),
    ],
)
def test_bad_inputs_name_the_file(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(AlignError, match=message) as info:
        read_text(str(path))
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(AlignError, match="no such file"):
        read_text(str(tmp_path / "nope.txt"))


def test_unsure_detection_falls_back_to_a_language_the_model_covers():
    from align.text.language import detect_language

    covered = frozenset({"de", "fr", "en"})
    line = (
        "première ascension du lhotse ( 8501 m ) par ernst reiss et fritz luchsinger , mount everest ( 8848 m ) "
        "par adolf reist et hans rudolf von gunten"
    )
    assert detect_language(line, "names.txt") == "nl"  # names and heights: Dutch at .30, German at .29
    assert detect_language(line, "names.txt", covered) == "de"


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("The cabinet will meet at 10 a.m. at the Elysée Palace.", "en"),
        ("Mayor José Luis Martínez-Almeida opened the bridge.", "en"),
        ("President Luiz Inácio Lula da Silva addressed the UN.", "en"),
        ("According to the Frankfurter Allgemeine Zeitung, the group is planning job cuts.", "en"),
        ("Die Kosten liegen bei rund 40 Millionen Euro, so der Sprecher.", "de"),
    ],
)
def test_names_do_not_decide_the_language_of_a_short_text(line, lang):
    """A short English sentence was read as German or Portuguese by its names (bench/faithful: 27 of 1,388)."""
    from align.text.language import detect_language

    assert detect_language(line, "line.txt", frozenset({"de", "fr", "en", "es", "pt", "it"})) == lang


def test_clear_text_in_an_uncovered_language_keeps_its_code():
    from align.text.language import detect_language

    swahili = "Habari za asubuhi, rafiki yangu. Ninafurahi kukuona leo na tutaenda sokoni pamoja."
    assert detect_language(swahili, "sw.txt", frozenset({"de", "fr", "en"})) == "sw"


EXPEDITIONS = """3. Broad Peak , 8047 m. Chef M.Schmuck ;
H.Buhl et K.Diemberger ont atteint le sommet ensemble .
4. 1957 :
Gasherbrum II , 8035 m. Chef F.Moravec ;
équipe du sommet J.Larch , F.Moravec et H.Willenpart .
5. Lhotse , 8501 m ( ?) .
Chef A.Eggler ;
équipe du sommet E.Reiss et F.Luchsinger .
"""


def test_lines_outvote_a_whole_list_read_as_an_uncovered_language():
    from align.text.language import detect_language

    assert detect_language(EXPEDITIONS, "list.txt") == "de"  # a list of names and heights, as a whole
    assert detect_language(EXPEDITIONS, "list.txt", frozenset({"fr", "en"})) == "fr"  # its sentences are French
