"""An organisation file (units or officials) whose cell holds a NUL — a raw byte in a CSV, ``_x0000_`` in a
workbook's XML — is refused naming the row and the column: exit 2 from ``cchc import-org``, an error on
the file field of the import page, nothing written. PostgreSQL cannot keep a NUL in a text, so the
import used to stop while writing (SQLite kept it silently)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from cchc.org.tests.conftest import org_snapshot, xlsx_bytes
from cchc.testing.personas import login_verified

SAYS = "Dòng 2, cột B chứa ký tự NUL (mã 0)"
HEADING = ["mã cán bộ", "họ và tên", "mã đơn vị"]


def csv_with_a_nul() -> bytes:
    return "mã cán bộ,họ và tên,mã đơn vị\nCB-NUL-1,Trịnh\x00Lệnh,NV\n".encode()


def workbook_with_a_nul() -> bytes:
    book = xlsx_bytes([HEADING, ["CB-NUL-1", "TrịnhQQNULQQLệnh", "NV"]])
    src = zipfile.ZipFile(io.BytesIO(book))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item).replace(b"QQNULQQ", b"_x0000_"))
    return out.getvalue()


FILES = {"can-bo.csv": csv_with_a_nul, "can-bo.xlsx": workbook_with_a_nul}


@pytest.mark.parametrize("name", FILES)
def test_the_command_names_the_row_and_column_and_exits_2(world, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(FILES[name]())
    before = org_snapshot()
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("import_org", str(path), "--jurisdiction", "747", stdout=io.StringIO(), stderr=err)
    assert exc.value.code == 2
    assert SAYS in err.getvalue()
    assert org_snapshot() == before


@pytest.mark.parametrize("name", FILES)
def test_the_import_page_names_the_row_and_column_and_writes_nothing(client, world, name):
    login_verified(client, world.users["secretariat"])
    before = org_snapshot()
    upload = SimpleUploadedFile(name, FILES[name]())
    response = client.post(reverse("org:import"), {"file": upload, "kind": ""})
    assert response.status_code < 500
    assert SAYS in response.content.decode()
    assert response.context.get("token") is None
    assert org_snapshot() == before
