"""Inputs beyond plain text: pick the reader by file extension and hand back text ready for segmentation.

Plain text (and stdin as "-") goes through `align.text.reader` unchanged, so offsets are into the file itself.
Markdown, HTML, .docx, .odt, EPUB, PDF and subtitles are *derived*: their text is an extraction, one block per line,
and sentence offsets refer to that extracted text, not to the original file. TMX and XLIFF already carry segments:
the text is one segment per line with their offsets, meant for the presplit path so the memory's segmentation is
kept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from align.errors import AlignError
from align.text.formats._common import LoadedText
from align.text.reader import read_text

__all__ = ["KINDS", "LoadedText", "input_kind", "load_input", "load_translation_memory"]

KINDS = (
    "text",
    "markdown",
    "html",
    "docx",
    "odt",
    "epub",
    "pdf",
    "subtitles",
    "tmx",
    "xliff",
    "po",
    "xcstrings",
    "resource",
)

_BY_EXTENSION = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".odt": "odt",
    ".epub": "epub",
    ".pdf": "pdf",
    ".tmx": "tmx",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",  # Trados
    ".mqxliff": "xliff",  # memoQ
    ".mxliff": "xliff",  # Phrase (Memsource)
    ".po": "po",
    ".xcstrings": "xcstrings",
    ".srt": "subtitles",
    ".vtt": "subtitles",
    ".ass": "subtitles",
    ".ssa": "subtitles",
    ".json": "resource",
    ".arb": "resource",
    ".properties": "resource",
    ".strings": "resource",
    ".xml": "resource",
    ".yml": "resource",
    ".yaml": "resource",
    ".resx": "resource",
}


_MEMORIES = ("tmx", "xliff", "po", "xcstrings")  # files of segments in two languages


def input_kind(path: str) -> str:
    """The kind load_input will use for this path: by extension, case-insensitively; stdin and the rest are text."""
    if path == "-":
        return "text"
    return _BY_EXTENSION.get(Path(path).suffix.lower(), "text")


def load_input(path: str, side: str = "source", lang: str | None = None, avoid: int | None = None) -> LoadedText:
    """Read any supported input; of a TMX/XLIFF, the side given: "source" where the file stands for the original,
    "target" where it stands for the translation (see load_translation_memory for both), or the side in `lang`
    where a language is asked for (a TMX may hold several), and not the memory's column `avoid` where no language is."""
    kind = input_kind(path)
    if kind == "text":
        return LoadedText(read_text(path), "text")
    if kind in _MEMORIES:
        return _memory_side(kind, path, side, lang, avoid)
    return _loaders()[kind](path)


def _memory_side(kind: str, path: str, side: str, lang: str | None, avoid: int | None) -> LoadedText:
    from align.text.formats._memory import one_side
    from align.text.formats.po_file import read_po
    from align.text.formats.tmx_file import read_tmx
    from align.text.formats.xcstrings_file import read_xcstrings
    from align.text.formats.xliff_file import read_xliff

    read = {"tmx": read_tmx, "xliff": read_xliff, "po": read_po, "xcstrings": read_xcstrings}[kind]
    return one_side(read(path), kind, path, side, lang, avoid)


def load_translation_memory(path: str) -> tuple[LoadedText, LoadedText, str, str]:
    """Source side, target side, source language, target language of a TMX or XLIFF, to re-check an existing TM.

    Units with an empty side contribute nothing to that side (an empty line would become an empty sentence), so
    line i of the source need not be unit i's partner on the target: the re-check aligns the sides afresh.
    Language codes are returned as the file writes them (en-US, es-ES); XLIFF may leave the target language out,
    and then it is "" and must be detected.
    """
    from align.text.formats.po_file import load_po
    from align.text.formats.tmx_file import load_tmx
    from align.text.formats.xcstrings_file import load_xcstrings
    from align.text.formats.xliff_file import load_xliff

    kind = input_kind(path)
    if kind not in _MEMORIES:
        raise AlignError(f"{path}: not a translation memory (expected a .tmx, .xlf, .xliff, .po or .xcstrings file)")
    return {"tmx": load_tmx, "xliff": load_xliff, "po": load_po, "xcstrings": load_xcstrings}[kind](path)


def _loaders() -> dict[str, Callable[[str], LoadedText]]:
    """Imported lazily: trafilatura, python-docx, pdfminer.six, pysubs2 and translate-toolkit cost import time only
    when used."""
    from align.text.formats.docx_file import load_docx
    from align.text.formats.epub_file import load_epub
    from align.text.formats.html_page import load_html
    from align.text.formats.markdown_text import load_markdown
    from align.text.formats.odt_file import load_odt
    from align.text.formats.pdf_file import load_pdf
    from align.text.formats.resource_file import load_resource
    from align.text.formats.subtitles import load_subtitles

    return {
        "markdown": load_markdown,
        "html": load_html,
        "docx": load_docx,
        "odt": load_odt,
        "epub": load_epub,
        "pdf": load_pdf,
        "subtitles": load_subtitles,
        "resource": load_resource,
    }
