"""A TTHC catalogue file whose cell holds a NUL (a raw byte in a CSV) is refused by ``cchc
import-procedures`` naming the row and the column, exit 2, nothing written: PostgreSQL cannot keep a NUL
in a text, and the import used to stop while writing (SQLite kept it silently)."""

from __future__ import annotations

import pytest

from cchc.dossiers.models import Procedure
from cchc.dossiers.tests.import_helpers import run_command
from cchc.dossiers.tests.test_catalogue_import import CSV

pytestmark = pytest.mark.django_db


def run(path) -> tuple[int, str]:
    code, _, err = run_command("import_procedures", str(path))
    return code, err


def test_the_command_names_the_row_and_column_and_writes_nothing(world, tmp_path):
    path = tmp_path / "tthc.csv"
    path.write_bytes(CSV.replace("Chứng thực bản sao", "Chứng thực\x00bản sao").encode())
    code, err = run(path)
    assert code == 2, err
    assert "Dòng 3 chứa ký tự NUL (mã 0) ở trường Tên thủ tục" in err
    assert not Procedure.objects.exists()


def test_a_nul_in_the_heading_is_named_by_its_column(world, tmp_path):
    path = tmp_path / "tthc.csv"
    path.write_bytes(CSV.replace("Tên thủ tục", "Tên\x00thủ tục").encode())
    code, err = run(path)
    assert code == 2, err
    assert "Dòng 1, cột B chứa ký tự NUL (mã 0)" in err
    assert not Procedure.objects.exists()
