"""How likely an open item is to finish late, from how long items like it took (pure, no Django).

The model in plain words (docs/early-warning.md):

* For each kind of item we keep, per key, the working time that finished items took — e.g. "from the
  start of step 2 to the end of the dossier, for procedure X handled by unit Y". Only items finished
  inside a rolling window before "today" are used, so the model follows how a unit works now.
* An open item has already spent ``elapsed`` working days and has ``left`` working days before its
  deadline. Among the past items that took longer than ``elapsed`` (the ones that were still going at
  that point), the share that took longer than ``elapsed + left`` is the risk: the chance it finishes
  after its deadline, judged by what happened to items in the same position.
* Keys go from narrow to wide (this unit, then every unit, then the legal time itself). The narrowest
  key with at least ``min_alive`` comparable past items is used; with none, the item is marked
  "chưa đủ dữ liệu" and judged by the legal time alone — never dropped.

More time left can only lower the risk: the comparison set depends on ``elapsed`` alone, and the
count of past items longer than ``elapsed + left`` can only fall as ``left`` grows.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

# Level names, narrowest first; shown on screen through ``LEVEL_LABELS``.
LEVEL_UNIT: Final = "unit"
LEVEL_WIDE: Final = "wide"
LEVEL_SHARE: Final = "share"
LEVEL_LEGAL: Final = "legal"


def gettext_noop(text: str) -> str:
    """Marks a message for the interface catalogue (``make messages`` collects every ``gettext_noop``
    call) without Django, which ``lib`` does not import; the caller translates (``explain``'s ``tr``)."""
    return text


LEVEL_LABELS: Final = {
    LEVEL_UNIT: gettext_noop("lịch sử của đơn vị"),
    LEVEL_WIDE: gettext_noop("lịch sử toàn thủ tục"),
    LEVEL_SHARE: gettext_noop("chưa đủ dữ liệu của thủ tục — theo mọi thủ tục, tính trên tỉ lệ thời hạn"),
    LEVEL_LEGAL: gettext_noop("chưa đủ dữ liệu — theo thời hạn quy định"),
}
# With no past item still going at this point, the legal fallback cannot say more than "unknown".
UNKNOWN_RISK: Final = 0.5


@dataclass(frozen=True)
class Estimate:
    """The risk of one item and everything needed to explain it on screen."""

    risk: float  # 0..1, the chance of finishing after the deadline
    level: str  # LEVEL_UNIT, LEVEL_WIDE, LEVEL_SHARE or LEVEL_LEGAL
    compared: int  # past items still going after ``elapsed`` (0 for the legal fallback)
    typical: float  # median working days the past items took (or the legal time)
    expected_more: float  # median working days still to go, given the time already spent
    elapsed: float
    left: float

    @property
    def insufficient(self) -> bool:
        """True when the item's own procedure had too little history ("chưa đủ dữ liệu")."""
        return self.level in (LEVEL_SHARE, LEVEL_LEGAL)

    @property
    def expected_late_by(self) -> float:
        """Working days past the deadline at the expected finish (0 when expected on time)."""
        return max(0.0, self.expected_more - self.left)


@dataclass
class Durations:
    """The working days finished items took, kept sorted for counting."""

    values: list[float] = field(default_factory=list)

    @classmethod
    def of(cls, values: Iterable[float]) -> Durations:
        return cls(sorted(values))

    def longer_than(self, x: float) -> int:
        return len(self.values) - bisect.bisect_right(self.values, x)

    def median(self) -> float:
        v = self.values
        if not v:
            return 0.0
        mid = len(v) // 2
        return v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2

    def median_longer_than(self, x: float) -> float:
        """The median of the values above ``x`` (what items in this position went on to take)."""
        start = bisect.bisect_right(self.values, x)
        rest = self.values[start:]
        if not rest:
            return x
        mid = len(rest) // 2
        return rest[mid] if len(rest) % 2 else (rest[mid - 1] + rest[mid]) / 2


def conditional_risk(d: Durations, elapsed: float, left: float) -> tuple[float, int]:
    """(share of the items still going after ``elapsed`` that went past ``elapsed + left``, that count)."""
    alive = d.longer_than(elapsed)
    if alive == 0:
        return UNKNOWN_RISK, 0
    return d.longer_than(elapsed + max(left, 0.0)) / alive, alive


def legal_estimate(legal: float, elapsed: float, left: float) -> Estimate:
    """The fallback with no usable history: the item is taken to need exactly its legal time."""
    if left <= 0:
        risk = 1.0
    elif legal > elapsed:
        risk = 1.0 if legal > elapsed + left else 0.0
    else:
        risk = UNKNOWN_RISK  # already past what the law allows, with time still before the deadline
    return Estimate(risk, LEVEL_LEGAL, 0, legal, max(legal - elapsed, 0.0), elapsed, left)


def estimate(
    levels: Sequence[tuple[str, Durations | None]],
    *,
    elapsed: float,
    left: float,
    legal: float,
    min_alive: int,
) -> Estimate:
    """The risk from the narrowest level with at least ``min_alive`` comparable past items.

    ``left`` ≤ 0 means the deadline has passed: the item is late already (risk 1), whatever history says.
    """
    elapsed = max(elapsed, 0.0)
    for name, d in levels:
        if d is None:
            continue
        alive = d.longer_than(elapsed)
        if alive < min_alive:
            continue
        risk, _ = conditional_risk(d, elapsed, left)
        if left <= 0:
            risk = 1.0
        more = d.median_longer_than(elapsed) - elapsed
        return Estimate(risk, name, alive, d.median(), more, elapsed, left)
    return legal_estimate(legal, elapsed, left)


class History:
    """Finished items per key over a rolling window: ``add`` them in any order, then ``at(day)`` gives
    the durations of the items finished in ``[day - window, day)`` — never on or after ``day``, so a
    backtest on day D sees only what was known that morning."""

    def __init__(self, window_days: int) -> None:
        self.window_days = window_days
        self._rows: dict[Hashable, list[tuple[int, float]]] = {}
        self._sorted = True
        self._cache: dict[tuple[Hashable, int], Durations] = {}

    def add(self, key: Hashable, finished_day: int, duration: float) -> None:
        """``finished_day`` is a day number (``date.toordinal()``); ``duration`` in working days."""
        self._rows.setdefault(key, []).append((finished_day, duration))
        self._sorted = False
        self._cache.clear()

    def _sort(self) -> None:
        if not self._sorted:
            for rows in self._rows.values():
                rows.sort()
            self._sorted = True

    def durations(self, key: Hashable, day: int) -> Durations | None:
        self._sort()
        rows = self._rows.get(key)
        if not rows:
            return None
        cached = self._cache.get((key, day))
        if cached is not None:
            return cached
        lo = bisect.bisect_left(rows, (day - self.window_days, float("-inf")))
        hi = bisect.bisect_left(rows, (day, float("-inf")))
        d = Durations.of(r[1] for r in rows[lo:hi]) if hi > lo else None
        if d is not None:
            self._cache[(key, day)] = d
        return d

    def keys(self) -> Iterable[Hashable]:
        return self._rows.keys()

    def forget_cache(self) -> None:
        """Drop the per-day sorted copies (a backtest moving to the next day no longer needs them)."""
        self._cache.clear()
