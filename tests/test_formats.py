"""Each input format on a real small file, and each broken variant as one line that names the file."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from browser import chromium, needs_chromium
from epub_books import chapter, write_epub
from pdf_files import write_pdf
from subtitle_files import srt

from align.errors import AlignError
from align.text.formats import LoadedText, input_kind, load_input, load_translation_memory
from align.text.segment import split_presplit

FORMATS = Path(__file__).resolve().parent / "fixtures" / "formats"


def _one_line_error(path: Path | str, match: str) -> str:
    with pytest.raises(AlignError, match=match) as info:
        load_input(str(path))
    message = str(info.value)
    assert str(path) in message
    assert "\n" not in message
    return message


def _lines(loaded: LoadedText) -> list[str]:
    return loaded.text.split("\n")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.md", "markdown"),
        ("A.MARKDOWN", "markdown"),
        ("page.html", "html"),
        ("page.htm", "html"),
        ("doc.docx", "docx"),
        ("carta.odt", "odt"),
        ("Novela.EPUB", "epub"),
        ("informe.pdf", "pdf"),
        ("tm.tmx", "tmx"),
        ("tm.xlf", "xliff"),
        ("tm.xliff", "xliff"),
        ("nota.docx.sdlxliff", "xliff"),
        ("nota.mqxliff", "xliff"),
        ("Localizable.xcstrings", "xcstrings"),
        ("messages.po", "po"),
        ("film.srt", "subtitles"),
        ("film.VTT", "subtitles"),
        ("film.ass", "subtitles"),
        ("notes.txt", "text"),
        ("no_extension", "text"),
        ("-", "text"),
    ],
)
def test_kind_by_extension(name, kind):
    assert input_kind(name) == kind


def test_the_help_names_every_extension_read():
    """`align --help` lists the inputs by extension; one read but not listed is one a user cannot find."""
    from align.cli import INPUTS
    from align.text.formats import _BY_EXTENSION

    listed = set(INPUTS.replace("(", " ").replace(")", " ").replace(";", " ").split())
    assert sorted(extension for extension in _BY_EXTENSION if extension not in listed) == []


def test_plain_text_is_the_file_exactly(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("\ufeffPrimera frase.  Segunda.\r\n\nTercera.\n".encode())
    loaded = load_input(str(path))
    assert loaded == LoadedText("Primera frase.  Segunda.\r\n\nTercera.\n", "text", None)


def test_stdin_is_plain_text(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Hola.\nAdiós.\n".encode())))
    assert load_input("-") == LoadedText("Hola.\nAdiós.\n", "text", None)


def test_markdown_strips_markup_and_keeps_blocks_as_lines():
    loaded = load_input(str(FORMATS / "article.md"))
    assert loaded.kind == "markdown"
    assert loaded.segments is None
    assert _lines(loaded) == [
        "Coalition signs government agreement after three weeks of talks",
        "Brussels (EFE).- The three coalition parties signed the government agreement on Tuesday after three weeks "
        "of negotiations. The document runs to 120 pages and sets the priorities of the term.",
        'The leader of the largest party said the pact "protects families & small businesses". The junior partners '
        "won two more ministries than expected.",
        "Opposition reactions",
        "The opposition said the text has no timetable for tax reform.",
        "Its spokesman threatened a motion of no confidence before the summer.",
        "Analysts expect a stable majority of 78 seats in a 150-seat chamber.",
        "Party",
        "Seats",
        "Left & Greens",
        "41",
    ]
    for gone in ("---", "title:", "#", "*", "https://", "print(", "Advertisement", "|"):
        assert gone not in loaded.text


def test_html_keeps_the_article_and_drops_the_boilerplate():
    loaded = load_input(str(FORMATS / "article.html"))
    assert loaded.kind == "html"
    lines = _lines(loaded)
    assert lines[0] == "La coalición firma el acuerdo de gobierno tras tres semanas de negociación"
    assert "Reacciones de la oposición" in lines
    assert any(line.startswith("Bruselas (EFE).- Los tres partidos") for line in lines)
    assert any("«protege a las familias & a las pequeñas empresas»" in line for line in lines)
    assert lines[-1] == (
        "Los analistas creen que la coalición tendrá una mayoría estable de 78 escaños en una cámara de 150."
    )
    boilerplate = [
        "Portada",
        "Suscríbete",
        "Te puede interesar",
        "recetas",
        "derechos reservados",
        "cookies",
        "Aviso legal",
        "analytics",
        "font-family",
        "Diario del Sur",
    ]
    for words in boilerplate:
        assert words not in loaded.text, words


_BODY = (
    "<p>El Banco Central Europeo mantuvo este jueves los tipos de interés en el 4 % por cuarta reunión seguida.</p>"
    "<p>Los analistas esperan un primer recorte en junio, según una encuesta publicada el lunes.</p>"
)


def test_html_headline_set_outside_the_article_comes_first(tmp_path):
    path = tmp_path / "story.html"
    path.write_text(
        "<html><head><title>El BCE mantiene los tipos | Diario Ejemplo</title></head><body>"
        "<nav><a href='/'>Portada</a> <a href='/eco'>Economía</a></nav>"
        "<header><h1>El BCE mantiene los tipos de interés en el 4 %</h1></header>"
        f"<article>{_BODY}</article><footer>© Diario Ejemplo</footer></body></html>",
        encoding="utf-8",
    )
    lines = _lines(load_input(str(path)))
    assert lines[0] == "El BCE mantiene los tipos de interés en el 4 %"
    assert len(lines) == 3 and "Portada" not in lines


@pytest.mark.parametrize(
    "head",
    [
        "<title>Home</title></head><body>",  # no <h1>: a <title> is no headline
        "<title>Diario Ejemplo</title></head><body><header><h1><a href='/'>Diario Ejemplo</a></h1></header>",  # logo
    ],
)
def test_html_adds_no_headline_the_page_does_not_set_as_one(tmp_path, head):
    path = tmp_path / "story.html"
    path.write_text(f"<html><head>{head}<article>{_BODY}</article></body></html>", encoding="utf-8")
    assert _lines(load_input(str(path)))[0].startswith("El Banco Central Europeo")


_SPANISH_SRT = srt(
    "Buenas noches. El Gobierno aprobó hoy\nel nuevo presupuesto.",
    "La oposición votó en contra",
    "y el ministro dijo que no habrá\nsubida de impuestos.",
)


def test_subtitles_read_as_running_text_not_cue_by_cue(tmp_path):
    """Cues cut sentences where the screen fills up; a sentence runs on over cues until one ends it."""
    path = tmp_path / "news.es.srt"
    path.write_text(_SPANISH_SRT, encoding="utf-8")
    loaded = load_input(str(path))
    assert loaded.kind == "subtitles"
    assert _lines(loaded) == [
        "Buenas noches. El Gobierno aprobó hoy el nuevo presupuesto.",
        "La oposición votó en contra y el ministro dijo que no habrá subida de impuestos.",
    ]


def test_subtitle_cues_keep_their_place_and_times(tmp_path):
    """Each cue's words where they stand in the text, with when it is on screen, so a flag can say when."""
    path = tmp_path / "news.es.srt"
    path.write_text(_SPANISH_SRT, encoding="utf-8")
    loaded = load_input(str(path))
    assert [(loaded.text[c.start : c.end], c.shown, c.hidden) for c in loaded.cues] == [
        ("Buenas noches. El Gobierno aprobó hoy el nuevo presupuesto.", 2.0, 3.5),  # a cue's two lines as one
        ("La oposición votó en contra", 4.0, 5.5),
        ("y el ministro dijo que no habrá subida de impuestos.", 6.0, 7.5),  # the sentence runs on over the two
    ]


