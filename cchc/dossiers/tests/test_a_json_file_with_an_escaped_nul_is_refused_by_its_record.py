"""A JSON dossier file whose record holds an escaped NUL (``\\u0000``) is refused by that record's number,
exit 2, nothing written: PostgreSQL cannot keep a NUL in a text, and the import used to stop while
writing with a database error (SQLite stored it silently)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.import_helpers import make_catalogue, national

pytestmark = [pytest.mark.django_db]


def test_the_import_names_the_record_and_writes_nothing(world, tmp_path):
    make_catalogue()
    path = tmp_path / "hoso.json"
    path.write_text(json.dumps({"data": [national("P1-001"), national("P1-002", ChuHoSo="A\x00B")]}))
    assert "\\u0000" in path.read_text()
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("import_dossiers", str(path), "--quiet", stdout=io.StringIO(), stderr=err)
    assert exc.value.code == 2
    assert "Bản ghi 2 chứa ký tự NUL" in err.getvalue()
    assert not Dossier.objects.exists()
