"""Writing outputs: atomic for files, never destroying what sits at the destination, one-line errors."""

import os
import stat
from pathlib import Path

import pytest

from align.errors import AlignError
from align.reports.output import write_output


def test_writes_a_file_atomically_and_leaves_no_temporary(tmp_path: Path):
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    write_output("new\n", str(out))
    assert out.read_text(encoding="utf-8") == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_a_link_is_written_through_and_stays_a_link(tmp_path: Path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_output("new\n", str(link))
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"


def test_a_pipe_is_written_to_not_replaced(tmp_path: Path):
    """`-o /dev/null` or a FIFO: renaming a file over it would destroy the device or pipe."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # open first, so the writer neither blocks nor hangs
    try:
        write_output("through the pipe\n", str(fifo))
        received = os.read(reader, 1024)
    finally:
        os.close(reader)
    assert received == b"through the pipe\n"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_place_that_cannot_be_written_gives_a_one_line_error():
    with pytest.raises(AlignError, match=r"^/proc/align-test\.json: cannot write: "):
        write_output("x", "/proc/align-test.json")


def test_refuses_an_input_through_a_link(tmp_path: Path):
    source = tmp_path / "source.txt"
    source.write_text("Hola.", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(source)
    with pytest.raises(AlignError, match="refusing to overwrite an input"):
        write_output("x", str(link), [str(source)])
    assert source.read_text(encoding="utf-8") == "Hola."


def test_an_open_descriptor_is_appended_to_not_replaced(tmp_path: Path):
    """`-o /dev/stdout >> run.log` (here /dev/fd/N of a file opened to append): a rename would empty run.log."""
    log = tmp_path / "run.log"
    log.write_text("before\n", encoding="utf-8")
    descriptor = os.open(log, os.O_WRONLY | os.O_APPEND)
    try:
        write_output("after\n", f"/dev/fd/{descriptor}")
    finally:
        os.close(descriptor)
    assert log.read_text(encoding="utf-8") == "before\nafter\n"


def test_a_link_loop_is_a_one_line_error(tmp_path: Path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(AlignError, match="cannot write"):
        write_output("x", str(tmp_path / "a"), [str(tmp_path / "input.txt")])


def test_the_output_file_s_extension_names_the_format_where_none_is_given():
    from enum import Enum

    from align.reports.output import output_format

    class Format(str, Enum):
        text = "text"
        json = "json"
        html = "html"

    assert output_format(None, "report.HTML", Format, Format.text) == Format.html
    assert output_format(None, "flags.json", Format, Format.text) == Format.json
    assert output_format(None, "memory.tmx", Format, Format.text) == Format.text  # not one of this command's: said
    assert output_format(None, None, Format, Format.text) == Format.text
    assert output_format(Format.text, "report.html", Format, Format.html) == Format.text