def test_subtitles_that_mark_no_sentence_ends_have_a_line_per_cue(tmp_path):
    """Japanese and Chinese subtitles leave the final mark out: joined until a cue ends a sentence, the file was one
    sentence. A cue's lines are joined without a space between Japanese characters."""
    path = tmp_path / "news.ja.srt"
    path.write_text(
        srt("日本銀行は金利を据え置いた", "植田総裁は\n年内の利下げはないと述べた", "円相場は上昇した"),
        encoding="utf-8",
    )
    lines = _lines(load_input(str(path)))
    assert lines == ["日本銀行は金利を据え置いた", "植田総裁は年内の利下げはないと述べた", "円相場は上昇した"]


def test_japanese_cues_of_one_sentence_join_without_a_space(tmp_path):
    path = tmp_path / "news.ja.srt"
    path.write_text(
        srt("植田総裁は", "利下げはないと述べた。", "円相場は上昇した。"),
        encoding="utf-8",
    )
    assert _lines(load_input(str(path))) == ["植田総裁は利下げはないと述べた。", "円相場は上昇した。"]


_PO = (
    '# Spanish translation\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
    '#: src/main.c:10\nmsgid "Do not turn off the device."\nmsgstr "No apague el dispositivo."\n\n'
    'msgid "One file deleted."\nmsgid_plural "%d files deleted."\nmsgstr[0] "Un archivo eliminado."\n'
    'msgstr[1] "%d archivos eliminados."\n\n'
    'msgid "Not translated yet."\nmsgstr ""\n\n'
    'msgid "Save &As"\nmsgstr "Guardar _como"\n\n'
    '#~ msgid "Old string."\n#~ msgstr "Cadena antigua."\n'
)


def test_po_entries_are_the_two_sides_of_a_memory(tmp_path):
    """The header and obsolete entries are no segments; a plural entry gives its plural forms (the singular may say
    no number its translation says); a menu label loses its
    keyboard accelerator; the target language is the header's, the source language the file does not say."""
    path = tmp_path / "messages.po"
    path.write_text(_PO, encoding="utf-8")
    source, target, source_lang, target_lang = load_translation_memory(str(path))
    assert _lines(source) == ["Do not turn off the device.", "%d files deleted.", "Not translated yet.", "Save As"]
    assert _lines(target) == ["No apague el dispositivo.", "%d archivos eliminados.", "Guardar como"]  # no accelerators
    assert (source_lang, target_lang) == ("", "es")
    assert _lines(load_input(str(path), "target")) == _lines(target)


def test_webvtt_without_its_comments_styles_and_tags(tmp_path):
    path = tmp_path / "news.VTT"
    path.write_text(
        "WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\nNOTE a comment\nover two lines\n\n"
        "intro\n00:00:01.000 --> 00:00:04.000 align:start\n<v Ana>Good evening. <i>The government</i> approved\n"
        "the budget today.</v>\n\n00:00:04.500 --> 00:00:07.000\n- Did the opposition vote?\n- Against.\n",
        encoding="utf-8",
    )
    assert _lines(load_input(str(path))) == [
        "Good evening. The government approved the budget today.",
        "- Did the opposition vote? - Against.",
    ]


def test_substation_skips_comment_events_and_override_tags(tmp_path):
    import pysubs2

    subs = pysubs2.SSAFile()
    subs.append(pysubs2.SSAEvent(start=0, end=2000, text=r"{\i1}Bonsoir.{\i0} Le gouvernement a approuvé"))
    subs.append(pysubs2.SSAEvent(start=2000, end=3000, text="note for the typesetter", type="Comment"))
    subs.append(pysubs2.SSAEvent(start=3000, end=5000, text=r"le budget\Naujourd'hui."))
    path = tmp_path / "news.ass"
    subs.save(str(path))
    assert _lines(load_input(str(path))) == ["Bonsoir. Le gouvernement a approuvé le budget aujourd'hui."]


