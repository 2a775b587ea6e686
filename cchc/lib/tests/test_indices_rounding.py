"""Percentages have two decimals and round half up on the exact decimal value."""

from fractions import Fraction

from cchc.lib import indices
from cchc.lib.questionnaires import load


def test_half_hundredths_round_up_where_floats_would_round_down():
    # 60.055 % is below 60.055 as a binary float, so round() gives 60.05.
    assert round(12011 / 20000 * 100, 2) == 60.05
    assert indices.percent(Fraction(12011, 20000)) == 60.06
    # 0.625 % is exact in binary and round() uses round-half-even: 0.62.
    assert round(0.625, 2) == 0.62
    assert indices.percent(Fraction(1, 160)) == 0.63


def test_ordinary_values_round_to_the_nearest_hundredth():
    assert indices.percent(Fraction(2, 3)) == 66.67
    assert indices.percent(Fraction(1, 3)) == 33.33
    assert indices.percent(Fraction(0)) == 0.0
    assert indices.percent(Fraction(1)) == 100.0
    assert indices.percent(None) is None


def test_float_values_round_half_up_on_their_decimal_representation():
    assert indices.percent(0.123456) == 12.35
    assert indices.percent(0.00005) == 0.01


def test_a_mean_of_parts_landing_on_a_half_hundredth_rounds_up():
    questionnaire = load("sipas-2017")
    rows = [(f"A{n}", "E1.1", "5" if n == 0 else "1", None) for n in range(2)]
    rows += [(f"B{n}", "E1.2", "4" if n == 0 else "2", None) for n in range(80)]
    result = indices.compute(questionnaire, indices.collect(questionnaire, rows), "mean")
    # (1/2 + 1/80) / 2 = 41/160 = 25.625 %
    assert result.levels["elements"]["E1"].index == Fraction(41, 160)
    assert result.as_dict()["elements"]["E1"]["index"] == 25.63
