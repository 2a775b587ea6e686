"""`cchc import-dossiers` exits 0 when imported, 1 when rows were rejected (nothing written), 2 when the
input cannot be read."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.import_helpers import as_csv, as_json, make_catalogue, national, sample

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_dossiers", *args, "--quiet", stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_a_good_file_imports_with_status_0(world, tmp_path):
    make_catalogue()
    path = tmp_path / "hoso.json"
    path.write_bytes(as_json(sample()))
    code, out, _ = run(str(path))
    assert code == 0
    assert "6 hồ sơ mới" in out
    assert Dossier.objects.count() == 6


def test_dry_run_checks_but_writes_nothing(world, tmp_path):
    make_catalogue()
    path = tmp_path / "hoso.json"
    path.write_bytes(as_json(sample()))
    code, out, _ = run(str(path), "--dry-run")
    assert code == 0 and "chưa ghi" in out
    assert not Dossier.objects.exists()


def test_rejected_rows_give_status_1_and_are_listed(world, tmp_path):
    make_catalogue()
    path = tmp_path / "hoso.csv"
    path.write_bytes(as_csv([national("A"), national("B", MaTTHC="0.000000")]))
    code, _, err = run(str(path))
    assert code == 1
    assert "Dòng 3, trường MaTTHC «0.000000»" in err
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    "content,name",
    [
        (b"{not json", "a.json"),
        (b"foo,bar\n1,2\n", "a.csv"),
        (b"PK\x03\x04garbage", "a.xlsx"),
        (b"", "a.csv"),
    ],
)
def test_unreadable_input_gives_status_2(world, tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = run(str(path))
    assert code == 2
    assert "Không đọc được tệp" in err


def test_a_missing_file_or_unknown_user_gives_status_2(world, tmp_path):
    assert run(str(tmp_path / "khong-co.json"))[0] == 2
    path = tmp_path / "a.json"
    path.write_bytes(as_json(sample(1)))
    code, _, err = run(str(path), "--as-user", "khong-co-ai")
    assert code == 2 and "Không có tài khoản" in err


def test_as_user_limits_the_import_to_that_persons_scope(world, tmp_path):
    make_catalogue()
    path = tmp_path / "a.json"
    path.write_bytes(as_json([national("P2-1", DonViXuLy="P2", DonViTiepNhan="P2", QuaTrinhXuLy=[])]))
    code, _, err = run(str(path), "--as-user", "one_stop")
    assert code == 1 and "ngoài phạm vi" in err
    code, _, err = run(str(path), "--jurisdiction", "26506")
    assert code == 1
    assert run(str(path), "--jurisdiction", "747")[0] == 0