@pytest.mark.parametrize(
    ("name", "content", "match"),
    [
        ("notes.srt", "hello there, no cues here\n", "no text found in this SubRip file"),
        ("empty.po", 'msgid ""\nmsgstr ""\n"Language: es\\n"\n', "no entries in this PO file"),
    ],
)
def test_a_file_with_nothing_to_read_gives_one_line(tmp_path, name, content, match):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    _one_line_error(path, match)


def test_html_br_inside_a_paragraph_stays_one_line(tmp_path):
    path = tmp_path / "snippet.html"
    path.write_text(
        "<html><body><article><p>First half of a paragraph<br>and its second half, one line.</p>"
        "<ul><li>An item.</li></ul></article></body></html>",
        encoding="utf-8",
    )
    assert _lines(load_input(str(path))) == ["First half of a paragraph and its second half, one line.", "An item."]


def test_html_in_a_declared_legacy_charset(tmp_path):
    path = tmp_path / "latin1.html"
    page = (
        '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\u00e9 cr\u00e8me en la esquina.</p></body></html>'
    )
    path.write_bytes(page.encode("latin-1"))
    assert load_input(str(path)).text == "Caf\u00e9 cr\u00e8me en la esquina."


def _make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Título: la coalición & <el acuerdo>", level=1)
    paragraph = document.add_paragraph("Primera frase del cuerpo. ")
    paragraph.add_run("Segunda, en negrita").bold = True
    paragraph.add_run().add_break()
    paragraph.add_run("tras un salto de línea.")
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Partido"
    table.cell(0, 1).text = "Escaños"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "Fila combinada"
    document.add_paragraph("Último párrafo.")
    document.sections[0].header.paragraphs[0].text = "Cabecera de página"
    document.save(str(path))


def test_docx_paragraphs_and_cells_in_order(tmp_path):
    path = tmp_path / "nota.docx"
    _make_docx(path)
    loaded = load_input(str(path))
    assert loaded.kind == "docx"
    assert loaded.segments is None
    assert _lines(loaded) == [
        "Título: la coalición & <el acuerdo>",
        "Primera frase del cuerpo. Segunda, en negrita tras un salto de línea.",
        "Partido",
        "Escaños",
        "Fila combinada",
        "Último párrafo.",
    ]


def test_docx_text_in_content_controls_and_tracked_changes_is_read_as_word_shows_it(tmp_path):
    """A template's body text inside a content control, and a tracked insertion, are text Word shows; a tracked
    deletion is not (python-docx's paragraph text dropped the first two)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run(text: str, deleted: bool = False):  # noqa: ANN202
        element, piece = OxmlElement("w:r"), OxmlElement("w:delText" if deleted else "w:t")
        piece.text = text
        piece.set(qn("xml:space"), "preserve")
        element.append(piece)
        return element

    document = docx.Document()
    paragraph = document.add_paragraph("La coalición firma")
    inserted, removed = OxmlElement("w:ins"), OxmlElement("w:del")
    for change in (inserted, removed):
        change.set(qn("w:id"), "1")
        change.set(qn("w:author"), "revisor")
    inserted.append(run(" el acuerdo"))
    removed.append(run(" el pacto"))
    paragraph._p.append(removed)
    paragraph._p.append(inserted)
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    inner = OxmlElement("w:p")
    inner.append(run("Texto dentro de un control de contenido."))
    content.append(inner)
    control.append(content)
    document.element.body.insert(1, control)
    path = tmp_path / "cambios.docx"
    document.save(str(path))
    expected = ["La coalición firma el acuerdo", "Texto dentro de un control de contenido."]
    assert _lines(load_input(str(path))) == expected


def test_epub_chapters_in_reading_order_without_contents_notes_or_page_numbers(tmp_path):
    """The spine gives the order (the manifest lists the chapters backwards); the navigation document, a
    linear="no" pop-up note, note references, page-break numbers and ruby readings are no part of the text; a line
    break is a space; a chapter's number stays with its title."""
    book = write_epub(
        tmp_path / "novela.epub",
        "es",
        [
            chapter(
                "# I. La llegada",
                'Llegué en tren<a epub:type="noteref" href="#n1">1</a> a Valdemora.<br/>Nadie me esperaba.',
                'Era<span epub:type="pagebreak" title="12">12</span> domingo. <ruby>漢<rt>かん</rt></ruby>',
            ),
            chapter("1. Nota del traductor: Valdemora no existe."),
            chapter("# II. El pozo", "<ul><li>Un cubo.</li><li>Una cuerda.</li></ul>"),
        ],
        aside=(2,),
    )
    loaded = load_input(str(book))
    assert loaded.kind == "epub"
    assert _lines(loaded) == [
        "I. La llegada",
        "Llegué en tren a Valdemora. Nadie me esperaba.",
        "Era domingo. 漢",
        "II. El pozo",
        "Un cubo.",
        "Una cuerda.",
    ]


def test_epub_contents_page_named_by_an_epub2_guide_is_left_out(tmp_path):
    chapters = [chapter("Contents", "I. The Arrival"), chapter("# I. The Arrival")]
    book = write_epub(tmp_path / "book.epub", "en", chapters)
    with zipfile.ZipFile(book) as archive:
        package = archive.read("OEBPS/content.opf").decode()
    guide = '<guide><reference type="toc" title="Contents" href="text/ch1.xhtml#top"/></guide></package>'
    rewritten = tmp_path / "guided.epub"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(rewritten, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, package.replace("</package>", guide) if item.filename.endswith(".opf") else data)
    assert _lines(load_input(str(book))) == ["Contents", "I. The Arrival", "I. The Arrival"]
    assert _lines(load_input(str(rewritten))) == ["I. The Arrival"]


