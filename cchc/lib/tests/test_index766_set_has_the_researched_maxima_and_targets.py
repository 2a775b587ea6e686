"""The Decision 766 set shipped with the code: five groups worth 18/20/22/22/18 points (100), the
researched indicator maxima and targets, the bands, and the rule for choosing a year's set."""

from __future__ import annotations

from fractions import Fraction

import pytest

from cchc.lib import index766
from cchc.lib.scoring import IndexSetError, bundled, bundled_years, rate_points, rounded


def _set():
    return bundled("qd766", 2022, figures=index766.FIGURES)


def test_the_five_groups_and_their_maxima():
    s = _set()
    assert [(g.code, g.title, int(g.max_points)) for g in s.children] == [
        ("1", "Công khai, minh bạch", 18),
        ("2", "Tiến độ, kết quả giải quyết", 20),
        ("3", "Cung cấp dịch vụ trực tuyến", 22),
        ("4", "Số hóa hồ sơ", 22),
        ("5", "Mức độ hài lòng", 18),
    ]
    assert s.max_points == sum(g.max_points for g in s.children) == 100


@pytest.mark.parametrize(
    ("code", "max_points", "target", "figure"),
    [
        ("2.1", 20, 1, "on_time"),
        ("3.1", 2, Fraction(4, 5), "online_service"),
        ("3.2", 4, 1, "online_service_used"),
        ("3.3", 6, Fraction(1, 2), "online_share"),
        ("3.6", 10, 1, "online_payment"),
        ("4.1", 6, 1, "electronic_result"),
        ("4.2", 4, Fraction(4, 5), "digitised"),
        ("4.5b", 2, 1, "population_data"),
        ("5.2", 5, 1, "feedback_on_time"),
        ("5.3", 2, 1, "feedback_satisfaction"),
        ("5.4", 6, Fraction(9, 10), "service_satisfaction"),
    ],
)
def test_each_computed_indicator(code, max_points, target, figure):
    leaf = next(c for c in _set().leaves() if c.code == code)
    assert (leaf.rule, leaf.max_points, leaf.target, leaf.figure) == ("computed", max_points, target, figure)


def test_every_figure_the_engine_computes_feeds_exactly_one_indicator():
    figures = [c.figure for c in _set().leaves() if c.rule == "computed"]
    assert sorted(figures) == sorted(index766.FIGURES)


def test_the_bands():
    s = _set()
    assert [(s.band(p)) for p in (100, 90, 89.99, 80, 70, 69.9, 50, 49.99, 0)] == [
        "Xuất sắc",
        "Xuất sắc",
        "Tốt",
        "Tốt",
        "Khá",
        "Trung bình",
        "Trung bình",
        "Yếu",
        "Yếu",
    ]


def test_a_year_uses_the_latest_set_dated_that_year_or_earlier():
    assert bundled_years("qd766") == [2022]
    assert bundled("qd766", 2026).year == 2022
    with pytest.raises(IndexSetError, match="Không có bộ chỉ số qd766 áp dụng cho năm 2021"):
        bundled("qd766", 2021)


@pytest.mark.parametrize(
    ("rate", "target", "max_points", "points"),
    [
        (Fraction(1, 4), Fraction(1, 2), 6, 3.0),
        (Fraction(1, 2), Fraction(1, 2), 6, 6.0),
        (Fraction(9, 10), Fraction(1, 2), 6, 6.0),  # never above the maximum
        (Fraction(0), Fraction(4, 5), 4, 0.0),
        (Fraction(2, 3), Fraction(1), 20, 13.33),
        (Fraction(1, 3), Fraction(4, 5), 4, 1.67),
    ],
)
def test_a_rate_scores_max_times_rate_over_target_capped_at_max(rate, target, max_points, points):
    assert rounded(rate_points(rate, target, Fraction(max_points))) == points


def test_rounding_is_half_up_on_the_exact_value():
    assert rounded(Fraction(60055, 1000)) == 60.06  # float round() gives 60.05
    assert rounded(Fraction(1, 8), 2) == 0.13
