"""Compressed-file bombs, a 200,000-deep JSON file and a file no library can read: the command exits 2
and the web page answers with a Vietnamese message — no batch left running, nothing written."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

from cchc.dossiers.models import Dossier, ImportBatch
from cchc.dossiers.tests.import_helpers import make_catalogue
from cchc.testing.personas import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.import_urls")]
SMALL = {"CCHC_IMPORT_MAX_UNCOMPRESSED_BYTES": 2 * 1024 * 1024}


def bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (8 * 1024 * 1024) + b"</worksheet>")
    return buf.getvalue()


def run(path) -> tuple[int, str]:
    err = io.StringIO()
    try:
        call_command("import_dossiers", str(path), "--quiet", stdout=io.StringIO(), stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), err.getvalue()
    return 0, err.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("hoso.xlsx", bomb(), "giải nén lớn hơn 2 MB"),
        ("hoso.json", b"[" * 200_000 + b"]" * 200_000, "lồng nhau quá nhiều tầng"),
        ("hoso.xlsx", b"PK\x03\x04 this is not a workbook", "không phải bảng tính"),
        ("hoso.xlsx", b"\x00\x01garbage", "Tệp Excel không đọc được"),
    ],
)
def test_the_command_exits_2_with_a_vietnamese_reason(world, tmp_path, name, content, says):
    path = tmp_path / name
    path.write_bytes(content)
    with override_settings(**SMALL):
        code, err = run(path)
    assert code == 2
    assert says in err
    assert "Cannot" not in err and "Error" not in err and "Traceback" not in err


def test_the_web_page_refuses_a_bomb_at_once_and_creates_no_batch(client, world):
    make_catalogue()
    login_verified(client, world.users["office"])
    with override_settings(**SMALL):
        response = client.post("/ho-so/nhap/", {"file": SimpleUploadedFile("hoso.xlsx", bomb())})
    assert response.status_code == 400
    assert "giải nén lớn hơn 2 MB" in response.content.decode()
    assert not ImportBatch.objects.exists() and not Dossier.objects.exists()