def test_epub_broken_variants(tmp_path):
    not_zip = tmp_path / "plain.epub"
    not_zip.write_text("Esto no es un libro.", encoding="utf-8")
    _one_line_error(not_zip, "not an EPUB book")
    no_container = tmp_path / "bare.epub"
    with zipfile.ZipFile(no_container, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    _one_line_error(no_container, "no META-INF/container.xml")
    lost_chapter = write_epub(tmp_path / "lost.epub", "es", [chapter("Uno."), chapter("Dos.")])
    with zipfile.ZipFile(lost_chapter) as source, zipfile.ZipFile(tmp_path / "lost2.epub", "w") as target:
        for item in source.infolist():
            if not item.filename.endswith("ch2.xhtml"):
                target.writestr(item, source.read(item))
    _one_line_error(tmp_path / "lost2.epub", "reading order names OEBPS/text/ch2.xhtml")
    encryption = (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:CipherData>'
        '<enc:CipherReference URI="{}"/></enc:CipherData></enc:EncryptedData></encryption>'
    )
    font_only = {"META-INF/encryption.xml": encryption.format("OEBPS/fonts/a.otf").encode()}
    assert _lines(load_input(str(write_epub(tmp_path / "font.epub", "es", [chapter("Uno.")], extra=font_only)))) == [
        "Uno."
    ]
    drm = {"META-INF/encryption.xml": encryption.format("OEBPS/text/ch1.xhtml").encode()}
    _one_line_error(write_epub(tmp_path / "drm.epub", "es", [chapter("Uno.")], extra=drm), "encrypted EPUB")
    empty_book = write_epub(tmp_path / "empty.epub", "es", [chapter("<img src='a.png'/>")])
    _one_line_error(empty_book, "no text found in this EPUB book")


def test_pdf_body_text_without_what_the_pages_add(tmp_path):
    """Running heads and page numbers left out; words hyphenated at line ends joined unless the language writes
    them with a hyphen ("franco-alemán"); a heading set just above its paragraph a line of its own; a paragraph cut
    by the page break (its footnote between) joined again, the footnote after it."""
    pdf = write_pdf(
        tmp_path / "informe.pdf",
        [
            [
                "# Informe anual",
                "El Gobierno aprobó este martes un plan de inversiones de 3.200",
                "millones de euros para modernizar la red ferro-",
                "viaria del país con un consorcio franco-",
                "alemán.",
                "",
                "La ministra explicó que el plan incluye la renovación de 1.500",
                "kilómetros de vías y la compra de 120 trenes nuevos antes de",
            ],
            ["2030, según el comunicado.", "", "El plan no contempla el cierre de ninguna línea regional."],
        ],
        running_head="Ministerio de Transportes - Informe 2024",
        footnotes={0: "1 Datos del Ministerio de Transportes."},
    )
    loaded = load_input(str(pdf))
    assert loaded.kind == "pdf"
    assert _lines(loaded) == [
        "Informe anual",
        "El Gobierno aprobó este martes un plan de inversiones de 3.200 millones de euros para modernizar la red "
        "ferroviaria del país con un consorcio franco-alemán.",
        "La ministra explicó que el plan incluye la renovación de 1.500 kilómetros de vías y la compra de 120 trenes "
        "nuevos antes de 2030, según el comunicado.",
        "1 Datos del Ministerio de Transportes.",
        "El plan no contempla el cierre de ninguna línea regional.",
    ]


@pytest.mark.parametrize("stamp", ["https://example.org/nota.html", "12/8/26, 12:12 AM", "08.12.2026 00:12"])
def test_a_printed_page_s_address_and_date_are_left_out_even_on_one_page(tmp_path, stamp):
    """A browser prints the page's address and the date around it; one page cannot show them running."""
    pdf = write_pdf(tmp_path / "nota.pdf", [["Una frase completa."]], running_head=stamp)
    assert _lines(load_input(str(pdf))) == ["Una frase completa."]


def test_pdf_columns_are_read_one_after_the_other(tmp_path):
    """pdfminer's own order read the right-hand column's heading before the end of the left-hand column."""
    left = ["Primera frase de la columna", "izquierda.", "", "Segunda frase de la columna", "izquierda."]
    right = ["# Otra parte", "Primera frase de la columna", "derecha."]
    pdf = write_pdf(tmp_path / "columnas.pdf", [left], right_column=[right], page_numbers=False)
    assert _lines(load_input(str(pdf))) == [
        "Primera frase de la columna izquierda.",
        "Segunda frase de la columna izquierda.",
        "Otra parte",
        "Primera frase de la columna derecha.",
    ]


_ARABIC = "ارتفع التضخم إلى 3.2% في مارس 2024 (حسب وكالة EFE للأنباء) وفقاً للبيانات."
_HEBREW = "שר האוצר אמר כי הממשלה לא תעלה את המסים (בשנה הבאה) ב-5 אחוזים, לפי Reuters."


@needs_chromium
@pytest.mark.skipif(not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(), reason="no Arabic font")
def test_pdf_right_to_left_lines_in_reading_order(tmp_path):
    """Chromium's PDFs give an Arabic or Hebrew line's characters in the order they are drawn, left to right, and
    Arabic letters in their presentation forms: the text read backwards, "ﻊﻔﺗرا" for "ارتفع"."""
    page = tmp_path / "nota.html"
    page.write_text(
        f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"></head>'
        f'<body><p>{_ARABIC}</p><p lang="he">{_HEBREW}</p></body></html>',
        encoding="utf-8",
    )
    pdf = tmp_path / "nota.pdf"
    chromium(page, tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    assert _lines(load_input(str(pdf))) == [_ARABIC, _HEBREW]


def test_pdf_right_to_left_lines_already_in_reading_order_are_kept():
    """Other PDFs give the characters in reading order: reversed, fewer of their words would be words."""
    from align.text.formats.drawn_text import as_read, drawn_right_to_left

    in_order = [_HEBREW, "שלום (עולם) 42 ABC."]
    assert not drawn_right_to_left(in_order)
    drawn = [".ABC 42 (םלוע) םולש", ".םיזוחא 5-ב (האבה הנשב) םיסמה תא הלעת אל הלשממה יכ רמא רצואה רש"]
    assert drawn_right_to_left(drawn)
    assert [as_read(line, True) for line in drawn] == [
        "שלום (עולם) 42 ABC.",
        "שר האוצר אמר כי הממשלה לא תעלה את המסים (בשנה הבאה) ב-5 אחוזים.",
    ]


def test_pdf_broken_variants(tmp_path):
    not_pdf = tmp_path / "nota.pdf"
    not_pdf.write_text("Esto no es un PDF.", encoding="utf-8")
    _one_line_error(not_pdf, "not a PDF file")
    good = write_pdf(tmp_path / "good.pdf", [["Una frase."]])
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[:300])
    _one_line_error(truncated, "damaged PDF")
    _one_line_error(write_pdf(tmp_path / "locked.pdf", [["Una frase."]], password="secreto"), "encrypted PDF")
    scanned = write_pdf(tmp_path / "scanned.pdf", [[]], page_numbers=False)
    _one_line_error(scanned, "no text in this PDF")


_ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def _write_odt(path: Path, body: str, mimetype: str = "application/vnd.oasis.opendocument.text") -> Path:
    """An .odt as Writer stores one: the mimetype first, the body in content.xml."""
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF} office:version="1.3">'
    content += f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
    return path


