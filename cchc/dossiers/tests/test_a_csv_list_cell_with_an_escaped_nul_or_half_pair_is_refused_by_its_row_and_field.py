"""A CSV dossier file whose QuaTrinhXuLy cell (a list written as JSON text) holds an escaped NUL
(``\\u0000``) or lone surrogate (``\\ud800``) names the row and the field: the import rejects the file
(exit 1, the rejected row's reason on stderr; an error on the import page), nothing written — instead of
the NUL stored (PostgreSQL: a database error) or a traceback while writing the surrogate. The fast
columnar path hands such a row to the row path, which names it; the file commands refuse it too."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier, ImportBatch, ImportStatus
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue, national, run_command
from cchc.testing.personas import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.import_urls")]

ESCAPES = {"NUL": ("\\u0000", "Có ký tự NUL (mã 0)"), "half pair": ("\\ud800", "Có ký tự không hợp lệ")}
WHERE = "Dòng 3, trường QuaTrinhXuLy[1].NguoiXuLy"


def csv_with(escape: str) -> bytes:
    bad = national("P1-002")
    bad["QuaTrinhXuLy"][0]["NguoiXuLy"] = "AB@@C"
    return as_csv([national("P1-001"), bad]).replace(b"@@", escape.encode())


@pytest.mark.parametrize("case", ESCAPES)
def test_the_import_names_the_row_and_field_and_writes_nothing(world, tmp_path, case):
    make_catalogue()
    escape, says = ESCAPES[case]
    path = tmp_path / "hoso.csv"
    path.write_bytes(csv_with(escape))
    code, _, err = run_command("import_dossiers", str(path), "--quiet")
    assert code == 1, err
    assert f"{WHERE}: {says}" in err
    assert "Traceback" not in err
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("case", ESCAPES)
def test_the_import_page_names_the_row_and_field_and_writes_nothing(client, world, case):
    make_catalogue()
    escape, says = ESCAPES[case]
    login_verified(client, world.users["one_stop"])
    upload = SimpleUploadedFile("hoso.csv", csv_with(escape))
    response = client.post("/ho-so/nhap/", {"file": upload}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "QuaTrinhXuLy[1].NguoiXuLy" in page and says in page
    assert not Dossier.objects.exists()
    assert not ImportBatch.objects.filter(status=ImportStatus.DONE).exists()


@pytest.mark.parametrize("case", ESCAPES)
def test_dossier_outcomes_names_the_row_and_does_not_judge_it(tmp_path, case):
    escape, says = ESCAPES[case]
    path = tmp_path / "hoso.csv"
    path.write_bytes(csv_with(escape))
    code, out, err = run_command("dossier_outcomes", str(path), "--as-of", "2022-06-30", "--format", "csv")
    assert code == 1, err
    assert "Dòng 3 (MaHoSo P1-002): QuaTrinhXuLy[1].NguoiXuLy: " + says in err
    assert "Traceback" not in err
    assert "P1-002" not in out


@pytest.mark.parametrize("case", ESCAPES)
def test_the_fast_columnar_path_names_it_as_the_row_path_does(world, settings, case):
    make_catalogue()
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1  # a file this small takes the columnar path too
    escape, says = ESCAPES[case]
    outcome = import_bytes(csv_with(escape), "hoso.csv", actor=world.users["office"])
    assert outcome.path == "columnar"
    assert [f"{WHERE}: {says}" in str(e) for e in outcome.errors] == [True]
    assert not Dossier.objects.exists()
