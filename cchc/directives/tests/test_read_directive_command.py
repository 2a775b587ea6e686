"""`cchc read-directive FILE --format json [--units FILE.csv]`."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from cchc.directives.tests.pdfs import build_pdf

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "docs" / "reader-corpus" / "01-7190-UBND-NV-2022.txt"
DATA = Path(__file__).resolve().parent / "data"


def run(capsys, *args: str) -> dict:
    call_command("read_directive", *args)
    return json.loads(capsys.readouterr().out)


def run_failing(capsys, *args: str) -> str:
    with pytest.raises(SystemExit) as exc:
        call_command("read_directive", *args)
    assert exc.value.code == 2
    return capsys.readouterr().err


def test_seed_prints_the_json_of_issue_4(capsys):
    d = run(capsys, str(SEED), "--format", "json")
    assert list(d)[:13] == [
        "issuer", "parent_issuer", "number", "symbol", "date", "place", "doc_type", "subject",
        "recipients", "signer", "cc", "cited_documents", "tasks",
    ]  # fmt: skip
    assert (d["number"], d["symbol"], d["date"], d["place"]) == ("7190", "UBND-NV", "2022-08-15", "Vũng Tàu")
    assert d["doc_type"] == "Công văn"
    assert d["issuer"] == "Ủy ban nhân dân thành phố Vũng Tàu"
    assert d["signer"]["authority"] == "KT." and d["signer"]["name"] == "Vũ Hồng Thuận"
    assert len(d["tasks"]) == 26
    assert set(d["tasks"][0]) >= {
        "section",
        "assignees",
        "lead",
        "coordinating",
        "text",
        "deadline",
        "recurrence",
    }
    assert "matches" not in d["tasks"][0]  # without --units there is no matching


def test_units_option_matches_known_units_and_reports_the_rest_as_unmatched(capsys):
    d = run(capsys, str(SEED), "--units", str(DATA / "units.csv"))
    office = d["tasks"][13]["matches"]["assignees"]
    assert office == [
        {
            "text": "Văn phòng HĐND và UBND thành phố",
            "unit": "vp",
            "unit_name": "Văn phòng HĐND và UBND thành phố",
            "matched_text": "Văn phòng HĐND và UBND thành phố",
            "status": "matched",
        }
    ]
    section1 = d["tasks"][0]["matches"]["assignees"]
    assert [m["status"] for m in section1] == ["unmatched", "unmatched"]
    assert d["tasks"][15]["matches"]["coordinating"][0]["unit"] == "vhtt"  # "Văn hoá" = "Văn hóa"
    front = d["tasks"][24]["matches"]["assignees"]
    assert [(m["unit"], m["status"]) for m in front] == [("mttq", "matched"), (None, "unmatched")]
    assert any(m["status"] == "unmatched" for m in d["recipient_matches"])


def test_text_format_is_a_vietnamese_summary(capsys):
    call_command("read_directive", str(SEED), "--format", "text")
    out = capsys.readouterr().out
    assert "Số, ký hiệu: 7190/UBND-NV" in out
    assert "Nhiệm vụ đề xuất: 26" in out


def test_missing_file_exits_2_with_vietnamese_message(capsys, tmp_path):
    err = run_failing(capsys, str(tmp_path / "khong-co.txt"))
    assert "Không tìm thấy tệp" in err


def test_unsupported_or_binary_file_exits_2(capsys, tmp_path):
    bad = tmp_path / "anh.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "Không đọc được loại tệp" in run_failing(capsys, str(bad))
    binary = tmp_path / "rac.txt"
    binary.write_bytes(b"\x00\x01\x02" * 50)
    assert "không phải văn bản thuần" in run_failing(capsys, str(binary))


def test_scanned_pdf_exits_2_with_a_clear_message(capsys, tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(build_pdf(None))
    err = run_failing(capsys, str(scan))
    try:
        import pypdf  # noqa: F401
    except ImportError:
        assert "Chưa cài thư viện pypdf" in err
    else:
        assert "không có lớp chữ — cần nhận dạng ký tự (OCR)" in err


def test_bad_unit_list_exits_2_and_names_the_row(capsys, tmp_path):
    units = tmp_path / "units.csv"
    units.write_text("code,name\nnv,\n", encoding="utf-8")
    assert "Dòng 2" in run_failing(capsys, str(SEED), "--units", str(units))
    assert "Không tìm thấy tệp danh sách đơn vị" in run_failing(
        capsys, str(SEED), "--units", str(tmp_path / "x.csv")
    )


def test_ke_hoach_with_task_table_through_the_command(capsys):
    d = run(capsys, str(DATA / "ke-hoach-bang-nhiem-vu.txt"))
    rows = [t for t in d["tasks"] if t["source"] == "table_row"]
    assert len(rows) == 4
    assert rows[0]["deadline"] == "2023-09-30" and rows[0]["deadline_text"] == "Quý III/2023"


def test_cchc_console_command_exits_2_for_unreadable_input(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "CCHC_TESTING": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "cchc", "read-directive", str(tmp_path / "none.pdf"), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert out.returncode == 2
    assert "Không tìm thấy tệp" in out.stderr
    assert out.stdout == ""