def test_odt_headings_paragraphs_lists_and_cells_without_notes_comments_or_deletions(tmp_path):
    odt = _write_odt(
        tmp_path / "nota.odt",
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>Texto borrado.</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        '<text:h text:outline-level="1">El plan ferroviario</text:h>'
        "<text:p>El Gobierno aprobó<text:note><text:note-citation>1</text:note-citation><text:note-body>"
        "<text:p>Según el BOE.</text:p></text:note-body></text:note> un plan<text:s text:c='2'/>de "
        "<text:span>inversiones</text:span>.<text:line-break/>Costará 3.200 millones."
        "<office:annotation><dc:creator>Ana</dc:creator><text:p>¿Cifra?</text:p></office:annotation></text:p>"
        "<text:list><text:list-item><text:p>Primera fase.</text:p></text:list-item>"
        "<text:list-item><text:p>Segunda fase.</text:p></text:list-item></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>Año</text:p></table:table-cell>"
        "<table:table-cell><text:p>2030</text:p></table:table-cell></table:table-row></table:table>",
    )
    loaded = load_input(str(odt))
    assert loaded.kind == "odt"
    assert _lines(loaded) == [
        "El plan ferroviario",
        "El Gobierno aprobó un plan de inversiones. Costará 3.200 millones.",
        "Primera fase.",
        "Segunda fase.",
        "Año",
        "2030",
    ]


def test_odt_broken_variants(tmp_path):
    not_zip = tmp_path / "nota.odt"
    not_zip.write_text("Texto.", encoding="utf-8")
    _one_line_error(not_zip, "not an OpenDocument text")
    sheet = _write_odt(tmp_path / "hoja.odt", "<text:p>1</text:p>", "application/vnd.oasis.opendocument.spreadsheet")
    _one_line_error(sheet, "it is application/vnd.oasis.opendocument.spreadsheet")
    broken = tmp_path / "broken.odt"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("content.xml", "<office:document-content")
    _one_line_error(broken, "damaged .odt")
    _one_line_error(_write_odt(tmp_path / "empty.odt", "<text:p/>"), "no text found")


