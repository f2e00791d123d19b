"""Reading inputs strictly: a wrong encoding or a binary file must be a clear error, never silent mojibake."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

from align.errors import AlignError

_BINARY_SAMPLE = 8192


def read_text(path: str) -> str:
    """Decode a file (or '-' for stdin) as UTF-8 and return its text exactly, BOM removed."""
    if path == "-":
        return decode_text(sys.stdin.buffer.read(), "<stdin>")
    return decode_text(read_file_bytes(path), path)


def read_file_bytes(path: str) -> bytes:
    """A file's bytes, or a one-line error naming it: missing, a folder, unreadable."""
    file = Path(path)
    if not file.exists():
        raise AlignError(f"{path}: no such file")
    if file.is_dir():
        raise AlignError(f"{path}: is a directory, expected a file")
    try:
        return file.read_bytes()
    except OSError as exc:
        raise AlignError(f"{path}: cannot read ({exc.strerror})") from None


def decode_text(data: bytes, name: str) -> str:
    if not data.strip():
        raise AlignError(f"{name}: file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise AlignError(f"{name}: UTF-16 text, expected UTF-8; convert it first, e.g. iconv -f utf-16 -t utf-8")
    if b"\x00" in data[:_BINARY_SAMPLE]:
        utf16 = _utf16_without_bom(data[:_BINARY_SAMPLE])
        if utf16:
            raise AlignError(
                f"{name}: UTF-16 text without a byte-order mark, expected UTF-8; convert it first, "
                f"e.g. iconv -f {utf16} -t utf-8"
            )
        raise AlignError(f"{name}: looks like a binary file (NUL bytes), expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AlignError(
            f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    controls = sum(1 for ch in text[:_BINARY_SAMPLE] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(text[:_BINARY_SAMPLE]) // 100):
        raise AlignError(f"{name}: looks like a binary file (control characters), expected UTF-8 text")
    if not text.strip():
        raise AlignError(f"{name}: file is empty")
    return text


def _utf16_without_bom(sample: bytes) -> str | None:
    """The byte order ("utf-16le" / "utf-16be") of text in UTF-16 with no BOM: NUL in nearly every other byte (the
    high byte of Latin text), and the sample decodes to printable characters; None for anything else."""
    for odd in (1, 0):  # little-endian: NULs at odd offsets; big-endian: at even ones
        nuls = sample[odd::2].count(0)
        if nuls < 0.8 * (len(sample) // 2) or sample[1 - odd :: 2].count(0):
            continue
        try:
            text = sample[: len(sample) // 2 * 2].decode("utf-16-le" if odd else "utf-16-be")
        except UnicodeDecodeError:
            continue
        if sum(ch.isprintable() or ch.isspace() for ch in text) >= 0.95 * len(text):
            return "utf-16le" if odd else "utf-16be"
    return None
