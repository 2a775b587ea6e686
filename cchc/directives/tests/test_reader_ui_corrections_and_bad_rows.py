"""The Office corrects the proposal before confirming: edits a row, removes one, adds one; a bad row is
refused with a message naming it, and nothing is created."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.directives.models import Directive, Task
from cchc.directives.tests.conftest import URLS, form_values, seed_upload
from cchc.directives.tests.pdfs import build_pdf
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


@pytest.fixture
def review(client, world):
    login_verified(client, world.users["office"])
    url = client.post(reverse("directives:reader_upload"), {"file": seed_upload()})["Location"]
    values = form_values(client.get(url).content.decode(), "review-form")
    for i in (16, 17, 18):
        values[f"rows-{i}-remove"] = "on"
    return url, values


def test_edited_removed_and_added_rows_are_what_gets_assigned(client, world, review):
    url, values = review
    values["rows-13-text"] = "Tổng hợp, đôn đốc các cơ quan thực hiện nhiệm vụ UBND tỉnh giao (đã sửa)"
    values["rows-13-due"] = "2022-10-14"
    values["rows-25-remove"] = "on"
    # "Thêm dòng" re-renders the form with one more row.
    page = client.post(url, {**values, "action": "add_row"}).content.decode()
    values = form_values(page, "review-form")
    assert values["rows-TOTAL_FORMS"] == "27"
    values.update(
        {
            "rows-26-section": "6",
            "rows-26-text": "Báo cáo kết quả thực hiện Công văn này trước ngày 15/12/2022",
            "rows-26-lead_units": str(world.units["p2"].pk),
            "rows-26-due": "2022-12-15",
            "action": "confirm",
        }
    )
    assert client.post(url, values).status_code == 302
    d = Directive.objects.get()
    edited = Task.objects.get(directive=d, text__endswith="(đã sửa)")
    assert edited.lead_unit == world.units["vp"] and str(edited.deadline.due) == "2022-10-14"
    assert not Task.objects.filter(section="3").exists()
    assert Task.objects.filter(section="5").count() == 1  # the removed row is not assigned
    added = Task.objects.get(section="6")
    assert added.lead_unit == world.units["p2"] and str(added.deadline.due) == "2022-12-15"


def test_a_row_without_lead_unit_is_named_and_nothing_is_created(client, world, review):
    url, values = review
    values.pop("rows-16-remove")  # Finance–Planning: unmatched, no unit chosen
    response = client.post(url, {**values, "action": "confirm"})
    assert response.status_code == 200
    assert "Dòng 17: chưa chọn đơn vị chủ trì." in response.content.decode()
    assert not Directive.objects.exists() and not Task.objects.exists()


def test_a_deadline_before_the_document_date_is_named(client, world, review):
    url, values = review
    values["rows-2-due"] = "2022-08-01"
    response = client.post(url, {**values, "action": "confirm"})
    assert "Dòng 3: hạn 01/08/2022 trước ngày ban hành văn bản." in response.content.decode()
    assert not Directive.objects.exists()


def test_a_duplicate_number_is_refused_on_the_number_field(client, world, review):
    import datetime as dt

    from cchc.directives.actions_register import register_directive
    from cchc.directives.tests.conftest import make_task  # noqa: F401  (fixture module)

    register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "number": "7190",
            "symbol": "UBND-NV",
            "date": dt.date(2022, 8, 15),
            "issuer": "UBND",
            "subject": "x",
            "doc_type": "cong_van",
        },
    )
    url, values = review
    html = client.post(url, {**values, "action": "confirm"}).content.decode()
    assert "đã có trong sổ" in html
    assert not Task.objects.exists()


def test_a_scanned_pdf_is_refused_with_a_clear_message_and_nothing_is_kept(client, world):
    from cchc.directives.models import DirectiveUpload

    login_verified(client, world.users["office"])
    scan = SimpleUploadedFile("scan.pdf", build_pdf(None), content_type="application/pdf")
    html = client.post(reverse("directives:reader_upload"), {"file": scan}).content.decode()
    assert "không có lớp chữ — cần nhận dạng ký tự (OCR)" in html
    assert not DirectiveUpload.objects.exists()


def test_an_unsupported_file_type_is_refused(client, world):
    login_verified(client, world.users["office"])
    odd = SimpleUploadedFile("bang.xlsx", b"PK\x03\x04", content_type="application/octet-stream")
    html = client.post(reverse("directives:reader_upload"), {"file": odd}).content.decode()
    assert "chỉ nhận tệp .txt, .docx hoặc .pdf" in html