def test_docx_broken_variants(tmp_path):
    good = tmp_path / "good.docx"
    _make_docx(good)
    data = good.read_bytes()

    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(data[: len(data) // 2])
    _one_line_error(truncated, "damaged .docx")

    renamed = tmp_path / "renamed.docx"
    renamed.write_text("just some text saved with the wrong extension\n", encoding="utf-8")
    _one_line_error(renamed, "not a .docx file")

    old_doc = tmp_path / "old.docx"
    old_doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    _one_line_error(old_doc, "old binary .doc")

    import zipfile

    other_zip = tmp_path / "other.docx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "not a word document")
    _one_line_error(other_zip, "not a Word document")


def _check_presplit_matches(loaded: LoadedText) -> None:
    """The presplit path (one sentence per line) must land exactly on the segments we return."""
    assert loaded.segments is not None
    sentences = split_presplit(loaded.text)
    assert [(s.start, s.end) for s in sentences] == loaded.segments
    for start, end in loaded.segments:
        assert loaded.text[start:end].strip() == loaded.text[start:end] != ""


def test_tmx_source_side_and_translation_memory():
    path = str(FORMATS / "memory.tmx")
    source = load_input(path)
    assert source.kind == "tmx"
    assert _lines(source) == [
        "La coalición firma el acuerdo de gobierno.",
        "El pacto «protege a las familias & a las pymes».",  # native <b> codes inside <bpt>/<ept> dropped
        "La oposición critica el calendario.",  # a line break inside the segment became a space
        "Mayoría de 78 escaños.",
    ]
    _check_presplit_matches(source)

    src, tgt, src_lang, tgt_lang = load_translation_memory(path)
    assert src == source
    assert (src_lang, tgt_lang) == ("es-ES", "en-GB")  # the third language (de-DE) is not the target
    assert _lines(tgt) == [
        "The coalition signs the government agreement.",
        'The pact "protects families & small businesses".',
        "A majority of 78 seats.",  # unit 3 has no English: nothing on that side, no empty sentence
    ]
    assert tgt.kind == "tmx"
    _check_presplit_matches(tgt)


def test_xliff_source_side_and_translation_memory():
    path = str(FORMATS / "memory.xlf")
    source = load_input(path)
    assert source.kind == "xliff"
    assert _lines(source) == [
        "The coalition signs the agreement.",
        "Read the full text & the annex.",
        "The opposition <strongly> objects.",
    ]
    _check_presplit_matches(source)
    src, tgt, src_lang, tgt_lang = load_translation_memory(path)
    assert src == source
    assert (src_lang, tgt_lang) == ("en", "fr")
    assert _lines(tgt) == ["La coalition signe l'accord.", "Lisez le texte intégral & l'annexe."]
    _check_presplit_matches(tgt)


def test_a_memory_given_as_the_translation_is_read_from_its_target_side(tmp_path):
    """As the translation to check, a TMX/XLIFF stands for its target segments: its source side would be checked
    against the original itself and pass."""
    for name in ("memory.tmx", "memory.xlf"):
        path = str(FORMATS / name)
        _, target, _, _ = load_translation_memory(path)
        assert load_input(path, "target") == target
        assert load_input(path, "target") != load_input(path, "source")
    untranslated = tmp_path / "new.xlf"
    untranslated.write_text(
        '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a" source-language="en" datatype="plaintext"><body>'
        '<trans-unit id="1"><source>Only a source.</source></trans-unit></body></file></xliff>',
        encoding="utf-8",
    )
    with pytest.raises(AlignError, match="no translated") as info:
        load_input(str(untranslated), "target")
    assert str(untranslated) in str(info.value) and "\n" not in str(info.value)
    # A one-language TMX has only the one text, whichever role it plays.
    one = tmp_path / "one.tmx"
    one.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" '
        'adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>'
        '<tu><tuv xml:lang="en"><seg>Only English here.</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    assert load_input(str(one), "target").text == "Only English here."


def test_xliff_2():
    src, tgt, src_lang, tgt_lang = load_translation_memory(str(FORMATS / "memory2.xlf"))
    assert (_lines(src), _lines(tgt), src_lang, tgt_lang) == (
        ["Hello world.", "Goodbye."],
        ["Hallo Welt.", "Auf Wiedersehen."],
        "en",
        "de",
    )


def test_untranslated_xliff_is_a_source_but_not_a_memory(tmp_path):
    path = tmp_path / "new.xlf"
    path.write_text(
        '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="a" source-language="en" datatype="plaintext"><body>'
        '<trans-unit id="1"><source>Only a source.</source></trans-unit></body></file></xliff>',
        encoding="utf-8",
    )
    assert load_input(str(path)).text == "Only a source."
    with pytest.raises(AlignError, match="no translated") as info:
        load_translation_memory(str(path))
    assert "\n" not in str(info.value)


def test_translation_memory_needs_a_memory_file():
    with pytest.raises(AlignError, match="not a translation memory"):
        load_translation_memory(str(FORMATS / "article.md"))


@pytest.mark.parametrize(
    ("name", "match"),
    [
        ("broken.tmx", "malformed XML"),
        ("broken.xlf", "malformed XML"),
        ("broken.html", "no main article text"),
    ],
)
def test_broken_fixtures_give_one_line(name, match):
    _one_line_error(FORMATS / name, match)


def test_broken_memories_one_line_each(tmp_path):
    for name, content, match in [
        ("wrong_root.tmx", '<?xml version="1.0"?><html><body/></html>', "not a TMX file"),
        (
            "one_language.tmx",
            '<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en">'
            "<seg>Alone.</seg></tuv></tu></body></tmx>",
            None,
        ),
        ("no_units.tmx", '<tmx version="1.4"><header srclang="en"/><body/></tmx>', "no translation units"),
        ("wrong_root.xlf", '<?xml version="1.0"?><html><body/></html>', "not an XLIFF file"),
        (
            "no_units.xlf",
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" '
            'source-language="en" datatype="plaintext"><body/></file></xliff>',
            "no translation units",
        ),
    ]:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        if match is None:  # a one-language TMX is a fine source, but not a memory to re-check
            assert load_input(str(path)).text == "Alone."
            with pytest.raises(AlignError, match="only one language") as info:
                load_translation_memory(str(path))
            assert "\n" not in str(info.value) and str(path) in str(info.value)
        else:
            _one_line_error(path, match)


@pytest.mark.parametrize(
    "name", ["story.md", "page.html", "doc.docx", "tm.tmx", "tm.xlf", "film.srt", "film.vtt", "messages.po"]
)
def test_missing_empty_and_binary_files(tmp_path, name):
    _one_line_error(tmp_path / name, "no such file")
    path = tmp_path / name
    path.write_bytes(b"  \n")
    _one_line_error(path, "empty")
    if not name.endswith(".docx"):
        path.write_bytes(b"\x00\x01\x02\x03binary" * 20)
        with pytest.raises(AlignError) as info:
            load_input(str(path))
        assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_markdown_not_utf8_and_markup_only(tmp_path):
    latin = tmp_path / "latin.md"
    latin.write_bytes("# Caf\u00e9\n".encode("latin-1"))
    _one_line_error(latin, "not valid UTF-8")
    only_code = tmp_path / "code.md"
    only_code.write_text("```\nprint(1)\n```\n", encoding="utf-8")
    _one_line_error(only_code, "no text found")


def test_html_fixture_copied_elsewhere_reads_the_same(tmp_path):
    """Nothing depends on the fixture's folder (no relative resources are fetched)."""
    copy = tmp_path / "copy.htm"
    shutil.copy(FORMATS / "article.html", copy)
    assert load_input(str(copy)).text == load_input(str(FORMATS / "article.html")).text


def test_utf16_tmx_as_cat_tools_export_it(tmp_path):
    """Trados and others write TMX as UTF-16 with a BOM; the XML declaration says so and must be honoured."""
    text = (FORMATS / "memory.tmx").read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / "utf16.tmx"
    path.write_bytes(text.encode("utf-16"))
    assert load_translation_memory(str(path)) == load_translation_memory(str(FORMATS / "memory.tmx"))


def _resx(*entries: tuple[str, str]) -> str:
    """A .NET resource file with these strings, and an icon, which is no text."""
    data = "".join(f'<data name="{k}" xml:space="preserve"><value>{v}</value></data>' for k, v in entries)
    icon = '<data name="Icon" type="System.Resources.ResXFileRef, System.Windows.Forms"><value>icon.ico</value></data>'
    return f'<?xml version="1.0" encoding="utf-8"?><root>{data}{icon}</root>'


def _resource_files(tmp_path: Path) -> dict[str, tuple[Path, Path]]:
    """One app's strings in English and Spanish, in each resource format; the Spanish lists its keys otherwise,
    lacks "storage", and marks no string untranslatable."""
    files = {
        "json": (
            '{"app": {"title": "Photos", "welcome": "Welcome back, {{name}}!", "storage": "You use 75% of 15 GB."},'
            ' "sync": "Synced every 30 minutes."}',
            '{"sync": "Sincronizado cada 30 minutos.", "app": {"welcome": "¡Hola de nuevo, {{name}}!",'
            ' "title": "Fotos"}}',
        ),
        "properties": (
            "# comment\ntitle=Photos\nwelcome=Welcome back, {0}!\nstorage=You use 75% of 15 GB.\n"
            "sync=Synced every \\\n    30 minutes.\n",
            "sync=Sincronizado cada 30 minutos.\nwelcome=¡Hola de nuevo, {0}!\ntitle=Fotos\n",
        ),
        "strings": (
            '/* comment */\n"title" = "Photos";\n"welcome" = "Welcome back, %@!";\n'
            '"storage" = "You use 75% of 15 GB.";\n"sync" = "Synced every 30 minutes.";\n',
            '"sync" = "Sincronizado cada 30 minutos.";\n"welcome" = "¡Hola de nuevo, %@!";\n"title" = "Fotos";\n',
        ),
        "resx": (
            _resx(
                ("Title", "Photos"),
                ("Welcome", "Welcome back, {0}!"),
                ("Storage", "You use 75% of 15 GB."),
                ("Sync", "Synced every 30 minutes."),
            ),
            _resx(("Sync", "Sincronizado cada 30 minutos."), ("Welcome", "¡Hola de nuevo, {0}!"), ("Title", "Fotos")),
        ),
        "yml": (
            'en:\n  title: Photos\n  welcome: "Welcome back, %{name}!"\n  storage: You use 75% of 15 GB.\n'
            '  sync:\n    one: Synced every minute.\n    other: "Synced every %{count} minutes."\n',
            'es:\n  sync:\n    one: Sincronizado cada minuto.\n    other: "Sincronizado cada %{count} minutos."\n'
            '  welcome: "¡Hola de nuevo, %{name}!"\n  title: Fotos\n',
        ),
        "xml": (
            '<?xml version="1.0" encoding="utf-8"?>\n<resources>\n<string name="app" translatable="false">PhotoBox'
            '</string>\n<string name="title">Photos</string>\n<string name="welcome">Welcome back, %1$s!</string>\n'
            '<string name="storage">You use 75% of 15 GB.</string>\n<plurals name="sync"><item quantity="one">'
            'Synced every minute.</item><item quantity="other">Synced every %d minutes.</item></plurals>\n</resources>',
            '<?xml version="1.0" encoding="utf-8"?>\n<resources>\n<plurals name="sync"><item quantity="one">'
            'Sincronizado cada minuto.</item><item quantity="other">Sincronizado cada %d minutos.</item></plurals>\n'
            '<string name="welcome">¡Hola de nuevo, %1$s!</string>\n<string name="title">Fotos</string>\n</resources>',
        ),
    }
    out = {}
    for suffix, (english, spanish) in files.items():
        en, es = tmp_path / f"en.{suffix}", tmp_path / f"es.{suffix}"
        en.write_text(english, encoding="utf-8")
        es.write_text(spanish, encoding="utf-8")
        out[suffix] = (en, es)
    return out


@pytest.mark.parametrize("suffix", ["json", "properties", "strings", "xml", "yml", "resx"])
def test_resource_files_are_paired_by_key(tmp_path, suffix):
    """A translation's resource file is read in the original's key order (its own lists them otherwise); the key it
    lacks leaves the original's string without a partner; each string is one segment, a plural by its plural form."""
    from align.pipeline import ReadOptions, read_documents

    en, es = _resource_files(tmp_path)[suffix]
    assert input_kind(str(en)) == "resource"
    _, (english, spanish) = read_documents([(en, ReadOptions()), (es, ReadOptions())], "use-m3")
    assert [s.text for s in english.sentences][0] == "Photos"  # Android's untranslatable "PhotoBox" left out
    assert english.units == [0, 1, 2, 3] and spanish.units == [0, 1, 3]  # key 2, "storage", missing
    assert english.unit_keys is not None and spanish.unit_keys is not None
    assert spanish.unit_keys[2].lower().endswith("storage")
    assert [s.text for s in spanish.sentences][0] == "Fotos"
    assert [s.text for s in english.sentences][3] in (
        "Synced every 30 minutes.",
        "Synced every %d minutes.",
        "Synced every %{count} minutes.",
    )


def test_resource_files_bad_input(tmp_path):
    empty, broken, other = tmp_path / "empty.json", tmp_path / "broken.json", tmp_path / "notes.xml"
    empty.write_text("{}", encoding="utf-8")
    broken.write_text('{"a": "b",', encoding="utf-8")
    other.write_text("<notes><p>Some text.</p></notes>\n", encoding="utf-8")
    with pytest.raises(AlignError, match="no strings in this resource file"):
        load_input(str(empty))
    with pytest.raises(AlignError, match="cannot read as a resource file"):
        load_input(str(broken))
    assert load_input(str(other)).kind == "text"  # an XML file that is no Android resource file: as before


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("es.json", "es"),
        ("locales/de/common.json", "de"),
        ("Messages_es.properties", "es"),
        ("app_pt_BR.arb", "pt-BR"),
        ("res/values-es-rES/strings.xml", "es-ES"),
        ("fr.lproj/Localizable.strings", "fr"),
        ("res/values/strings.xml", ""),
        ("messages.json", ""),
        ("zz.json", ""),  # no language of that code
    ],
)
def test_a_resource_files_language_from_its_path(path, language):
    from align.text.formats.resource_file import language_of_path

    assert language_of_path(path) == language


