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

import numpy as np

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
    # Not a sign: hindsight. The step in progress (or an earlier one) does in the end finish past its own
    # deadline, which nobody could know that morning. Used only for an upper bound (``sign_rule``).
    overrun: bool = False
    # The morning's facts a second stage combines with ``risk`` (``backtest.FEATURES``, same order).
    features: tuple[float, ...] = ()


@dataclass(frozen=True)
class ItemSummary:
    """Per item: its highest risk on a morning far enough ahead (-1 if never scored that early)."""

    item: Hashable
    late: bool
    early_max: float
    early_sign: bool = False  # a step past its own deadline on a morning far enough ahead
    early_overrun: bool = False  # a step that would overrun was under way on a morning far enough ahead


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
    overrun: dict[Hashable, bool] = {}
    for p in predictions:
        late[p.item] = p.late
        if p.days_before >= lead:
            best[p.item] = max(best.get(p.item, -1.0), p.risk)
            sign[p.item] = sign.get(p.item, False) or p.sign
            overrun[p.item] = overrun.get(p.item, False) or p.overrun
        else:
            best.setdefault(p.item, -1.0)
    return [ItemSummary(i, late[i], best[i], sign.get(i, False), overrun.get(i, False)) for i in late]


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


def sign_rule(items: Sequence[ItemSummary], lead: int = DEFAULT_LEAD, *, hindsight: bool = False) -> Scores:
    """A rule with no model: flag a dossier when, far enough ahead, its step in progress was already past
    its own deadline (``threshold`` 1.0 stands for "the sign"). With ``hindsight``, the bound no model can
    pass with the same facts: flag it when a step that would in the end overrun was under way."""
    late = sum(1 for s in items if s.late)
    flagged = [s for s in items if (s.early_overrun if hindsight else s.early_sign)]
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


def reachable_recall(items: Sequence[ItemSummary]) -> float | None:
    """The recall a perfect model would reach: late items scored at all on a morning far enough ahead,
    over all late items (a dossier with a time limit of hours is never open two working days ahead)."""
    late = [s for s in items if s.late]
    return sum(1 for s in late if s.early_max >= 0) / len(late) if late else None


def fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = 1.0, rounds: int = 25) -> np.ndarray:
    """Weights of a logistic regression of ``y`` (0/1) on the columns of ``x`` (a column of ones first),
    by Newton steps with a small ridge penalty so a column that separates the data keeps a finite weight."""
    w = np.zeros(x.shape[1])
    for _ in range(rounds):
        p = logistic(x, w)
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + ridge * np.eye(x.shape[1])
        w = w + np.linalg.solve(hessian, x.T @ (y - p) - ridge * w)
    return w


def logistic(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(x @ w, -30.0, 30.0))))


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
