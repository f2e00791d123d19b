"""Does a document format change what `align check` finds? The seed story (seeds/) written as a two-column PDF
(printed by headless Chromium, with its date, title, file address and page number around the text), an EPUB book
and an OpenDocument text, each checked against the same story in the same format, and the flags compared with
those of the plain-text files.

    python bench/document_formats.py [--formats pdf,epub,odt]

Prints, per format and translation (the received copy with its defects, the clean copy), the flags at confidence
0.5 of the text files, and those the format's check adds or loses (kind, source words, target words).
"""

from __future__ import annotations

import argparse
import html
import subprocess
import tempfile
import zipfile
from pathlib import Path

from align.check import check_files

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ORIGINAL = "efe_coalition_es"
TRANSLATIONS = ("efe_coalition_en", "efe_coalition_en_clean")
CHROMIUM = Path("/usr/bin/chromium")


def paragraphs(name: str) -> list[str]:
    return [line.strip() for line in (SEEDS / f"{name}.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def write_pdf(name: str, lang: str, folder: Path) -> Path:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(name))
    page = folder / f"{name}.html"
    page.write_text(
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{name}</title><style>'
        "body{font:11pt serif} p{text-align:justify;hyphens:auto;margin:0 0 .6em} .cols{column-count:2}"
        f'</style></head><body><div class="cols">{body}</div></body></html>',
        encoding="utf-8",
    )
    pdf = folder / f"{name}.pdf"
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={folder / 'profile'}"]
    subprocess.run([*command, f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, check=True)
    return pdf


def write_epub(name: str, lang: str, folder: Path) -> Path:
    """Two chapters, the story's first half and its second, after a contents page the spine lists first."""
    texts = paragraphs(name)
    halves = [texts[: len(texts) // 2], texts[len(texts) // 2 :]]
    book = folder / f"{name}.epub"
    with zipfile.ZipFile(book, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "META-INF/container.xml",
            '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
            '<rootfile full-path="OEBPS/book.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        items = '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
        items += "".join(f'<item id="c{k}" href="c{k}.xhtml" media-type="application/xhtml+xml"/>' for k in (1, 2))
        archive.writestr(
            "OEBPS/book.opf",
            '<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/>'
            f'<manifest>{items}</manifest><spine><itemref idref="nav"/><itemref idref="c1"/><itemref idref="c2"/>'
            "</spine></package>",
        )
        archive.writestr("OEBPS/nav.xhtml", _xhtml(lang, '<nav epub:type="toc"><ol><li>1</li><li>2</li></ol></nav>'))
        for k, half in enumerate(halves, 1):
            archive.writestr(f"OEBPS/c{k}.xhtml", _xhtml(lang, "".join(f"<p>{html.escape(p)}</p>" for p in half)))
    return book


def _xhtml(lang: str, body: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
        f'xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="{lang}"><head><title>t</title></head>'
        f"<body>{body}</body></html>"
    )


def write_odt(name: str, lang: str, folder: Path) -> Path:
    body = "".join(f"<text:p>{html.escape(p)}</text:p>" for p in paragraphs(name))
    document = folder / f"{name}.odt"
    with zipfile.ZipFile(document, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
            f"<office:body><office:text>{body}</office:text></office:body></office:document-content>",
        )
    return document


WRITERS = {"pdf": write_pdf, "epub": write_epub, "odt": write_odt}


def flags(original: Path, translation: Path) -> set[tuple[str, str, str]]:
    result = check_files(str(original), str(translation), min_confidence=0.5)
    return {(f.kind, f.source_text, f.target_text) for f in result.flags}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--formats", default="pdf,epub,odt")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f != "pdf" or CHROMIUM.exists()]
    print("| format | translation | flags (text files) | the same | added | lost |\n|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for translation in TRANSLATIONS:
            expected = flags(SEEDS / f"{ORIGINAL}.txt", SEEDS / f"{translation}.txt")
            for fmt in formats:
                original = WRITERS[fmt](ORIGINAL, "es", folder)
                version = WRITERS[fmt](translation, "en", folder)
                found = flags(original, version)
                added, lost = sorted(found - expected), sorted(expected - found)
                print(
                    f"| {fmt} | {translation} | {len(expected)} | {len(found & expected)} | {len(added)} {added} "
                    f"| {len(lost)} {lost} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
