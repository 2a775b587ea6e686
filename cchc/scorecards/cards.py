"""A unit's card scored from its criterion rows: each leaf's points by its rule, points lost, field
sums, total, percentage and band. One function (``score``) gives every figure the card page, the
ranking, the leader's panel, the exports and the frozen total show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from cchc.lib.scoring import Criterion, IndexSet, load_text, rate_points, rounded
from cchc.scorecards.city_figures import FIGURES
from cchc.scorecards.models import CriterionScore, IndexVersion


def index_set(version: IndexVersion) -> IndexSet:
    return load_text(version.text, version.file_name, figures=FIGURES)


@dataclass
class Line:
    criterion: Criterion
    row: CriterionScore | None
    base: float | None  # points before deductions and bonuses; None = not scored yet / no data
    points: float | None  # with deductions and bonuses
    lost: float | None

    @property
    def code(self) -> str:
        return self.criterion.code


@dataclass
class FieldSum:
    criterion: Criterion
    lines: list[Line] = field(default_factory=list)

    @property
    def points(self) -> float:
        return round(sum(line.points or 0 for line in self.lines), 2)

    @property
    def lost(self) -> float:
        return round(sum(line.lost or 0 for line in self.lines), 2)


@dataclass
class Card:
    fields: list[FieldSum]
    total: float
    max_points: float
    max_scored: float  # the maximum of the criteria that have points
    band: str | None

    @property
    def percent(self) -> float | None:
        return round(100 * self.total / self.max_scored, 2) if self.max_scored else None

    @property
    def lines(self) -> list[Line]:
        return [line for f in self.fields for line in f.lines]


def _dec(value: Decimal | None) -> Fraction | None:
    return None if value is None else Fraction(value)


def base_points(c: Criterion, row: CriterionScore | None) -> Fraction | None:
    """The rule of the index-set file: computed → the figure's rate scored against the target;
    self-assessed → the appraised points if Internal Affairs adjusted them, else the unit's own;
    appraised, survey, imported → the points Internal Affairs entered."""
    if row is None:
        return None
    if c.rule == "computed":
        fig = row.figure or {}
        if not fig.get("denominator"):
            return None
        return rate_points(
            Fraction(fig["numerator"], fig["denominator"]), c.target or Fraction(1), c.max_points
        )
    if c.rule == "self_assessed" and row.appraised_points is None:
        own = _dec(row.self_points)
        return None if own is None else min(c.max_points, max(Fraction(0), own))
    got = _dec(row.appraised_points)
    return None if got is None else min(c.max_points, max(Fraction(0), got))


def score(s: IndexSet, rows: Mapping[str, CriterionScore]) -> Card:
    fields: list[FieldSum] = []
    total = Fraction(0)
    scored_max = Fraction(0)
    for top in s.children:
        f = FieldSum(top)
        for leaf in top.leaves():
            row = rows.get(leaf.code)
            base = base_points(leaf, row)
            points = None
            if base is not None:
                points = base + Fraction(row.adjustment if row is not None and row.adjustment else 0)
                total += points
                scored_max += leaf.max_points
            f.lines.append(
                Line(
                    leaf,
                    row,
                    None if base is None else rounded(base),
                    None if points is None else rounded(points),
                    None if base is None else rounded(leaf.max_points - base),
                )
            )
        fields.append(f)
    band = s.band(total * s.max_points / scored_max) if scored_max else None
    return Card(fields, rounded(total), rounded(s.max_points), rounded(scored_max), band)


def adjustment_limits(c: Criterion) -> tuple[Fraction, Fraction]:
    """How far deductions and bonuses may move a criterion: (−sum of deductions, +sum of bonuses)."""
    return (
        -sum((d.max_points for d in c.deductions), Fraction(0)),
        sum((b.max_points for b in c.bonuses), Fraction(0)),
    )


def as_row(card: Card) -> dict[str, Any]:
    return {"total": card.total, "max_scored": card.max_scored, "percent": card.percent, "band": card.band}