def test_xliff_units_not_to_translate_are_left_out(tmp_path):
    """A product name marked translate="no" has no target, and was reported as a missing sentence."""
    path = tmp_path / "ui.xlf"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file source-language="en" target-language="de" datatype="plaintext" original="ui"><body>'
        '<trans-unit id="brand" translate="no"><source>PhotoBox Pro</source></trans-unit>'
        '<group id="codes" translate="no"><trans-unit id="c1"><source>ERR_DISK_FULL</source></trans-unit></group>'
        '<trans-unit id="1"><source>Storage is almost full.</source><target>Der Speicher ist fast voll.</target>'
        "</trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    source, target, _, _ = load_translation_memory(str(path))
    assert (_lines(source), _lines(target)) == (["Storage is almost full."], ["Der Speicher ist fast voll."])


def test_cat_tool_segments_of_an_xliff_unit_are_its_segments(tmp_path):
    """Trados, memoQ and Phrase keep a paragraph's sentence segments in <seg-source> (<mrk mtype="seg" mid>), the
    target's by the same mid: each is a segment, paired by mid (a .sdlxliff was read as plain text before, its XML
    markup the words: 35 beads and no flag)."""
    path = tmp_path / "nota.docx.sdlxliff"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" '
        'xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" version="1.2" sdl:version="1.0">'
        '<file original="nota.docx" datatype="x-sdlfilterframework2" source-language="es-ES" target-language="en-US">'
        "<body><group><trans-unit id='u1'><source>Primera frase. Segunda frase.</source><seg-source>"
        '<mrk mtype="seg" mid="1">Primera frase.</mrk> <mrk mtype="seg" mid="2">Segunda <g id="1">frase</g>.</mrk>'
        '</seg-source><target><mrk mtype="seg" mid="2">Second <g id="1">sentence</g>.</mrk> '
        '<mrk mtype="seg" mid="1">First sentence.</mrk></target></trans-unit></group>'
        '<trans-unit id="u2"><source>Tercera.</source><seg-source><mrk mtype="seg" mid="3">Tercera.</mrk>'
        "</seg-source><target/></trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    source, target, source_lang, target_lang = load_translation_memory(str(path))
    assert (source_lang, target_lang) == ("es-ES", "en-US")
    assert _lines(source) == ["Primera frase.", "Segunda frase.", "Tercera."]
    assert _lines(target) == ["First sentence.", "Second sentence."]  # the third segment not translated yet
    assert (source.units, target.units) == ([0, 1, 2], [0, 1])
    assert [code.key for code in target.inline_codes] == ["g#1", "/g#1"]


