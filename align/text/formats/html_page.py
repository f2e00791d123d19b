"""HTML pages: the article a translator cares about, without menus, cookie banners, related links or footers.

trafilatura finds the main content (the same boilerplate removal used to build web corpora); we ask it for XML
rather than text so that each paragraph, heading, list item, quote and table cell becomes exactly one line, with
<br> inside a paragraph turned into a space instead of a new paragraph.
"""

from __future__ import annotations

import codecs
import logging
import re
from types import ModuleType

import lxml.html
from lxml import etree

from align.errors import AlignError
from align.text.formats._common import LoadedText, clean_line, collect_blocks, join_blocks, one_line, read_bytes
from align.text.reader import decode_text

# Elements of trafilatura's XML that hold a block of their own; everything else (hi, ref, lb, ...) is inline.
_BLOCKS = {"doc", "main", "head", "p", "list", "item", "quote", "table", "row", "cell", "code", "div"}
_SKIP = {"comments", "graphic"}
_HEADLINE_REACH = 3  # opening blocks that may already hold the headline (after a kicker or a dateline)
_HAS_BODY = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def load_html(path: str) -> LoadedText:
    """Main article text of an HTML page, one block per line (offsets refer to this extracted text)."""
    return LoadedText(html_to_text(_decode_html(read_bytes(path), path), path), "html")


def html_to_text(page: str, name: str = "<html>") -> str:
    import trafilatura

    # trafilatura logs "discarding data" style warnings on odd pages; our error below says what matters.
    logger = logging.getLogger("trafilatura")
    if logger.level == logging.NOTSET:  # only when the embedding application has not chosen a level itself
        logger.setLevel(logging.ERROR)
    extracted = _extract(trafilatura, page, name)
    if not extracted and not _HAS_BODY.search(page[:8192]):
        # A bare fragment (<p>...</p>, an exported snippet) sometimes yields nothing until it is given a body.
        extracted = _extract(trafilatura, f"<html><body>{page}</body></html>", name)
    if not extracted:
        raise AlignError(f"{name}: no main article text found in this HTML page")
    try:
        root = etree.fromstring(extracted.encode("utf-8"))
    except etree.XMLSyntaxError as exc:  # would be a trafilatura bug, still the user's file is what we name
        raise AlignError(f"{name}: cannot parse this HTML page ({one_line(exc)})") from None
    blocks: list[str] = []
    collect_blocks(root, blocks, _role)
    return join_blocks(_with_headline(root.get("title") or "", page, blocks), name, "HTML page")


def _with_headline(title: str, page: str, blocks: list[str]) -> list[str]:
    """The page's headline first, where the main text lacks it: a news page often sets its <h1> in a header
    outside the <article>, which the extraction leaves out with the menus, and its translation or another outlet's
    version keeps it inside. Only a title trafilatura found that is also an <h1> of the page (its fallbacks, the
    <title> or og:title, can be a site's "Home"), and not one that is a link as a whole (a site's logo as its
    <h1>, linking to its home page)."""
    headline = clean_line(title)
    opening = [line for line in map(clean_line, blocks) if line][:_HEADLINE_REACH]
    if not headline or any(headline.casefold() in line.casefold() for line in opening):
        return blocks
    return [headline, *blocks] if headline in _level_one_headings(page) else blocks


def _level_one_headings(page: str) -> set[str]:
    try:
        tree = lxml.html.fromstring(page)
    except (etree.ParserError, ValueError):
        return set()
    headings = {clean_line(h1.text_content()) for h1 in tree.iter("h1")}
    links = {clean_line(a.text_content()) for h1 in tree.iter("h1") for a in h1.iter("a")}
    return headings - links


def _extract(trafilatura: ModuleType, page: str, name: str) -> str | None:
    try:
        return trafilatura.extract(
            page,
            output_format="xml",
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=True,  # the headline, as the doc's title
            deduplicate=False,
        )
    except Exception as exc:  # trafilatura wraps lxml; any failure here means the page could not be parsed
        raise AlignError(f"{name}: cannot parse this HTML page ({one_line(exc)})") from None


def _role(element: etree._Element) -> str:
    tag = element.tag
    if tag in _SKIP:
        return "skip"
    if tag in _BLOCKS:
        return "block"
    return "break" if tag == "lb" else "inline"


def _decode_html(data: bytes, name: str) -> str:
    """UTF-8 strictly, like every input; a page that declares another charset in <meta> is decoded with it."""
    try:
        return decode_text(data, name)
    except AlignError:
        declared = _DECLARED_CHARSET.search(data[:4096])
        if declared is None:
            raise
        label = declared.group(1).decode("ascii")
        try:
            codec = codecs.lookup(label).name
        except LookupError:
            raise AlignError(f"{name}: declares unknown charset '{label}'") from None
        if codec == "utf-8":
            raise
        try:
            return data.decode(codec)
        except UnicodeDecodeError as exc:
            raise AlignError(
                f"{name}: not valid {label} as its <meta> declares (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            ) from None
