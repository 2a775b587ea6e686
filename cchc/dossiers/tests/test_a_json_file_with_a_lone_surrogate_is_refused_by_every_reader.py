"""A ``{"data": [...]}`` dossier file whose second record holds a lone UTF-16 surrogate — the escape
``\\ud800`` (which ijson read as "?", the value changed without a word), ``\\udc00`` or a surrogate's
bytes (a bare ``UnicodeDecodeError`` before) — is refused with that record's number: exit 2 from the
import and the file commands, a Vietnamese message on the import page, nothing written. A pair of
escapes still reads as one character. (The line-delimited shape: ``test_lone_surrogates_are_refused…``.)"""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from cchc.dossiers.models import Dossier, ImportBatch, ImportStatus
from cchc.dossiers.tests.import_helpers import make_catalogue, national
from cchc.lib.commands import index_766, report_tthc
from cchc.testing.personas import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.import_urls")]

SAYS = "Bản ghi 2 chứa ký tự không hợp lệ"
HOW = {"high half": b"\\ud800", "low half": b"\\udc00", "bytes": b"\xed\xa0\x80"}


def with_a_surrogate(how: str, field: str = "ChuHoSo") -> bytes:
    good, bad = national("P1-001"), national("P1-002")
    target = bad["QuaTrinhXuLy"][0] if field == "NguoiXuLy" else bad
    target[field] = "AB@@C"
    text = json.dumps({"data": [good, bad]}, ensure_ascii=False).encode()
    return text.replace(b"@@", HOW[how])


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("field", ["ChuHoSo", "NguoiXuLy"])
def test_the_import_refuses_the_record_and_writes_nothing(world, tmp_path, how, field):
    make_catalogue()
    path = tmp_path / "hoso.json"
    path.write_bytes(with_a_surrogate(how, field))
    code, _, err = run("import_dossiers", str(path), "--quiet")
    assert code == 2, err
    assert SAYS in err
    assert "Traceback" not in err and "Error" not in err
    assert not Dossier.objects.exists()
    assert not ImportBatch.objects.filter(created_count__gt=0).exists()


def test_a_pair_of_escapes_is_imported_as_one_character(world, tmp_path):
    make_catalogue()
    path = tmp_path / "hoso.json"
    path.write_bytes(with_a_surrogate("high half").replace(b"\\ud800", b"\\ud83d\\ude00"))
    code, _, err = run("import_dossiers", str(path), "--quiet")
    assert code == 0, err
    assert Dossier.objects.get(code="P1-002").applicant_name == "AB\U0001f600C"


@pytest.mark.parametrize("how", HOW)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_dossier_outcomes_names_the_record_and_exits_2(tmp_path, how, fmt):
    path = tmp_path / "hoso.json"
    path.write_bytes(with_a_surrogate(how))
    code, out, err = run("dossier_outcomes", str(path), "--as-of", "2022-06-30", "--format", fmt)
    assert code == 2
    assert SAYS in err
    assert "P1-001" not in out


@pytest.mark.parametrize("main", [report_tthc.main, index_766.main])
@pytest.mark.parametrize("how", HOW)
def test_the_report_commands_name_the_record_and_exit_2(tmp_path, main, how):
    path = tmp_path / "hoso.json"
    path.write_bytes(with_a_surrogate(how))
    out, err = io.StringIO(), io.StringIO()
    assert main([str(path), "--from", "2022-01-01", "--to", "2022-12-31"], out, err) == 2
    assert SAYS in err.getvalue()


@pytest.mark.parametrize("how", HOW)
def test_the_import_page_names_the_record_and_writes_nothing(client, world, how):
    make_catalogue()
    login_verified(client, world.users["one_stop"])
    upload = SimpleUploadedFile("hoso.json", with_a_surrogate(how))
    response = client.post("/ho-so/nhap/", {"file": upload}, follow=True)
    assert response.status_code == 200
    assert SAYS in response.content.decode()
    assert not Dossier.objects.exists()
    assert not ImportBatch.objects.filter(status=ImportStatus.DONE).exists()
