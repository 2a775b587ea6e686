"""docs/rules/surveys.md: ten respondents, one question per element; 68.00 (mean) and 68.75 (pooled)."""

from fractions import Fraction

import pytest

from cchc.lib import indices
from cchc.lib.questionnaires import from_dict, load

# The worked example of docs/rules/surveys.md; None is "–" (no answer).
TABLE = {
    "R01": (5, 4, 4, 5, 4),
    "R02": (4, 4, 3, 4, None),
    "R03": (3, 2, 4, 4, 3),
    "R04": (5, 5, 5, 5, 5),
    "R05": (4, 3, 4, 4, 2),
    "R06": (2, 3, 3, 3, 3),
    "R07": (4, 4, 5, 4, 4),
    "R08": (5, 4, 4, 5, None),
    "R09": (4, 5, 4, 3, 4),
    "R10": (3, 4, 2, 4, 3),
}
ELEMENT_TABLE = {  # element: (valid, satisfied, index %)
    "E1": (10, 7, 70.0),
    "E2": (10, 7, 70.0),
    "E3": (10, 7, 70.0),
    "E4": (10, 8, 80.0),
    "E5": (8, 4, 50.0),
}


def rows(items):
    return [
        (respondent, item, answer, None)
        for respondent, answers in TABLE.items()
        for item, answer in zip(items, answers, strict=True)
    ]


def one_question_per_element():
    """The worked example's design itself: five elements with one satisfaction question each."""
    return from_dict(
        {
            "format": 1,
            "code": "s5",
            "title": "Ví dụ §5",
            "item_label": "Câu hỏi",
            "scale": {
                "values": [{"value": v, "label": str(v)} for v in range(1, 6)],
                "satisfied": [4, 5],
            },
            "aggregation": {"default": "mean"},
            "levels": [{"key": "elements", "label": "Yếu tố"}],
            "groups": [
                {
                    "code": f"E{n}",
                    "title": f"Yếu tố {n}",
                    "items": [{"code": f"Q{n}", "text": "…", "wording": "unconfirmed"}],
                }
                for n in range(1, 6)
            ],
        }
    )


@pytest.mark.parametrize(("rule", "expected"), [("mean", 68.0), ("pooled", 68.75)])
def test_worked_example_gives_68_00_by_mean_and_68_75_pooled(rule, expected):
    questionnaire = one_question_per_element()
    result = indices.compute(
        questionnaire, indices.collect(questionnaire, rows(["Q1", "Q2", "Q3", "Q4", "Q5"])), rule
    )
    out = result.as_dict()
    assert out["overall"]["index"] == expected
    assert (out["overall"]["valid"], out["overall"]["satisfied"]) == (48, 33)
    for element, (valid, satisfied, index) in ELEMENT_TABLE.items():
        assert (out["elements"][element]["valid"], out["elements"][element]["satisfied"]) == (
            valid,
            satisfied,
        )
        assert out["elements"][element]["index"] == index


def test_worked_example_is_exact_before_rounding():
    questionnaire = one_question_per_element()
    table = indices.collect(questionnaire, rows(["Q1", "Q2", "Q3", "Q4", "Q5"]))
    assert indices.compute(questionnaire, table, "mean").overall.index == Fraction(68, 100)
    assert indices.compute(questionnaire, table, "pooled").overall.index == Fraction(33, 48)


@pytest.mark.parametrize(("rule", "expected"), [("mean", 68.0), ("pooled", 68.75)])
def test_worked_example_on_the_sipas_2017_questionnaire_leaves_unanswered_criteria_out(rule, expected):
    questionnaire = load("sipas-2017")
    table = indices.collect(questionnaire, rows(["E1.1", "E2.1", "E3.1", "E4.1", "E5.1"]))
    out = indices.compute(questionnaire, table, rule).as_dict()
    assert out["overall"]["index"] == expected
    assert out["elements"]["E5"]["index"] == 50.0
    assert out["elements"]["E5"]["parts"] == 1 and out["elements"]["E5"]["parts_total"] == 4
    assert out["items"]["E5.2"] == {"valid": 0, "satisfied": 0, "index": None, "ci95": None, "respondents": 0}


def test_sipas_2017_defaults_to_the_mean_of_parts():
    questionnaire = load("sipas-2017")
    table = indices.collect(questionnaire, rows(["E1.1", "E2.1", "E3.1", "E4.1", "E5.1"]))
    result = indices.compute(questionnaire, table)
    assert result.aggregation == "mean"
    assert result.as_dict()["overall"]["index"] == 68.0
