"""Honest figures for the warnings (pure): what the model said each morning against what happened.

A *prediction* is one morning's risk for one open item, with how many working days were then left
before its appointment and whether the item in the end finished late. From these:

* an item is **flagged early** when, on some morning at least ``lead`` working days before its
  appointment, its risk reached the threshold;
* **recall**: of the items that ended late, the share flagged early; **false alarms**: items flagged
  early that ended on time; **precision**: flagged items that did end late;
* **calibration**: predictions grouped by risk decile, and how many in each group ended late.

The threshold is chosen on one slice of history (``choose_threshold``) and then only reported on the
held-out slice, so the held-out figures are not flattered by the choice.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

DEFAULT_LEAD: Final = 2
CANDIDATE_THRESHOLDS: Final = tuple(round(0.05 * i, 2) for i in range(1, 20))


@dataclass(frozen=True)
class Prediction:
    item: Hashable
    risk: float
    days_before: int  # working days from that morning to the appointment day
    late: bool
    # A sign anyone could read in the ledger that morning: the step in progress is already past its own
    # deadline. Used to measure how much of the lateness shows early at all (``sign_rule``).
    sign: bool = False


@dataclass(frozen=True)
class ItemSummary:
    """Per item: its highest risk on a morning far enough ahead (-1 if never scored that early)."""

    item: Hashable
    late: bool
    early_max: float
    early_sign: bool = False  # a step past its own deadline on a morning far enough ahead


@dataclass(frozen=True)
class Scores:
    threshold: float
    lead: int
    items: int
    late: int
    flagged: int
    true_alarms: int
    false_alarms: int

    @property
    def recall(self) -> float | None:
        return self.true_alarms / self.late if self.late else None

    @property
    def precision(self) -> float | None:
        return self.true_alarms / self.flagged if self.flagged else None

    @property
    def false_per_true(self) -> float | None:
        return self.false_alarms / self.true_alarms if self.true_alarms else None

    def meets(self, min_recall: float = 0.6, max_false_per_true: float = 1.0) -> bool:
        fpt = self.false_per_true
        return (self.recall or 0.0) >= min_recall and fpt is not None and fpt <= max_false_per_true


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    predictions: int
    mean_risk: float
    late_share: float


def summarise(predictions: Iterable[Prediction], lead: int = DEFAULT_LEAD) -> list[ItemSummary]:
    best: dict[Hashable, float] = {}
    late: dict[Hashable, bool] = {}
    sign: dict[Hashable, bool] = {}
    for p in predictions:
        late[p.item] = p.late
        if p.days_before >= lead:
            best[p.item] = max(best.get(p.item, -1.0), p.risk)
            sign[p.item] = sign.get(p.item, False) or p.sign
        else:
            best.setdefault(p.item, -1.0)
    return [ItemSummary(i, late[i], best[i], sign.get(i, False)) for i in late]


def score(items: Sequence[ItemSummary], threshold: float, lead: int = DEFAULT_LEAD) -> Scores:
    late = sum(1 for s in items if s.late)
    flagged = [s for s in items if s.early_max >= threshold]
    true = sum(1 for s in flagged if s.late)
    return Scores(threshold, lead, len(items), late, len(flagged), true, len(flagged) - true)


def curve(
    items: Sequence[ItemSummary], lead: int = DEFAULT_LEAD, candidates: Sequence[float] = CANDIDATE_THRESHOLDS
) -> list[Scores]:
    """Recall and false alarms at every candidate threshold (the precision/recall curve)."""
    return [score(items, t, lead) for t in candidates]


def sign_rule(items: Sequence[ItemSummary], lead: int = DEFAULT_LEAD) -> Scores:
    """A rule with no model: flag a dossier when, far enough ahead, its step in progress was already past
    its own deadline (``threshold`` 1.0 stands for "the sign")."""
    late = sum(1 for s in items if s.late)
    flagged = [s for s in items if s.early_sign]
    true = sum(1 for s in flagged if s.late)
    return Scores(1.0, lead, len(items), late, len(flagged), true, len(flagged) - true)


def choose_threshold(
    items: Sequence[ItemSummary],
    lead: int = DEFAULT_LEAD,
    max_false_per_true: float = 1.0,
    candidates: Sequence[float] = CANDIDATE_THRESHOLDS,
) -> Scores:
    """The threshold with the highest recall among those keeping false alarms within
    ``max_false_per_true`` per true one (the highest such threshold when several tie, since it raises
    fewer alarms); if none does, the one with the fewest false alarms per true one."""
    scored = [score(items, t, lead) for t in candidates]
    ok = [s for s in scored if s.false_per_true is not None and s.false_per_true <= max_false_per_true]
    if ok:
        return max(ok, key=lambda s: (s.recall or 0.0, s.threshold))
    with_true = [s for s in scored if s.true_alarms]
    if with_true:
        return min(with_true, key=lambda s: (s.false_per_true or 0.0, s.threshold))
    return scored[-1]


def calibration(predictions: Iterable[Prediction], bins: int = 10) -> list[Bin]:
    """Predictions by risk decile (a risk of exactly 1 falls in the top bin)."""
    n = [0] * bins
    risk_sum = [0.0] * bins
    late = [0] * bins
    for p in predictions:
        i = min(int(p.risk * bins), bins - 1)
        n[i] += 1
        risk_sum[i] += p.risk
        late[i] += p.late
    return [
        Bin(
            i / bins,
            (i + 1) / bins,
            n[i],
            risk_sum[i] / n[i] if n[i] else 0.0,
            late[i] / n[i] if n[i] else 0.0,
        )
        for i in range(bins)
    ]
