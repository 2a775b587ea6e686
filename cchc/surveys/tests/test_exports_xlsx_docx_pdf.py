"""Every results table exports to XLSX (with the raw anonymous answers for those who may read them),
and the campaign summary to DOCX and PDF, with the engine's figures."""

import io

import pytest
from django.urls import reverse

from cchc.surveys.tests.conftest import URLS, store
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


@pytest.fixture
def answered(world, campaign):
    store(campaign, world.units["p1"], [{"E1.1": 5, "E2.1": 4}, {"E1.1": 2, "E2.1": 4}])
    return campaign


def sheets(content):
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_the_xlsx_has_units_items_months_published_figures_and_raw_answers(client, world, answered):
    login_verified(client, world.users["secretariat"])
    book = sheets(client.get(reverse("surveys:export_xlsx", args=[answered.pk])).content)
    assert set(book) == {"Đơn vị", "Tiêu chí", "Theo tháng", "SIPAS đã công bố", "Phiếu (ẩn danh)"}
    p1 = next(row for row in book["Đơn vị"] if row[0] == "UBND Phường 1")
    assert p1[1] == 2 and p1[2] == 75.0  # E1 50 %, E2 100 %: mean of the two elements
    e11 = next(row for row in book["Tiêu chí"] if row[0] == "UBND Phường 1" and row[1] == "E1.1")
    assert e11[3:6] == [2, 1, 50.0]
    assert len(book["Phiếu (ẩn danh)"]) == 3 + 2


def test_a_ward_officer_gets_the_tables_of_the_ward_without_raw_answers(client, world, answered):
    login_verified(client, world.users["ward_officer"])
    book = sheets(client.get(reverse("surveys:export_xlsx", args=[answered.pk])).content)
    assert "Phiếu (ẩn danh)" not in book
    assert not any(row and row[0] == "UBND Phường 2" for row in book["Đơn vị"])


def test_the_docx_and_pdf_summaries_carry_the_overall_index(client, world, answered):
    login_verified(client, world.users["leader"])
    docx = client.get(reverse("surveys:export_docx", args=[answered.pk]))
    from docx import Document

    doc = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in doc.paragraphs) + "".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )
    assert "75,00%" in text and "UBND Phường 1" in text
    pdf = client.get(reverse("surveys:export_pdf", args=[answered.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
