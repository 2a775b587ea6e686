"""The expectations section: share of respondents choosing each option, with Wilson intervals."""

from fractions import Fraction

import pytest

from cchc.lib import indices
from cchc.lib.questionnaires import load

Q = load("sipas-2022")


def test_each_option_is_a_share_of_all_respondents():
    rows = [
        ("R1", "M1", "1", None),
        ("R1", "M2", "1", None),
        ("R2", "M1", "1", None),
        ("R2", "M3", "0", None),
        ("R3", "A2.1.1", "4", None),  # answered the survey, skipped the expectations section
        ("R4", "M2", "", None),
    ]
    result = indices.compute(Q, indices.collect(Q, rows))
    assert result.expectations["M1"].share == Fraction(2, 4)
    assert result.expectations["M2"].share == Fraction(1, 4)
    assert result.expectations["M3"].chosen == 0
    out = result.as_dict()["expectations"]
    assert out["respondents"] == 4
    assert out["answered_section"] == 3
    assert out["options"]["M1"]["share"] == 50.0
    assert out["options"]["M1"]["ci95"] == [indices.percent(v) for v in indices.wilson(2, 4)]
    assert out["options"]["M3"]["ci95"][0] == 0.0 and out["options"]["M3"]["ci95"][1] > 0


@pytest.mark.parametrize("answer", ["2", "5", "có"])
def test_an_option_answer_other_than_1_0_or_empty_is_refused(answer):
    with pytest.raises(indices.ResponseError) as caught:
        indices.collect(Q, [("R1", "M1", answer, 5)])
    assert (caught.value.row, caught.value.column) == (5, "answer")


def test_a_questionnaire_without_known_options_prints_no_expectations():
    q = load("sipas-2017")
    out = indices.compute(q, indices.collect(q, [("R1", "E1.1", "4", None)])).as_dict()
    assert "expectations" not in out


def test_sipas_2022_computes_only_the_access_element_and_says_the_rest_has_no_parts():
    rows = [("R1", "A2.1.1", "5", None), ("R1", "A2.1.2", "3", None), ("R2", "A2.1.3", "4", None)]
    out = indices.compute(Q, indices.collect(Q, rows), "mean").as_dict()
    assert out["elements"]["A2.1"]["index"] == pytest.approx(66.67)
    empty = {"valid": 0, "satisfied": 0, "index": None, "ci95": None, "respondents": 0}
    assert out["elements"]["A2.2"] == {**empty, "parts": 0, "parts_total": 0}
    assert out["aspects"]["A2"]["index"] == 66.67
    assert out["aspects"]["A1"]["index"] is None
    assert out["overall"]["index"] == 66.67
    assert out["overall"]["parts"] == 1 and out["overall"]["parts_total"] == 3
