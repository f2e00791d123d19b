"""PDF pages written line by line with reportlab, so PDF tests say what each page shows where."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

BODY = 11.0
_LEFT, _RIGHT, _TOP = 72.0, 320.0, A4[1] - 90.0


def write_pdf(
    path: Path,
    pages: list[list[str]],
    *,
    running_head: str = "",
    page_numbers: bool = True,
    footnotes: dict[int, str] | None = None,
    right_column: list[list[str]] | None = None,
    password: str = "",
) -> Path:
    """Each page's lines from the top of its text area down; "" is a paragraph break (a blank line), a line
    starting with "# " is set as a 20-point heading. The running head stands in the top margin of every page,
    the page number and a page's footnote (by page index) in the bottom margin; a page's `right_column` lines
    stand beside its own from the same height. A password encrypts the file."""
    sheet = canvas.Canvas(str(path), pagesize=A4, encrypt=password or None)
    for number, lines in enumerate(pages):
        if running_head:
            sheet.setFont("Helvetica", 8)
            sheet.drawString(_LEFT, A4[1] - 40, running_head)
        _draw(sheet, lines, _LEFT)
        if right_column:
            _draw(sheet, right_column[number], _RIGHT)
        if footnotes and number in footnotes:
            sheet.setFont("Helvetica", 7)
            sheet.drawString(_LEFT, 62, footnotes[number])
        if page_numbers:
            sheet.setFont("Helvetica", 8)
            sheet.drawRightString(A4[0] - _LEFT, 30, str(number + 1))
        sheet.showPage()
    sheet.save()
    return path


def _draw(sheet: canvas.Canvas, lines: list[str], x: float) -> None:
    y = _TOP
    for line in lines:
        size = 20.0 if line.startswith("# ") else BODY
        if line:
            sheet.setFont("Helvetica-Bold" if size > BODY else "Helvetica", size)
            sheet.drawString(x, y, line.removeprefix("# "))
        y -= size * 1.25 if line else BODY * 1.6
