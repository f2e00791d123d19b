"""EPUB books (EPUB 2 and 3): the chapters in reading order, one paragraph, heading or list item per line.

A novel and its translation usually come as e-books. The reading order is the package's spine (items marked
linear="no", such as pop-up notes, left out), each chapter an XHTML file read as a page is. The EPUB 3 navigation
document (the table of contents) is left out even where the spine lists it, and so is the page an EPUB 2 guide names
as the contents: it repeats every chapter title, and one edition's contents page would read as a run of added
sentences. Note references and page-break markers inside a
paragraph are left out too (a printed edition's page numbers, a note's "12", are no part of the sentence).
"""

from __future__ import annotations

import posixpath
import zipfile
from urllib.parse import unquote

import lxml.html
from lxml import etree

from align.errors import AlignError
from align.text.formats._common import LoadedText, collect_blocks, join_blocks, one_line, zip_archive

_CONTAINER = "META-INF/container.xml"
_ENCRYPTION = "META-INF/encryption.xml"
_OPF = "{http://www.idpf.org/2007/opf}"
_CONTAINER_NS = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_CIPHER_REFERENCE = "{http://www.w3.org/2001/04/xmlenc#}CipherReference"
_PAGES = {"application/xhtml+xml", "text/html"}
_BLOCKS = {
    "body", "section", "article", "div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "aside",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td", "th", "caption", "figure", "figcaption",
    "pre", "hr", "nav",
}  # fmt: skip
_SKIP = {"head", "script", "style", "rt", "rp"}  # rt/rp: ruby readings over Japanese or Chinese words
_LEFT_OUT_TYPES = {"noteref", "pagebreak", "doc-noteref", "doc-pagebreak"}


def load_epub(path: str) -> LoadedText:
    """Text of an EPUB's chapters in reading order (offsets refer to this extracted text)."""
    blocks: list[str] = []
    with zip_archive(path, "an EPUB book", "EPUB") as book:
        for member in _reading_order(book, path):
            blocks += _page_blocks(book.read(member), path, member)
    return LoadedText(join_blocks(blocks, path, "EPUB book"), "epub")


def _reading_order(book: zipfile.ZipFile, path: str) -> list[str]:
    """The archive members of the spine's pages, in order."""
    package_path = _package_path(book, path)
    package = _xml(book, package_path, path)
    folder = posixpath.dirname(package_path)
    manifest = {
        item.get("id"): item
        for item in package.iter(f"{_OPF}item")
        if item.get("media-type") in _PAGES and "nav" not in (item.get("properties") or "").split()
    }
    manifest = {key: item for key, item in manifest.items() if _href(item) not in _contents_pages(package)}
    members = set(book.namelist())
    order: list[str] = []
    for reference in package.iter(f"{_OPF}itemref"):
        item = manifest.get(reference.get("idref"))
        if item is None or reference.get("linear") == "no":
            continue
        member = posixpath.normpath(posixpath.join(folder, _href(item)))
        if member not in members:
            raise AlignError(f"{path}: damaged EPUB (the reading order names {member}, which the archive lacks)")
        order.append(member)
    if not order:
        raise AlignError(f"{path}: no chapters in this EPUB book's reading order")
    _refuse_encrypted(book, path, set(order))
    return order


def _href(element: etree._Element) -> str:
    return unquote((element.get("href") or "").partition("#")[0])


def _contents_pages(package: etree._Element) -> set[str]:
    """Pages an EPUB 2 guide names as the table of contents (EPUB 2 has no navigation document to mark)."""
    return {_href(reference) for reference in package.iter(f"{_OPF}reference") if reference.get("type") == "toc"}


def _package_path(book: zipfile.ZipFile, path: str) -> str:
    if _CONTAINER not in book.namelist():
        raise AlignError(f"{path}: not an EPUB book (no {_CONTAINER})")
    for rootfile in _xml(book, _CONTAINER, path).iter(f"{_CONTAINER_NS}rootfile"):
        if rootfile.get("media-type", "application/oebps-package+xml") == "application/oebps-package+xml":
            return unquote(rootfile.get("full-path") or "")
    raise AlignError(f"{path}: damaged EPUB ({_CONTAINER} names no package document)")


def _refuse_encrypted(book: zipfile.ZipFile, path: str, pages: set[str]) -> None:
    """DRM encrypts the chapters (an obfuscated font is encrypted too, and harmless): say so rather than read noise."""
    if _ENCRYPTION not in book.namelist():
        return
    encrypted = {unquote(ref.get("URI") or "") for ref in _xml(book, _ENCRYPTION, path).iter(_CIPHER_REFERENCE)}
    if encrypted & pages:
        raise AlignError(f"{path}: encrypted EPUB (DRM); its chapters cannot be read")


def _xml(book: zipfile.ZipFile, member: str, path: str) -> etree._Element:
    try:
        return etree.fromstring(book.read(member), etree.XMLParser(resolve_entities=False, no_network=True))
    except KeyError:
        raise AlignError(f"{path}: damaged EPUB (no {member} in the archive)") from None
    except etree.XMLSyntaxError as exc:
        raise AlignError(f"{path}: damaged EPUB ({member}: {one_line(exc)})") from None


def _page_blocks(page: bytes, path: str, member: str) -> list[str]:
    """An XHTML chapter, parsed as HTML: the HTML parser reads its encoding declaration and the named entities
    (&nbsp;) older books use without declaring them, and drops the namespaces."""
    if not page.strip():
        return []
    try:
        root = lxml.html.document_fromstring(page)
    except (etree.ParserError, ValueError) as exc:
        raise AlignError(f"{path}: damaged EPUB ({member}: {one_line(exc)})") from None
    blocks: list[str] = []
    collect_blocks(root, blocks, _role)
    return blocks


def _role(element: etree._Element) -> str:
    tag = element.tag
    types = set((element.get("epub:type") or "").split()) | set((element.get("role") or "").split())
    if tag in _SKIP or types & _LEFT_OUT_TYPES:
        return "skip"
    if tag in _BLOCKS:
        return "block"
    return "break" if tag == "br" else "inline"
