"""``--procedures`` supplies legal limits for dossiers without an appointment; ``--supplement-shift``
chooses hour precision for the supplement time (docs/rules/dossier-deadlines.md)."""

import json

from cchc.dossiers.tests.test_dossier_outcomes_cli_judges_the_fixture_file import run

RECORD = {
    "MaHoSo": "000.00.01.H22-220307-0009",
    "MaTTHC": "1.000894",
    "TrangThaiHoSo": "9",
    "NgayTiepNhan": "20220307090000",
    "NgayKetThucXuLy": "20220311100000",
}


def outcome_of(tmp_path, record, **options):
    path = tmp_path / "one.json"
    path.write_text(json.dumps([record]), encoding="utf-8")
    return json.loads(run(str(path), as_of="2022-06-30", **options)[0])["dossiers"][0]["outcome"]


def test_a_procedure_table_gives_the_limit_of_a_dossier_without_appointment(tmp_path):
    table = tmp_path / "thu-tuc.csv"
    table.write_text("MaTTHC,ThoiGianGiaiQuyet,DonViTinh\n1.000894,3,Ngày làm việc\n", encoding="utf-8")
    # Without a limit: on time (no appointment, docs/rules/dossier-deadlines.md PRACTICE); 3 working days end
    # on 10/3.
    assert outcome_of(tmp_path, RECORD) == "on_time"
    assert outcome_of(tmp_path, RECORD, procedures=str(table)) == "late"


def test_hour_precision_moves_the_appointment_by_a_same_day_supplement(tmp_path):
    record = {
        **RECORD,
        "NgayHenTra": "20220310160000",
        "DanhSachHoSoBoSung": [{"NgayBoSung": "20220308100000", "NgayTiepNhanBoSung": "20220308150000"}],
        "NgayKetThucXuLy": "20220311090000",
    }
    assert outcome_of(tmp_path, record) == "late"
    assert outcome_of(tmp_path, record, supplement_shift="working_hours") == "on_time"
