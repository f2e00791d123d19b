"""Word .docx input via python-docx: the body's paragraphs and table cells in reading order, one per line, with the
text of content controls and tracked insertions as Word shows it (tracked deletions left out).

Headers, footers, comments and footnotes are left out: they are page furniture or side remarks, not the text
being translated. A manual line break inside a paragraph becomes a space, so a paragraph stays one line.
"""

from __future__ import annotations

import zipfile
from typing import TYPE_CHECKING

from align.errors import AlignError
from align.text.formats._common import LoadedText, join_blocks, one_line, read_bytes, zip_archive

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc, and also password-protected .docx


def load_docx(path: str) -> LoadedText:
    """Text of a .docx, one paragraph or table cell per line (offsets refer to this extracted text)."""
    data = read_bytes(path)
    if data.startswith(_OLE_MAGIC):
        raise AlignError(f"{path}: old binary .doc or password-protected document; save it as an unprotected .docx")
    _check_zip(path)
    document = _open(path)
    blocks: list[str] = []
    # Read from the XML itself: python-docx's paragraph text leaves out text Word shows inside content controls
    # (templates put body text there) and tracked insertions (a translator's file often carries them), which would
    # read as missing sentences or words. Deleted text (w:del, w:moveFrom) is left out, as Word shows the document
    # with its changes accepted; so are text boxes, as before.
    _blocks_of(document.element.body, blocks)
    return LoadedText(join_blocks(blocks, path, ".docx document"), "docx")


def _check_zip(path: str) -> None:
    """python-docx reports any broken archive as "Package not found"; zipfile says what is actually wrong."""
    with zip_archive(path, "a .docx file", ".docx") as archive:
        bad_member = archive.testzip()
    if bad_member is not None:
        raise AlignError(f"{path}: damaged .docx (corrupt part {bad_member})")


def _open(path: str) -> DocxDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        return docx.Document(path)
    except (zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise AlignError(f"{path}: damaged .docx (broken ZIP archive: {one_line(exc)})") from None
    except KeyError as exc:
        raise AlignError(f"{path}: not a Word document (missing part {one_line(exc)})") from None
    except etree.XMLSyntaxError as exc:
        raise AlignError(f"{path}: damaged .docx (malformed XML inside: {one_line(exc)})") from None
    except Exception as exc:  # python-docx raises assorted errors on odd packages; the user needs one line
        raise AlignError(f"{path}: cannot read as .docx ({type(exc).__name__}: {one_line(exc)})") from None


# Word's XML (WordprocessingML): what holds the text a reader sees, and what to pass through to find more of it.
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Inside a paragraph: runs, and what wraps runs (tracked insertions and moves, content controls, links, fields).
_RUN_WRAPPERS = {
    _W + tag
    for tag in ("ins", "moveTo", "hyperlink", "smartTag", "sdt", "sdtContent", "customXml", "fldSimple", "dir", "bdo")
}
_RUN_TEXT = {_W + "t": None, _W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _blocks_of(element: object, blocks: list[str]) -> None:
    """Paragraphs and table cells in document order, also inside block-level content controls."""
    for child in element:  # type: ignore[attr-defined]
        tag = child.tag
        if tag == _W + "p":
            blocks.append("".join(_paragraph_text(child)))
        elif tag == _W + "tbl":
            for row in child.iterchildren(_W + "tr"):
                for cell in row.iterchildren(_W + "tc"):  # a merged cell is one w:tc: read once
                    _blocks_of(cell, blocks)
        elif tag in (_W + "sdt", _W + "customXml"):
            content = child.find(_W + "sdtContent") if tag == _W + "sdt" else child
            if content is not None:
                _blocks_of(content, blocks)


def _paragraph_text(element: object) -> list[str]:
    parts: list[str] = []
    for child in element:  # type: ignore[attr-defined]
        tag = child.tag
        if tag == _W + "r":
            for piece in child:
                if piece.tag in _RUN_TEXT:
                    parts.append(piece.text or "" if _RUN_TEXT[piece.tag] is None else _RUN_TEXT[piece.tag])
        elif tag in _RUN_WRAPPERS:
            parts.extend(_paragraph_text(child))
    return parts
