"""Administrative documents in the Nghị định 30/2020 layout (docs/rules/official-documents.md), as DOCX and as
PDF.

The generic part of the dossiers' apology letter (``cchc.dossiers.letters``), moved here so petitions'
written notices (``cchc.feedback.documents``) print the same way: national motto block, issuing body
(with its parent above it), number and symbol, place and date, title (and trích yếu), "Kính gửi", the
body, "Nơi nhận" and the signer block. Each app builds an ``OfficialDocument`` (who issues and signs
comes from ``cchc.org.letterhead``); this module only lays it out and knows no app. The PDF is
drawn by WeasyPrint with the Debian fonts (Liberation Serif stands in for Times New Roman: same
metrics).
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

FONT = "Times New Roman"  # ND 30 Phụ lục I; the PDF falls back to Liberation Serif (same metrics)
PDF_TEMPLATE = "core/official_document.html"


def date_line(place: str, on: dt.date) -> str:
    """ND 30 Phụ lục I: days below 10 and months 1–2 take a leading 0 (we pad every month: the
    apology letter always did, and "tháng 06" reads the same)."""
    return f"{place}, ngày {on.day:02d} tháng {on.month:02d} năm {on.year}"


@dataclass(frozen=True)
class Block:
    """One paragraph of the body; a heading is printed bold and without the first-line indent."""

    text: str
    heading: bool = False


@dataclass
class OfficialDocument:
    parent_body: str
    issuing_body: str
    number: str
    place: str
    issued_on: dt.date
    title: str
    blocks: list[Block]
    recipients: list[str]
    signer_prefix: str = ""
    signer_title: str = ""
    signer_name: str = ""
    subject: str = ""  # "V/v …" under the number (công văn, letters)
    summary: str = ""  # trích yếu under the title of a typed document (Thông báo …)
    addressee: str = ""
    address: str = ""
    doc_title: str = ""  # the file's title property
    doc_subject: str = ""  # the file's subject property (e.g. the form reference)
    footnote: str = ""  # a small line after the signer block (e.g. "copy with personal data hidden")

    @property
    def number_line(self) -> str:
        return f"Số: {self.number or '……/……'}"

    @property
    def place_date_line(self) -> str:
        return date_line(self.place, self.issued_on)

    @property
    def recipient_lines(self) -> list[str]:
        items = self.recipients
        return [f"- {item}{'.' if i == len(items) - 1 else ';'}" for i, item in enumerate(items)]


# --- DOCX --------------------------------------------------------------------------------------


def nd30_docx(title: str, subject: str | None = None) -> Any:
    """An empty python-docx document on the ND 30 page: A4, its margins, 13 pt Times New Roman."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    # ND 30 Phụ lục I: A4; margins top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    doc.core_properties.title = title
    if subject is not None:
        doc.core_properties.subject = subject
    return doc


def para(
    where: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
    align: Any = None,
    first: bool = False,
) -> Any:
    """A paragraph in a document or table cell (``first``: the cell's own empty first paragraph)."""
    from docx.shared import Pt

    p = where.paragraphs[0] if first else where.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    return p


def nd30_header(
    doc: Any,
    *,
    parent_body: str,
    issuing_body: str,
    number_line: str,
    place_date_line: str,
    subject: str = "",
    widths_cm: tuple[float, float] = (6.5, 10),
) -> None:
    """ND 30's header table: issuing body (under its parent) and number/symbol on the left, the national
    motto and place and date on the right."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    center = WD_ALIGN_PARAGRAPH.CENTER
    head = doc.add_table(rows=2, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = head.cell(0, 0), head.cell(0, 1)
    left.width, right.width = Cm(widths_cm[0]), Cm(widths_cm[1])
    first = True
    if parent_body:
        para(left, parent_body, size=12, align=center, first=True)
        first = False
    para(left, issuing_body, bold=True, size=12, align=center, first=first)
    para(left, "_______", align=center)
    para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=center, first=True)
    para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, align=center)
    para(right, "_______________", align=center)
    para(head.cell(1, 0), number_line, align=center, first=True)
    if subject:
        para(head.cell(1, 0), subject, size=12, align=center)
    para(head.cell(1, 1), place_date_line, italic=True, align=center, first=True)


def render_docx(data: OfficialDocument) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = nd30_docx(data.doc_title or data.title, data.doc_subject)

    center = WD_ALIGN_PARAGRAPH.CENTER
    nd30_header(
        doc,
        parent_body=data.parent_body,
        issuing_body=data.issuing_body,
        number_line=data.number_line,
        place_date_line=data.place_date_line,
        subject=data.subject,
        widths_cm=(6.5, 10),
    )

    para(doc, "")
    para(doc, data.title, bold=True, align=center)
    if data.summary:
        para(doc, data.summary, bold=True, align=center)
        para(doc, "_______", align=center)
    para(doc, "")
    if data.addressee:
        para(doc, f"Kính gửi: {data.addressee}", align=center)
    if data.address:
        para(doc, f"Địa chỉ: {data.address}", align=center, size=12)
    para(doc, "")
    for block in data.blocks:
        if block.heading:
            p = para(doc, block.text, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        else:
            p = para(doc, block.text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
            p.paragraph_format.first_line_indent = Cm(1)
        p.paragraph_format.space_after = Pt(6)

    para(doc, "")
    sign = doc.add_table(rows=1, cols=2)
    recv, signer = sign.cell(0, 0), sign.cell(0, 1)
    recv.width, signer.width = Cm(7.5), Cm(9)
    para(recv, "Nơi nhận:", bold=True, italic=True, size=12, first=True)
    for line in data.recipient_lines:
        para(recv, line, size=11)
    first = True
    if data.signer_prefix:
        para(signer, data.signer_prefix, bold=True, align=center, first=True)
        first = False
    para(signer, data.signer_title, bold=True, align=center, first=first)
    for _ in range(4):
        para(signer, "")
    para(signer, data.signer_name, bold=True, align=center)
    if data.footnote:
        para(doc, "")
        para(doc, data.footnote, italic=True, size=10)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF ---------------------------------------------------------------------------------------


def render_pdf(data: OfficialDocument, template: str = PDF_TEMPLATE) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, {"doc": data})
    return bytes(HTML(string=html).write_pdf())


# --- reading them back (tests, and a quick look from the shell) --------------------------------


def docx_text(content: bytes) -> str:
    """All the text of a DOCX, tables included."""
    from docx import Document

    doc = Document(io.BytesIO(content))
    parts: list[str] = []
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    parts.extend(p.text for p in doc.paragraphs)
    return "\n".join(parts)


def pdf_text(content: bytes) -> str:
    """The text of a PDF as poppler's ``pdftotext`` reads it (Debian package poppler-utils)."""
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return done.stdout.decode()
