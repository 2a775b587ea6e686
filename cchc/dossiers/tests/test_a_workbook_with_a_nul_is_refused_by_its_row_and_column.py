"""A dossier workbook whose cell holds a NUL (written ``_x0000_`` in the sheet's XML, which the
spreadsheet reader turns into the character) is refused with the row and the column that hold it:
exit 2 from the import, a Vietnamese message on the import page, nothing written — instead of a
database error or a traceback while writing."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.dossiers.models import Dossier, ImportBatch, ImportStatus
from cchc.dossiers.tests.import_helpers import as_rows, as_xlsx, make_catalogue, run_command, sample
from cchc.testing.personas import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.import_urls")]

MARK = "QQMARKQQ"
# The reader keeps ``_xD800_`` as those seven letters, so a lone surrogate cannot come this way.
CASES = {"NUL": ("_x0000_", "chứa ký tự NUL (mã 0)")}


def workbook_with(escape: str, heading: bool = False) -> bytes:
    """The sample as a workbook, the third dossier's ChuHoSo (row 4) or the heading ChuHoSo holding the
    character as the sheet's XML escapes it."""
    rows = sample()
    if heading:
        rows = [{(f"Chu{MARK}HoSo" if k == "ChuHoSo" else k): v for k, v in r.items()} for r in rows]
    else:
        rows[2]["ChuHoSo"] = f"Nguyễn{MARK}Văn"
    src = zipfile.ZipFile(io.BytesIO(as_xlsx(rows)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item).replace(MARK.encode(), escape.encode()))
    return out.getvalue()


def run(path) -> tuple[int, str]:
    code, _, err = run_command("import_dossiers", str(path), "--quiet")
    return code, err


@pytest.mark.parametrize("case", CASES)
def test_the_import_names_the_row_and_column_and_writes_nothing(world, tmp_path, case):
    make_catalogue()
    escape, sentence = CASES[case]
    path = tmp_path / "hoso.xlsx"
    path.write_bytes(workbook_with(escape))
    code, err = run(path)
    assert code == 2, err
    assert f"Dòng 4 {sentence}" in err and "ở trường ChuHoSo" in err
    assert "Traceback" not in err
    assert not Dossier.objects.exists()


def test_a_nul_in_the_heading_is_named_as_row_1_by_its_column_letter(world, tmp_path):
    make_catalogue()
    path = tmp_path / "hoso.xlsx"
    path.write_bytes(workbook_with("_x0000_", heading=True))
    code, err = run(path)
    assert code == 2, err
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[as_rows(sample())[0].index("ChuHoSo")]
    assert f"Dòng 1, cột {letter} chứa ký tự NUL (mã 0)" in err
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("case", CASES)
def test_the_import_page_names_the_row_and_column_and_writes_nothing(client, world, case):
    make_catalogue()
    escape, sentence = CASES[case]
    login_verified(client, world.users["one_stop"])
    upload = SimpleUploadedFile("hoso.xlsx", workbook_with(escape))
    response = client.post("/ho-so/nhap/", {"file": upload}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Dòng 4 {sentence}" in page and "ở trường ChuHoSo" in page
    assert not Dossier.objects.exists()
    assert not ImportBatch.objects.filter(status=ImportStatus.DONE).exists()
