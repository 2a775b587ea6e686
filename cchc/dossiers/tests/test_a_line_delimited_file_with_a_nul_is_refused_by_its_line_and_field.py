"""A line-delimited dossier file whose second line holds a NUL — escaped (``\\u0000``, which orjson and
Arrow read into the text without a word) or as a raw byte — is refused with that line's number and the
field that holds it: exit 2 from the import and the file commands, a Vietnamese message on the import
page, nothing written. An escaped backslash before ``u0000`` is text and is imported as such."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.dossiers.models import Dossier, ImportBatch, ImportStatus
from cchc.dossiers.tests.import_helpers import make_catalogue, national, run_command
from cchc.lib import natsync_arrow
from cchc.lib.commands import index_766, report_tthc
from cchc.testing.personas import login_verified

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.import_urls")]

# (field, how the NUL is written, what the message names)
CASES = [
    ("ChuHoSo", "escape", "ChuHoSo"),
    ("MaHoSo", "escape", "MaHoSo"),
    ("NguoiXuLy", "escape", "QuaTrinhXuLy[1].NguoiXuLy"),
    ("ChuHoSo", "raw", "ChuHoSo"),
]


def lines_with_a_nul(field: str, how: str) -> bytes:
    good, bad = national("P1-001"), national("P1-002")
    target = bad["QuaTrinhXuLy"][0] if field == "NguoiXuLy" else bad
    target[field] = "AB@@C"
    text = json.dumps(bad, ensure_ascii=False).encode()
    nul = b"\\u0000" if how == "escape" else b"\x00"
    return json.dumps(good).encode() + b"\n" + text.replace(b"@@", nul) + b"\n"


def says(named: str) -> str:
    return f"Dòng 2 chứa ký tự NUL (mã 0) ở trường {named}"


@pytest.mark.parametrize(("field", "how", "named"), CASES)
def test_the_import_names_the_line_and_field_and_writes_nothing(world, tmp_path, field, how, named):
    make_catalogue()
    path = tmp_path / "hoso.ndjson"
    path.write_bytes(lines_with_a_nul(field, how))
    code, _, err = run_command("import_dossiers", str(path), "--quiet")
    assert code == 2, err
    assert says(named) in err
    assert "Traceback" not in err
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(("field", "how", "named"), CASES)
def test_the_import_page_names_the_line_and_field_and_writes_nothing(client, world, field, how, named):
    make_catalogue()
    login_verified(client, world.users["one_stop"])
    upload = SimpleUploadedFile("hoso.jsonl", lines_with_a_nul(field, how))
    response = client.post("/ho-so/nhap/", {"file": upload}, follow=True)
    assert response.status_code == 200
    assert says(named) in response.content.decode()
    assert not Dossier.objects.exists()
    assert not ImportBatch.objects.filter(status=ImportStatus.DONE).exists()


@pytest.mark.parametrize("small_blocks", [False, True])
@pytest.mark.parametrize(("field", "how", "named"), CASES)
def test_dossier_outcomes_through_arrow_names_the_line_and_exits_2(
    tmp_path, monkeypatch, field, how, named, small_blocks
):
    if small_blocks:  # the NUL's line in a block of its own, after a block Arrow reads
        monkeypatch.setattr(natsync_arrow, "CHUNK", 900)
    path = tmp_path / "hoso.ndjson"
    path.write_bytes(lines_with_a_nul(field, how))
    code, _, err = run_command("dossier_outcomes", str(path), "--as-of", "2022-06-30", "--format", "csv")
    assert code == 2, err
    assert says(named) in err


@pytest.mark.parametrize("main", [report_tthc.main, index_766.main])
def test_the_report_commands_name_the_line_and_exit_2(tmp_path, main):
    path = tmp_path / "hoso.ndjson"
    path.write_bytes(lines_with_a_nul("ChuHoSo", "escape"))
    out, err = io.StringIO(), io.StringIO()
    assert main([str(path), "--from", "2022-01-01", "--to", "2022-12-31"], out, err) == 2
    assert says("ChuHoSo") in err.getvalue()


def test_an_escaped_backslash_before_u0000_is_text(world, tmp_path):
    make_catalogue()
    path = tmp_path / "hoso.ndjson"
    path.write_bytes(lines_with_a_nul("ChuHoSo", "escape").replace(b"\\u0000", b"\\\\u0000"))
    code, _, err = run_command("import_dossiers", str(path), "--quiet")
    assert code == 0, err
    assert Dossier.objects.get(code="P1-002").applicant_name == "AB\\u0000C"
