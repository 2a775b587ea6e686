"""A line-delimited dossier file whose line holds a lone UTF-16 surrogate — the escape ``\\ud800`` or its
encoded bytes, both of which Python's own JSON reader accepts — is refused with that line's number and
exit 2 by the import and by the file commands, and nothing is written: no traceback while writing the
dossier or the CSV, which is where the surrogate used to surface."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from cchc.dossiers.models import Dossier, ImportBatch
from cchc.dossiers.tests.import_helpers import make_catalogue, national
from cchc.lib.commands import index_766, report_tthc

pytestmark = [pytest.mark.django_db]

SAYS = "Dòng 2 chứa ký tự không hợp lệ"
# (field, how the surrogate is written): the escape in ASCII JSON, and the three bytes of U+D800.
CASES = [
    ("MaHoSo", "escape"),
    ("MaHoSo", "bytes"),
    ("ChuHoSo", "escape"),
    ("NguoiXuLy", "bytes"),
]


def lines_with_a_surrogate(tmp_path, field, how):
    good = national("P1-001")
    bad = national("P1-002")
    target = bad["QuaTrinhXuLy"][0] if field == "NguoiXuLy" else bad
    target[field] = "AB\ud800C"
    text = json.dumps(bad, ensure_ascii=how == "escape")
    path = tmp_path / "hoso.ndjson"
    path.write_bytes(json.dumps(good).encode() + b"\n" + text.encode("utf-8", "surrogatepass") + b"\n")
    return path


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("field", "how"), CASES)
def test_the_import_refuses_the_line_and_writes_nothing(world, tmp_path, field, how):
    make_catalogue()
    path = lines_with_a_surrogate(tmp_path, field, how)
    code, _, err = run("import_dossiers", str(path), "--quiet")
    assert code == 2
    assert SAYS in err
    assert "Traceback" not in err and "Error" not in err
    assert not Dossier.objects.exists()
    assert not ImportBatch.objects.filter(created_count__gt=0).exists()


@pytest.mark.parametrize(("field", "how"), CASES)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_dossier_outcomes_names_the_line_and_exits_2(tmp_path, field, how, fmt):
    path = lines_with_a_surrogate(tmp_path, field, how)
    code, out, err = run("dossier_outcomes", str(path), "--as-of", "2022-06-30", "--format", fmt)
    assert code == 2
    assert SAYS in err
    assert "P1-001" not in out


@pytest.mark.parametrize(
    ("main", "args"),
    [
        (report_tthc.main, ["--from", "2022-01-01", "--to", "2022-12-31"]),
        (index_766.main, ["--from", "2022-01-01", "--to", "2022-12-31"]),
    ],
)
def test_the_report_commands_name_the_line_and_exit_2(tmp_path, main, args):
    path = lines_with_a_surrogate(tmp_path, "MaHoSo", "escape")
    out, err = io.StringIO(), io.StringIO()
    assert main([str(path), *args], out, err) == 2
    assert SAYS in err.getvalue()
