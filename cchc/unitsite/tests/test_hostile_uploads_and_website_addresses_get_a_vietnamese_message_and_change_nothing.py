"""Hostile or broken input on the unit-website forms — files that are not what their name says, empty,
too big or compressed-file bombs; website addresses that are not an https origin (http, paths, user
names, IP literals, wildcards in the wrong place, script, control characters, 10,000 characters) — is
answered with a Vietnamese message naming the field, a 4xx, and no row changed."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.testing.personas import login_verified
from cchc.unitsite import actions
from cchc.unitsite.models import EmbedOrigin, UnitDocument
from cchc.unitsite.origins import normalise_origin
from cchc.unitsite.tests.conftest import PDF


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (300 * 1024 * 1024))
    return buffer.getvalue()


BAD_FILES: list[tuple[str, bytes, str]] = [
    ("virus.exe", b"MZ\x90\x00", "chỉ nhận tệp PDF"),
    ("trang.html", b"<script>alert(1)</script>", "chỉ nhận tệp PDF"),
    ("gia.pdf", b"<html>not a pdf</html>", "không phải tệp PDF hợp lệ"),
    ("rong.pdf", b"", "rỗng"),
    ("gia.docx", b"%PDF-1.4 renamed", "không phải tệp Word"),
    ("bom.docx", _bomb(), "bom.docx"),
]


def _form(**changes: Any) -> dict[str, Any]:
    data = {
        "kind": "decision",
        "number": "21/QĐ-UBND",
        "issued_on": "2024-05-02",
        "subject": "Quyết định thử",
        "issuer": "UBND Phường 1",
        "validity": "in_force",
    }
    data.update(changes)
    return data


def _rows() -> list[Any]:
    return [list(UnitDocument.objects.values()), list(EmbedOrigin.objects.values())]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES, ids=[f[0] for f in BAD_FILES])
def test_a_file_that_is_not_a_real_pdf_or_docx_is_refused(client, world, name, content, message):
    login_verified(client, world.users["ward_officer"])
    before = _rows()
    response = client.post(
        reverse("unitsite:document_add", args=[world.units["p1"].pk]),
        {**_form(), "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _rows() == before


def test_a_file_over_the_size_limit_is_refused(client, world, monkeypatch):
    monkeypatch.setattr(actions, "MAX_UPLOAD_BYTES", 1024)
    login_verified(client, world.users["ward_officer"])
    response = client.post(
        reverse("unitsite:document_add", args=[world.units["p1"].pk]),
        {**_form(), "file": SimpleUploadedFile("lon.pdf", PDF + b"0" * 2048)},
    )
    assert response.status_code == 400
    assert "lớn hơn 20 MB" in response.content.decode()
    assert not UnitDocument.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("issued_on", "2024-02-30", "Ngày ban hành"),
        ("issued_on", "0001-01-01", "nằm ngoài khoảng hợp lý"),
        ("number", "không có số", "cần có số văn bản"),
        ("number", "x" * 400, "Số, ký hiệu"),
        ("kind", "khong-co", "Loại văn bản"),
        ("validity", "replaced", "Văn bản thay thế"),
        ("subject", "   ", "Trích yếu"),
    ],
)
def test_bad_fields_are_named_in_the_message(client, world, field, value, message):
    login_verified(client, world.users["ward_officer"])
    response = client.post(
        reverse("unitsite:document_add", args=[world.units["p1"].pk]),
        {**_form(**{field: value}), "file": SimpleUploadedFile("qd.pdf", PDF)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not UnitDocument.objects.exists()


HOSTILE_ADDRESSES = [
    ("http://phuong1.vungtau.gov.vn", "chỉ nhận trang chạy https"),
    ("phuong1.vungtau.gov.vn", "chỉ nhận trang chạy https"),
    ("https://phuong1.vungtau.gov.vn/trang-chu", "không ghi đường dẫn"),
    ("https://user:pass@phuong1.vungtau.gov.vn", "không ghi đường dẫn, tài khoản"),
    ("https://phuong1.vungtau.gov.vn?x=1", "không ghi đường dẫn"),
    ("https://*", "dấu * chỉ được đặt ở đầu"),
    ("*", "chỉ nhận trang chạy https"),
    ("https://*.vn", "tên miền không hợp lệ"),
    ("https://phuong1.*.gov.vn", "dấu * chỉ được đặt ở đầu"),
    ("https://192.168.1.10", "không nhận địa chỉ IP"),
    ("https://[::1]", "không nhận địa chỉ IP"),
    ("https://localhost", "tên miền không hợp lệ"),
    ("https://phuong1.vungtau.gov.vn:99999", "số cổng"),
    ("https://phuong1.vungtau.gov.vn:0", "số cổng"),
    ("https://phuong1.vungtau.gov.vn 'unsafe-inline'", "khoảng trắng"),
    ("https://a.vn; script-src *", "khoảng trắng"),
    ("https://a.vn;script-src", "không ghi đường dẫn"),
    ("javascript:alert(1)", "chỉ nhận trang chạy https"),
    ("https://<script>.vn", "không ghi đường dẫn"),
    ("https://-bad-.vn", "tên miền không hợp lệ"),
    ("https://a..vn", "tên miền không hợp lệ"),
    ("https://" + "a" * 300 + ".vn", "dài quá"),
    ("https://phuong1\u202e.vn", "tên miền không hợp lệ"),
    ("https://phuong1.vn\r\nSet-Cookie: x", "khoảng trắng"),
    ("", "cần nhập địa chỉ"),
]


@pytest.mark.parametrize(("raw", "message"), HOSTILE_ADDRESSES, ids=range(len(HOSTILE_ADDRESSES)))
def test_a_hostile_website_address_is_refused_with_a_vietnamese_message(raw, message):
    with pytest.raises(ValidationError) as caught:
        normalise_origin(raw)
    text = " ".join(caught.value.message_dict["origin"])
    assert text.startswith("Địa chỉ trang web"), text
    assert message in text, text


def test_good_addresses_are_stored_as_browsers_compare_them():
    assert normalise_origin(" HTTPS://Phuong1.VungTau.gov.vn/ ") == "https://phuong1.vungtau.gov.vn"
    assert normalise_origin("https://*.vungtau.gov.vn") == "https://*.vungtau.gov.vn"
    assert normalise_origin("https://cong.phường1.vn:8443") == "https://cong.xn--phng1-grb7933c.vn:8443"


def test_the_website_form_refuses_hostile_addresses_and_changes_nothing(client, world):
    login_verified(client, world.users["unit_head"])
    url = reverse("unitsite:embed", args=[world.units["p1"].pk])
    for raw, message in HOSTILE_ADDRESSES:
        response = client.post(url, {"origin": raw})
        assert response.status_code == 400, raw
        assert message in response.content.decode(), raw
    assert not EmbedOrigin.objects.exists()
    client.post(url, {"origin": "https://phuong1.vungtau.gov.vn"})
    response = client.post(url, {"origin": "https://PHUONG1.vungtau.gov.vn/"})
    assert response.status_code == 400
    assert "đã được đăng ký" in response.content.decode()
    assert EmbedOrigin.objects.count() == 1
