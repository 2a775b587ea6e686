"""The Office keeps the register by hand too: enters a directive with its file, edits it, attaches
txt/docx/pdf files (a scanned PDF is kept but said to be unreadable), links it to other documents.
Errors are in Vietnamese, name the field and change nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.core.models import AuditEvent
from cchc.directives.models import Directive, DirectiveFile, DirectiveLink
from cchc.directives.tests.conftest import URLS, seed_upload
from cchc.directives.tests.pdfs import build_pdf
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)

FORM = {
    "direction": "received",
    "doc_type": "cong_van",
    "number": "9228",
    "symbol": "UBND-SNV",
    "date": "2022-08-02",
    "issuer": "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu",
    "subject": "triển khai thực hiện giải pháp cải thiện kết quả chỉ số PAR INDEX, chỉ số SIPAS năm 2022",
    "recipients": "- Các sở, ban, ngành;\n- UBND các huyện, thị xã, thành phố",
}


def docx_bytes(text: str) -> bytes:
    from docx import Document

    doc = Document()
    for line in text.splitlines():
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_the_office_enters_a_directive_with_its_file(client, world):
    login_verified(client, world.users["office"])
    response = client.post(reverse("directives:directive_create"), {**FORM, "file": seed_upload()})
    assert response.status_code == 302
    d = Directive.objects.get()
    assert d.reference == "9228/UBND-SNV" and d.recipients == [
        "Các sở, ban, ngành",
        "UBND các huyện, thị xã, thành phố",
    ]
    assert d.files.count() == 1 and "PAR INDEX" in d.text
    assert AuditEvent.objects.filter(verb="directive.registered", object_id=str(d.pk)).exists()


def test_missing_or_duplicate_fields_are_named_and_nothing_is_saved(client, world):
    login_verified(client, world.users["office"])
    html = client.post(reverse("directives:directive_create"), {**FORM, "number": ""}).content.decode()
    assert "Chưa nhập mục này." in html and not Directive.objects.exists()
    client.post(reverse("directives:directive_create"), FORM)
    html = client.post(reverse("directives:directive_create"), FORM).content.decode()
    assert "Văn bản số 9228/UBND-SNV ngày 02/08/2022 đã có trong sổ." in html
    assert Directive.objects.count() == 1


def test_editing_keeps_an_audit_diff(client, world, directive):
    login_verified(client, world.users["office"])
    url = reverse("directives:directive_edit", args=[directive.pk])
    from cchc.directives.forms import DirectiveForm

    values = {k: v for k, v in DirectiveForm.initial_from(directive).items() if v is not None}
    values["date"] = "2022-08-15"
    values["place"] = "TP. Vũng Tàu"
    assert client.post(url, values).status_code == 302
    directive.refresh_from_db()
    assert directive.place == "TP. Vũng Tàu"
    event = AuditEvent.objects.filter(verb="directive.updated").latest("id")
    assert event.data["place"] == ["Vũng Tàu", "TP. Vũng Tàu"]


@pytest.mark.parametrize(
    ("name", "content", "readable"),
    [
        ("van-ban.txt", "Số: 12/UBND-VP\nNội dung thử".encode(), True),
        ("van-ban.docx", docx_bytes("Số: 12/UBND-VP\nNội dung thử"), True),
        ("van-ban.pdf", build_pdf("So: 12/UBND-VP - noi dung thu nghiem cua van ban"), True),
        ("ban-scan.pdf", build_pdf(None), False),
    ],
)
def test_txt_docx_and_text_layer_pdf_files_are_read(client, world, directive, name, content, readable):
    login_verified(client, world.users["office"])
    upload = SimpleUploadedFile(name, content)
    response = client.post(reverse("directives:file_add", args=[directive.pk]), {"file": upload}, follow=True)
    html = response.content.decode()
    row = DirectiveFile.objects.get(directive=directive)
    directive.refresh_from_db()
    if readable:
        assert "12/UBND-VP" in directive.text.replace("So:", "Số:")
        assert "không có lớp chữ — cần nhận dạng ký tự (OCR)" not in html
    else:
        assert "không có lớp chữ — cần nhận dạng ký tự (OCR)" in html and directive.text == ""
    download = client.get(reverse("directives:file_download", args=[directive.pk, row.pk]))
    assert b"".join(download.streaming_content) == content


def test_a_file_of_another_type_is_refused(client, world, directive):
    login_verified(client, world.users["office"])
    upload = SimpleUploadedFile("anh.png", b"\x89PNG....")
    response = client.post(reverse("directives:file_add", args=[directive.pk]), {"file": upload}, follow=True)
    assert "chỉ nhận tệp .txt, .docx hoặc .pdf" in response.content.decode()
    assert not DirectiveFile.objects.exists()


def test_links_are_added_resolved_and_removed(client, world, directive):
    from cchc.directives.actions_register import register_directive

    cited = register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {**{k: v for k, v in FORM.items() if k != "recipients"}, "date": dt.date(2022, 8, 2)},
    )
    login_verified(client, world.users["office"])
    url = reverse("directives:link_add", args=[directive.pk])
    client.post(url, {"kind": "implements", "reference": "9228 / UBND-SNV", "cited_date": "2022-08-02"})
    link = DirectiveLink.objects.get(source=directive)
    assert link.reference == "9228/UBND-SNV" and link.target == cited
    page = client.post(url, {"kind": "cites", "reference": "4861"}, follow=True).content.decode()
    assert "ghi số và ký hiệu dạng 4861/UBND-NV" in page
    page = client.post(url, {"kind": "cites", "reference": "7190/UBND-NV"}, follow=True).content.decode()
    assert "không thể dẫn chiếu chính nó" in page
    assert DirectiveLink.objects.count() == 1
    client.post(reverse("directives:link_remove", args=[directive.pk, link.pk]))
    assert not DirectiveLink.objects.exists()


def test_python_docx_missing_gives_a_vietnamese_message(monkeypatch):
    import sys

    from cchc.directives.actions_register import extract_text
    from cchc.lib.docreader import ReaderError

    content = docx_bytes("x")
    monkeypatch.setitem(sys.modules, "docx", None)  # what an installation without python-docx sees
    with pytest.raises(ReaderError, match="pip install python-docx"):
        extract_text(content, "a.docx")
