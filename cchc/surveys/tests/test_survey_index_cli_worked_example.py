"""`cchc survey-index` on the worked example of docs/rules/surveys.md (CSV in data/)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

DATA = Path(__file__).parent / "data"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("survey_index", *args, stdout=out, stderr=err)
    assert err.getvalue() == ""
    return json.loads(out.getvalue())


@pytest.mark.parametrize(("rule", "expected"), [("mean", 68.0), ("pooled", 68.75)])
def test_worked_example_prints_68_00_by_mean_and_68_75_pooled(rule, expected):
    result = run(
        "--responses", str(DATA / "worked_example_indices_vn_s5.csv"),
        "--questionnaire", "sipas-2017", "--aggregation", rule, "--format", "json",
    )  # fmt: skip
    assert result["overall"]["index"] == expected
    assert result["aggregation"] == rule
    assert result["items"]["E1.1"] == {
        "valid": 10, "satisfied": 7, "index": 70.0, "ci95": [39.68, 89.22], "respondents": 10,
    }  # fmt: skip
    assert result["items"]["E5.1"]["valid"] == 8 and result["items"]["E5.1"]["index"] == 50.0
    assert [result["elements"][e]["index"] for e in ("E1", "E2", "E3", "E4", "E5")] == [
        70.0,
        70.0,
        70.0,
        80.0,
        50.0,
    ]
    assert (result["elements"]["E4"]["valid"], result["elements"]["E4"]["satisfied"]) == (10, 8)
    assert (result["overall"]["valid"], result["overall"]["satisfied"]) == (48, 33)
    low, high = result["overall"]["ci95"]
    assert low < expected < high


def test_without_aggregation_the_questionnaire_default_mean_is_used():
    result = run(
        "--responses", str(DATA / "worked_example_indices_vn_s5.csv"), "--questionnaire", "sipas-2017"
    )
    assert result["aggregation"] == result["default_aggregation"] == "mean"
    assert result["overall"]["index"] == 68.0
    assert result["respondents"] == 10
    assert list(result["items"]) == [
        f"E{e}.{n}" for e, k in zip(range(1, 6), (4, 5, 6, 3, 4), strict=True) for n in range(1, k + 1)
    ]
