"""EPUB books written from chapters, so EPUB tests read as the book's text, not as its packaging."""

from __future__ import annotations

import zipfile
from pathlib import Path

_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""


def chapter(*blocks: str) -> str:
    """A chapter's body: a block starting with "# " is its heading, the others paragraphs (inline markup kept)."""
    return "\n".join(f"<h1>{b[2:]}</h1>" if b.startswith("# ") else f"<p>{b}</p>" for b in blocks)


def write_epub(
    path: Path, lang: str, chapters: list[str], *, aside: tuple[int, ...] = (), extra: dict[str, bytes] | None = None
) -> Path:
    """An EPUB 3 book whose spine is the chapters in order, after a navigation document listing them (the spine
    names it first, as many books do); the manifest lists the chapters last to first, and those numbered in `aside`
    (from 1) are marked linear="no"."""
    pages = {f"text/ch{n}.xhtml": body for n, body in enumerate(chapters, 1)}
    nav_links = "".join(f'<li><a href="{name[5:]}">Chapter {n}</a></li>' for n, name in enumerate(pages, 1))
    pages_xml = {
        name: f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="{lang}">
<head><title>Chapter</title><style>p {{ margin: 0 }}</style></head>
<body><section epub:type="chapter">{body}</section></body></html>"""
        for name, body in pages.items()
    }
    nav = f"""<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Contents</title></head><body><nav epub:type="toc"><ol>{nav_links}</ol></nav></body></html>"""
    items = "".join(
        f'<item id="c{n}" href="{name}" media-type="application/xhtml+xml"/>'
        for n, name in reversed(list(enumerate(pages, 1)))
    )
    refs = "".join(
        f'<itemref idref="c{n}" linear="{"no" if n in aside else "yes"}"/>' for n in range(1, len(pages) + 1)
    )
    opf = f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">book</dc:identifier>
    <dc:title>Book</dc:title><dc:language>{lang}</dc:language></metadata>
  <manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>{items}</manifest>
  <spine><itemref idref="nav"/>{refs}</spine>
</package>"""
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", _CONTAINER)
        book.writestr("OEBPS/content.opf", opf)
        book.writestr("OEBPS/nav.xhtml", nav)
        for name, xml in pages_xml.items():
            book.writestr(f"OEBPS/{name}", xml)
        for name, data in (extra or {}).items():
            book.writestr(name, data)
    return path
