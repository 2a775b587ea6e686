"""A unit's city-index card scored by hand, one criterion per rule of the index-set file: computed
(min(max, max × rate ÷ target)), self-assessed (the unit's points, or Internal Affairs' when it adjusted
them), appraised and survey (the points Internal Affairs entered), points kept within 0 and the
maximum, a deduction and a bonus after the base, and criteria without points (or a computed one
without records) left out of both the total and the maximum the percentage is read against."""

from __future__ import annotations

from decimal import Decimal

from cchc.lib.scoring import bundled
from cchc.scorecards.cards import score
from cchc.scorecards.city_figures import FIGURES
from cchc.scorecards.models import CriterionScore


def _row(code: str, **kw) -> CriterionScore:
    values = {k: Decimal(str(v)) if isinstance(v, int | float) else v for k, v in kw.items()}
    return CriterionScore(code=code, **values)


ROWS = {
    r.code: r
    for r in [
        _row("1.1", self_points=2.5),  # self-assessed, not adjusted: 2.5 of 3
        _row("1.2", self_points=3, appraised_points=2, adjustment=-0.5),  # adjusted to 2, a deduction of 0.5
        _row("1.3", figure={"numerator": 3, "denominator": 4}),  # computed: 6 × 0.75 ÷ 1 = 4.5
        _row("1.4", self_points=5),  # above its maximum of 2: 2
        _row("2.1", self_points=-1),  # below 0: 0, all 6 lost
        _row("3.1", figure={"numerator": 0, "denominator": 0}),  # no records: no data, not 0
        _row("3.3", figure={"numerator": 3, "denominator": 10}),  # 4 × 0.3 ÷ 0.5 = 2.4
        _row("3.5", self_points=3, adjustment=1),  # a bonus of 1 on 3
        _row("5.1", self_points=6, appraised_points=5),  # appraised: Internal Affairs' 5, not the unit's 6
        _row("5.2"),  # self-assessed, nothing entered yet
        _row("8.1", appraised_points=8.5),  # survey: the result Internal Affairs entered
        _row("8.2"),  # appraised, nothing entered yet
    ]
}


def _card():
    return score(bundled("city", 2022, figures=FIGURES), ROWS)


def test_each_rule_gives_its_points_and_lost_points():
    lines = {line.code: (line.base, line.points, line.lost) for line in _card().lines}
    assert lines["1.1"] == (2.5, 2.5, 0.5)
    assert lines["1.2"] == (2.0, 1.5, 1.0)  # lost is counted on the base; the deduction shows in points
    assert lines["1.3"] == (4.5, 4.5, 1.5)
    assert lines["1.4"] == (2.0, 2.0, 0.0)
    assert lines["2.1"] == (0.0, 0.0, 6.0)
    assert lines["3.1"] == (None, None, None)
    assert lines["3.3"] == (2.4, 2.4, 1.6)
    assert lines["3.5"] == (3.0, 4.0, 1.0)
    assert lines["5.1"] == (5.0, 5.0, 1.0)
    assert lines["5.2"] == lines["8.2"] == lines["4.1"] == (None, None, None)
    assert lines["8.1"] == (8.5, 8.5, 1.5)


def test_total_maximum_percentage_and_band():
    card = _card()
    # 2.5 + 1.5 + 4.5 + 2 + 0 + 2.4 + 4 + 5 + 8.5 over the maxima of the scored criteria
    # 3 + 3 + 6 + 2 + 6 + 4 + 4 + 6 + 10 = 44.
    assert (card.total, card.max_scored, card.max_points) == (30.4, 44.0, 100.0)
    assert card.percent == 69.09
    assert card.band == "Trung bình"  # 69.09 on 100: 50 to under 70


def test_field_sums():
    fields = {f.criterion.code: (f.points, f.lost) for f in _card().fields}
    assert fields["1"] == (10.5, 3.0)
    assert fields["3"] == (6.4, 2.6)
    assert fields["4"] == (0, 0)
