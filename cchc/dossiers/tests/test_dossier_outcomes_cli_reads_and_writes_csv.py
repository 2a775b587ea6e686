"""The documented CSV input gives the same verdicts as the JSON; ``--format csv`` writes one row per
cause (a dossier without causes gets one row with empty cause columns)."""

import csv
import io
import json

from cchc.dossiers.tests.test_dossier_outcomes_cli_judges_the_fixture_file import DATA, EXPECTED, FIXTURE, run


def test_the_csv_fixture_is_judged_exactly_like_the_json_fixture():
    from_json = json.loads(run(str(FIXTURE), as_of="2022-06-30")[0])
    from_csv = json.loads(run(str(DATA / "dossier-outcomes-2022.csv"), as_of="2022-06-30")[0])
    assert from_csv == from_json


def test_csv_output_has_one_row_per_cause_under_an_english_header():
    out, _ = run(str(FIXTURE), as_of="2022-06-30", format="csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["MaHoSo", "outcome", "cause_kind", "cause_unit", "cause_official"]
    expected = [
        [code, outcome, kind, unit or "", official or ""]
        for code, outcome, causes in EXPECTED
        for kind, unit, official in (causes or [("", None, None)])
    ]
    assert rows[1:] == expected
