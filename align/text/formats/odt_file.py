"""OpenDocument text (.odt, LibreOffice and most public administrations): the body's headings, paragraphs, list
items and table cells in reading order, one per line.

As with .docx, footnotes, comments and the text of tracked deletions are left out (a side remark, not the text
being translated; Writer shows a document with its changes accepted), and so are frames and drawings; a line break
or tab inside a paragraph is a space, so a paragraph stays one line.
"""

from __future__ import annotations

from lxml import etree

from align.errors import AlignError
from align.text.formats._common import LoadedText, collect_blocks, join_blocks, one_line, zip_archive

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_BLOCKS = {(_TEXT, "p"), (_TEXT, "h"), (_TEXT, "list-item"), (_TEXT, "list-header"), (_TABLE, "table-cell")}
_BREAKS = {(_TEXT, "s"), (_TEXT, "tab"), (_TEXT, "line-break")}
_SKIP = {
    (_TEXT, "note"),  # footnotes and endnotes, with their citation mark
    (_TEXT, "tracked-changes"),  # the deleted text of tracked changes, kept aside in the document
    (_TEXT, "sequence-decls"),
    (_TEXT, "soft-page-break"),
    (_OFFICE, "annotation"),  # comments
    (_DRAW, "frame"),  # images, text boxes
    (_DRAW, "custom-shape"),
}
_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def load_odt(path: str) -> LoadedText:
    """Text of an .odt, one heading, paragraph, list item or table cell per line (offsets refer to this text)."""
    with zip_archive(path, "an OpenDocument text", ".odt") as archive:
        names = set(archive.namelist())
        if "mimetype" in names and not archive.read("mimetype").strip().startswith(_MIMETYPE):
            kind = archive.read("mimetype").decode("ascii", "replace").strip()
            raise AlignError(f"{path}: not an OpenDocument text (it is {kind})")
        if "content.xml" not in names:
            raise AlignError(f"{path}: not an OpenDocument text (no content.xml)")
        content = archive.read("content.xml")
    try:
        root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise AlignError(f"{path}: damaged .odt (content.xml: {one_line(exc)})") from None
    body = root.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    if body is None:
        raise AlignError(f"{path}: not an OpenDocument text (no text body)")
    blocks: list[str] = []
    collect_blocks(body, blocks, _role)
    return LoadedText(join_blocks(blocks, path, ".odt document"), "odt")


def _role(element: etree._Element) -> str:
    name = etree.QName(element)
    key = (name.namespace, name.localname)
    if key in _SKIP:
        return "skip"
    if key in _BLOCKS:
        return "block"
    return "break" if key in _BREAKS else "inline"