def test_an_xcode_string_catalog_is_a_memory_of_several_languages():
    """Every language of an app in one JSON file: the key is the source text, a plural string a unit per form, a
    string marked shouldTranslate false none, one not translated yet (state "new") or not at all has no target."""
    path = str(FORMATS / "Localizable.xcstrings")
    assert input_kind(path) == "xcstrings"
    english = load_input(path, "source")
    spanish, german = load_input(path, "target", "es"), load_input(path, "target", "de")
    assert _lines(english) == [
        "Your changes have been saved.",
        "Do not turn off the device during the update.",
        "%lld file",
        "%lld files",
        "The download is 25 MB.",
    ]
    assert _lines(spanish)[2:] == ["%lld archivo", "%lld archivos", "La descarga ocupa 52 MB."]
    assert (english.units, spanish.units, german.units) == ([0, 1, 2, 3, 4], [0, 1, 2, 3, 4], [0, 1, 2])
    assert load_input(path, "target").lang_tag == "de"  # without a language: the first translation


def test_xcode_string_catalog_broken_variants(tmp_path):
    broken = tmp_path / "Localizable.xcstrings"
    broken.write_text('{"sourceLanguage": "en", "strings": {', encoding="utf-8")
    _one_line_error(broken, "not valid JSON")
    other = tmp_path / "Other.xcstrings"
    other.write_text('{"name": "x"}', encoding="utf-8")
    _one_line_error(other, "not an Xcode string catalog")


def test_a_latin1_properties_file(tmp_path):
    """Java read .properties files as ISO 8859-1 until Java 9: such a file was refused ("Cannot detect encoding")."""
    path = tmp_path / "Messages_es.properties"
    path.write_bytes("title=Café del mar\nmsg=Se eliminaron los archivos.\n".encode("latin-1"))
    assert _lines(load_input(str(path))) == ["Café del mar", "Se eliminaron los archivos."]
