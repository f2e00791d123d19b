"""Word .docx input via python-docx: the body's paragraphs and table cells in reading order, one per line.

Headers, footers, comments and footnotes are left out: they are page furniture or side remarks, not the text
being translated. A manual line break inside a paragraph becomes a space, so a paragraph stays one line.
"""

from __future__ import annotations

import zipfile
from typing import TYPE_CHECKING

from align.errors import AlignError
from align.text.formats._common import LoadedText, join_blocks, one_line, read_bytes

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.table import _Cell

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old binary .doc, and also password-protected .docx


def load_docx(path: str) -> LoadedText:
    """Text of a .docx, one paragraph or table cell per line (offsets refer to this extracted text)."""
    data = read_bytes(path)
    if data.startswith(_OLE_MAGIC):
        raise AlignError(f"{path}: old binary .doc or password-protected document; save it as an unprotected .docx")
    if not data.startswith(b"PK"):
        raise AlignError(f"{path}: not a .docx file (not a ZIP archive)")
    _check_zip(path)
    document = _open(path)
    blocks: list[str] = []
    _collect(document, blocks, {})
    return LoadedText(join_blocks(blocks, path, ".docx document"), "docx")


def _check_zip(path: str) -> None:
    """python-docx reports any broken archive as "Package not found"; zipfile says what is actually wrong."""
    try:
        with zipfile.ZipFile(path) as archive:
            bad_member = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise AlignError(f"{path}: damaged .docx (broken ZIP archive: {one_line(exc)})") from None
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


def _collect(container: DocxDocument | _Cell, blocks: list[str], seen: dict[int, object]) -> None:
    """Paragraphs and tables in document order; a merged cell is listed once per row by python-docx, read once."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # the element is kept in `seen`, so its id stays unique
                        continue
                    seen[id(cell._tc)] = cell._tc
                    _collect(cell, blocks, seen)
        else:
            blocks.append(item.text)
