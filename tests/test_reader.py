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
        ("Caf\u00e9 cr\u00e8me".encode("latin-1"), "not valid UTF-8"),
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
