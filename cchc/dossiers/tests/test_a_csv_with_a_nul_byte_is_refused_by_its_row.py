"""A CSV dossier file with a NUL byte in a cell is refused by that row's number, exit 2, nothing written:
PostgreSQL cannot store a NUL in a text, and the import used to stop while writing with a database error
(SQLite stored it silently). A NUL in the heading row is named as row 1."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue, sample

pytestmark = [pytest.mark.django_db]


def run(path) -> tuple[int, str]:
    err = io.StringIO()
    try:
        call_command("import_dossiers", str(path), "--quiet", stdout=io.StringIO(), stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), err.getvalue()
    return 0, err.getvalue()


@pytest.mark.parametrize(("where", "row"), [("a cell of the third dossier", 4), ("the heading", 1)])
def test_the_import_names_the_row_and_writes_nothing(world, tmp_path, where, row):
    make_catalogue()
    lines = as_csv(sample()).split(b"\n")
    lines[row - 1] = lines[row - 1].replace(b",", b"\x00,", 1)
    path = tmp_path / "hoso.csv"
    path.write_bytes(b"\n".join(lines))
    code, err = run(path)
    assert code == 2, err
    assert f"Dòng {row} chứa ký tự NUL" in err
    assert not Dossier.objects.exists()
