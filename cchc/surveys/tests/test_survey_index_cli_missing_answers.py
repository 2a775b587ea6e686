"""`cchc survey-index` on a hand-computed set with empty answers, absent rows and a blank line.

missing_answers.csv (4 respondents; BOM; an extra "unit" column):
  E1.1: 5 4 2 –   → 2/3       E1.2: 3 " " (no row) 4 → 1/2    E1.3: nobody    E1.4: 1 2 3 4 → 1/4
  E2.1: 5 5 → 2/2             E3.2: one empty answer → no index; E4, E5: no rows
  E1 mean (2/3 + 1/2 + 1/4)/3 = 17/36 = 47.22 %    E1 pooled 4/9 = 44.44 %
  overall mean (17/36 + 1)/2 = 53/72 = 73.61 %     overall pooled 6/11 = 54.55 %
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

DATA = Path(__file__).parent / "data"


def run(rule):
    out = StringIO()
    call_command(
        "survey_index", "--responses", str(DATA / "missing_answers.csv"), "--questionnaire", "sipas-2017",
        "--aggregation", rule, "--format", "json", stdout=out,
    )  # fmt: skip
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    ("rule", "e1", "overall"),
    [("mean", 47.22, 73.61), ("pooled", 44.44, 54.55)],
)
def test_missing_answers_leave_the_denominators(rule, e1, overall):
    result = run(rule)
    assert result["items"]["E1.1"] | {"ci95": None} == {
        "valid": 3, "satisfied": 2, "index": 66.67, "ci95": None, "respondents": 3,
    }  # fmt: skip
    assert (result["items"]["E1.2"]["valid"], result["items"]["E1.2"]["index"]) == (2, 50.0)
    assert result["items"]["E1.3"]["index"] is None
    assert (result["items"]["E1.4"]["valid"], result["items"]["E1.4"]["index"]) == (4, 25.0)
    assert result["elements"]["E1"]["index"] == e1
    assert (result["elements"]["E1"]["valid"], result["elements"]["E1"]["satisfied"]) == (9, 4)
    assert result["elements"]["E2"]["index"] == 100.0
    assert result["elements"]["E3"]["index"] is None and result["elements"]["E3"]["valid"] == 0
    assert result["overall"]["index"] == overall
    assert (result["overall"]["valid"], result["overall"]["satisfied"]) == (11, 6)
    assert result["respondents"] == 4
