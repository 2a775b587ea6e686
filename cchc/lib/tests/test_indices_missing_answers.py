"""Hand-computed indices where answers are missing: empty cells and absent rows leave the denominator."""

from fractions import Fraction

from cchc.lib import indices
from cchc.lib.questionnaires import load

Q = load("sipas-2017")

# R3 has no row for E1.2, R2's E1.2 is blank, R4's E1.1 is empty, nobody answered E1.3, and the only
# E3 row (R3, E3.2) is empty.
ROWS = [
    ("R1", "E1.1", "5"), ("R2", "E1.1", "4"), ("R3", "E1.1", "2"), ("R4", "E1.1", ""),
    ("R1", "E1.2", "3"), ("R2", "E1.2", " "), ("R4", "E1.2", "4"),
    ("R1", "E1.4", "1"), ("R2", "E1.4", "2"), ("R3", "E1.4", "3"), ("R4", "E1.4", "4"),
    ("R1", "E2.1", "5"), ("R2", "E2.1", "5"),
    ("R3", "E3.2", None),
]  # fmt: skip


def result(rule):
    return indices.compute(Q, indices.collect(Q, [(*row, None) for row in ROWS]), rule)


def test_item_indices_count_only_valid_answers():
    items = result("mean").items
    assert (items["E1.1"].valid, items["E1.1"].satisfied, items["E1.1"].index) == (3, 2, Fraction(2, 3))
    assert (items["E1.2"].valid, items["E1.2"].satisfied, items["E1.2"].index) == (2, 1, Fraction(1, 2))
    assert (items["E1.3"].valid, items["E1.3"].index, items["E1.3"].ci95) == (0, None, None)
    assert (items["E1.4"].valid, items["E1.4"].satisfied, items["E1.4"].index) == (4, 1, Fraction(1, 4))
    assert result("mean").as_dict()["items"]["E1.1"]["index"] == 66.67


def test_element_mean_averages_only_criteria_with_answers():
    e1 = result("mean").levels["elements"]["E1"]
    # (2/3 + 1/2 + 1/4) / 3 = 17/36; E1.3 has no answers and is not counted as 0.
    assert e1.index == Fraction(17, 36)
    assert (e1.valid, e1.satisfied, e1.parts, e1.parts_total) == (9, 4, 3, 4)
    assert result("mean").as_dict()["elements"]["E1"]["index"] == 47.22


def test_element_pooled_divides_summed_counts():
    e1 = result("pooled").levels["elements"]["E1"]
    assert e1.index == Fraction(4, 9)
    assert result("pooled").as_dict()["elements"]["E1"]["index"] == 44.44


def test_elements_without_any_valid_answer_have_no_index_and_do_not_count():
    out = result("mean").as_dict()
    for element in ("E3", "E4", "E5"):
        assert out["elements"][element]["index"] is None
        assert out["elements"][element]["ci95"] is None
    assert out["elements"]["E3"]["valid"] == 0


def test_overall_under_both_rules():
    mean, pooled = result("mean"), result("pooled")
    assert mean.overall.index == (Fraction(17, 36) + 1) / 2 == Fraction(53, 72)
    assert pooled.overall.index == Fraction(6, 11)
    assert mean.as_dict()["overall"]["index"] == 73.61
    assert pooled.as_dict()["overall"]["index"] == 54.55
    assert (mean.overall.valid, mean.overall.satisfied, mean.overall.parts, mean.overall.parts_total) == (
        11,
        6,
        2,
        5,
    )


def test_respondents_are_counted_per_node():
    out = result("mean").as_dict()
    assert out["respondents"] == 4
    assert out["elements"]["E2"]["respondents"] == 2
    assert out["elements"]["E3"]["respondents"] == 0  # R3's only E3 row is empty
    assert out["overall"]["respondents"] == 4


def test_an_empty_response_set_has_no_indices():
    empty = indices.compute(Q, indices.collect(Q, []), "mean")
    assert empty.respondents == 0
    assert empty.overall.index is None
    assert empty.as_dict()["overall"]["ci95"] is None
