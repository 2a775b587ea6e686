"""``cchc dossier-outcomes FILE --as-of 2022-06-30 --format json`` on a national-sync fixture: the exact
documented output shape (docs/outcomes.md), one known answer per rule and cause of
docs/rules/dossier-deadlines.md."""

import io
import json
from pathlib import Path

from django.core.management import call_command

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "dossier-outcomes-2022.json"

EXPECTED = [
    ("000.00.01.H22-220307-0001", "early", []),
    ("000.00.01.H22-220307-0002", "on_time", []),
    ("000.00.01.H22-220307-0003", "late", [("step_overrun", "Phòng Tư pháp", "Ngô Văn Em")]),
    ("000.00.01.H22-220307-0004", "late", [("software_closing", "Phòng Quản lý đô thị", "Lê Văn Cường")]),
    ("000.00.01.H22-220308-0001", "late", [("second_supplement", None, None)]),
    ("000.00.01.H22-220627-0001", "open_within_time", []),
    # Inter-agency: the tax office's unfinished step is blamed on that unit, not on a person.
    (
        "000.00.01.H22-220606-0001",
        "open_overdue",
        [("step_overrun", "Chi cục Thuế khu vực Vũng Tàu - Côn Đảo", None)],
    ),
    ("000.00.01.H22-220309-0001", "excluded", []),
    ("000.00.01.H22-220629-0001", "excluded", []),
    # No NgayHenTra: 5 working days from 25/1/2022 across Tết end on 8/2.
    ("000.00.01.H22-220125-0001", "on_time", []),
    # Waiting for the citizen since 16/6: ends at the request, before the 20/6 appointment.
    ("000.00.01.H22-220613-0001", "early", []),
    ("000.00.01.H22-220405-0001", "late", [("unattributed", None, None)]),
]


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("dossier_outcomes", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_the_fixture_gives_the_expected_outcome_and_causes_for_every_dossier():
    out, err = run(str(FIXTURE), as_of="2022-06-30", format="json")
    assert err == ""
    report = json.loads(out)
    assert list(report) == ["as_of", "dossiers", "summary"]
    assert report["as_of"] == "2022-06-30"
    got = [
        (d["MaHoSo"], d["outcome"], [(c["kind"], c["unit"], c["official"]) for c in d["causes"]])
        for d in report["dossiers"]
    ]
    assert got == EXPECTED
    assert all(list(d) == ["MaHoSo", "outcome", "causes"] for d in report["dossiers"])
    assert all(list(c) == ["kind", "unit", "official"] for d in report["dossiers"] for c in d["causes"])


def test_the_summary_counts_every_outcome_in_the_documented_order():
    report = json.loads(run(str(FIXTURE), as_of="2022-06-30")[0])
    assert report["summary"] == {
        "early": 2,
        "on_time": 2,
        "late": 4,
        "open_within_time": 1,
        "open_overdue": 1,
        "excluded": 2,
    }


def test_an_earlier_end_of_period_sees_later_dossiers_as_not_yet_received_or_still_open():
    report = json.loads(run(str(FIXTURE), as_of="2022-03-10")[0])
    outcomes = {d["MaHoSo"]: d["outcome"] for d in report["dossiers"]}
    assert outcomes["000.00.01.H22-220307-0003"] == "open_within_time"
    assert outcomes["000.00.01.H22-220627-0001"] == "excluded"
    assert outcomes["000.00.01.H22-220307-0001"] == "early"
