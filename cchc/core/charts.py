"""A chart and the table of its numbers, built from the same rows (templates/charts/_figure_chart.html
draws both; static/js/figure-charts.js draws the canvas). The numbers are never computed twice: the
view hands the figures it already shows, and the chart only arranges them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float | int | None]
    kind: str = "bar"  # "bar" or "line"
    colour: str = "late"  # late, city, tasks, petitions, neutral (figure-charts.js)


@dataclass(frozen=True)
class ChartRow:
    label: str
    values: list[float | int | None]


@dataclass
class Chart:
    id: str
    title: str
    label_title: str
    labels: list[str]
    series: list[Series] = field(default_factory=list)
    percent: bool = False
    horizontal: bool = False
    stacked: bool = False
    note: str = ""
    # The labels are names of units or people (data: marked Vietnamese on a page in English).
    labels_are_names: bool = False

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"

    @property
    def height(self) -> int:
        # Horizontal bars: one band per label, so a long list stays readable on a 390-px phone.
        return max(180, 28 * len(self.labels) + 70) if self.horizontal else 240

    @property
    def rows(self) -> list[ChartRow]:
        return [ChartRow(label, [s.values[i] for s in self.series]) for i, label in enumerate(self.labels)]

    @property
    def data(self) -> dict[str, Any]:
        return {
            "labels": self.labels,
            "percent": self.percent,
            "horizontal": self.horizontal,
            "stacked": self.stacked,
            "series": [
                {"label": s.label, "values": s.values, "kind": s.kind, "colour": s.colour}
                for s in self.series
            ],
        }

    def __bool__(self) -> bool:
        return bool(self.labels)


def pct(share: float | None) -> float | None:
    """A share of one as a percentage rounded to one decimal (the charts' unit)."""
    return None if share is None else round(share * 100, 1)
