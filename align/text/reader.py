"""Reading inputs strictly: a wrong encoding or a binary file must be a clear error, never silent mojibake."""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from pathlib import Path

from align.errors import AlignError

_GUESS_SAMPLE = 1 << 16  # bytes the encoding guess reads
# charset-normalizer's names of the single-byte Latin code pages (it tells them apart badly on short texts).
_LATIN_ENCODINGS = frozenset(
    "latin_1 cp1250 cp1252 cp1254 cp1257 cp1258 iso8859_2 iso8859_3 iso8859_4 iso8859_9 iso8859_10 iso8859_13"
    " iso8859_14 iso8859_15 iso8859_16 mac_roman mac_latin2 cp437 cp850 cp852 cp858".split()
)
_BINARY_SAMPLE = 8192


def read_text(path: str) -> str:
    """Decode a file (or '-' for stdin) as UTF-8 and return its text exactly, BOM removed."""
    if path == "-":
        return decode_text(sys.stdin.buffer.read(), "<stdin>")
    return decode_text(read_file_bytes(path), path)


def read_file_bytes(path: str) -> bytes:
    """A file's bytes, or a one-line error naming it: missing, a folder, unreadable."""
    if not path:
        raise AlignError("an input has an empty file name")
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
            f"convert it first, e.g. {_conversion_hint(data)}"
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


def _conversion_hint(data: bytes) -> str:
    """The iconv line for the encoding the bytes most likely are (charset-normalizer's guess: Shift-JIS, GB18030,
    Windows-1256 ...); Latin-1 where it has none. A fixed Latin-1 hint turned Japanese into mojibake."""
    from charset_normalizer import from_bytes

    sample = data[:_GUESS_SAMPLE]
    best = from_bytes(sample).best()
    if best is None or best.encoding in _LATIN_ENCODINGS or _mixes_scripts(sample.decode(best.encoding, "replace")):
        return "iconv -f latin1 -t utf-8"  # which Latin code page, a few accents cannot tell
    encoding = codecs.lookup(best.encoding).name.upper().replace("_", "-").replace("ISO8859-", "ISO-8859-")
    return f"iconv -f {encoding} -t utf-8 (its encoding is a guess: {encoding})"


def _mixes_scripts(text: str) -> bool:
    """Whether a word mixes Latin letters with another script's: a guess that read "Café" as "Caf" and an Urdu
    letter (cp1006, on a short Latin-1 text) is no encoding of it."""
    for word in re.findall(r"[^\W\d_]+", text):
        scripts = {unicodedata.name(ch, "?").split(" ")[0] for ch in word}
        if "LATIN" in scripts and len(scripts) > 1:
            return True
    return False
