"""The dossier model of ``model.py`` on arrays: the same risks for a million open dossiers at once.

``DossierModel`` judges one dossier at a time in Python (the backtest replays mornings with it). The
morning refresh judges every open dossier on one day, so here the history is fitted once into sorted
arrays per key and every open dossier is looked up with ``numpy.searchsorted``. The arithmetic is the
same operation for operation (same float64 additions and divisions, same tie rules as ``bisect_right``),
so the results are identical, not merely close: a test compares both on random histories.

Keys are rows of integers (procedure, unit, step number); a missing unit is any negative number.
Times are on the working-day axis of ``model.office_days``; ``positions`` puts local instants there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from cchc.lib.earlywarning.model import SHARE_MIN_DAYS, day_start, office_days
from cchc.lib.earlywarning.survival import LEVEL_LEGAL, LEVEL_SHARE, LEVEL_UNIT, LEVEL_WIDE, UNKNOWN_RISK
from cchc.lib.workcal import WorkCalendar

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

# Level codes on arrays; ``LEVELS[code]`` is the level name of ``survival``.
UNIT, WIDE, SHARE, LEGAL = 0, 1, 2, 3
LEVELS: Final = (LEVEL_UNIT, LEVEL_WIDE, LEVEL_SHARE, LEVEL_LEGAL)
_US_PER_DAY: Final = 86_400_000_000
_EPOCH: Final = dt.date(1970, 1, 1)


# --- the working-day axis ------------------------------------------------------------------------------


def positions(cal: WorkCalendar, local_us: Ints) -> Floats:
    """``office_days`` of each naive local instant given as microseconds since 1970-01-01 00:00.

    The day's base is computed once per distinct day by ``office_days`` itself and the office time of
    the day added as ``office_us_before(t) / day_us``, as ``Axis.at`` does, so each value is the same float.
    """
    hours = cal.hours
    days, tod = np.divmod(np.asarray(local_us, dtype=np.int64), _US_PER_DAY)
    uniq, inverse = np.unique(days, return_inverse=True)
    inverse = inverse.reshape(-1)
    base = np.array(
        [office_days(cal, day_start(_EPOCH + dt.timedelta(days=int(x)))) for x in uniq], dtype=np.float64
    )
    is_working = cal.is_working_day_array(uniq.astype("datetime64[D]"))
    morning = np.clip(tod - _us(hours.morning_start), 0, hours.morning_us)
    afternoon = np.clip(tod - _us(hours.afternoon_start), 0, hours.afternoon_us)
    within = np.where(is_working[inverse], morning + afternoon, 0)
    out: Floats = base[inverse] + within / hours.day_us
    return out


_SLOT_US: Final = 15 * 60 * 1_000_000
_EPOCH_UTC: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def local_us(utc_us: Ints, tz: dt.tzinfo) -> Ints:
    """Microseconds since 1970 UTC → naive local wall time in ``tz`` (as ``astimezone`` gives it). The
    offset is looked up once per quarter hour present: zones change offset only on quarter hours."""
    slots, inverse = np.unique(np.floor_divide(utc_us, _SLOT_US), return_inverse=True)
    offsets = np.array(
        [_offset_us(_EPOCH_UTC + dt.timedelta(microseconds=int(x) * _SLOT_US), tz) for x in slots],
        dtype=np.int64,
    )
    out: Ints = utc_us + offsets[inverse.reshape(-1)]
    return out


def _offset_us(t: dt.datetime, tz: dt.tzinfo) -> int:
    offset = t.astimezone(tz).utcoffset()
    return 0 if offset is None else offset // dt.timedelta(microseconds=1)


def _us(t: dt.time) -> int:
    return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond


def net_of_waits(x: Floats, owner: Ints, wait_owner: Ints, wait_from: Floats, wait_to: Floats) -> Floats:
    """``model.net_of_waits`` for each ``x[i]`` with the waits of its dossier ``owner[i]``: the waits of
    one dossier are subtracted in the order given, as the scalar sum does."""
    if wait_owner.size == 0 or x.size == 0:
        return x.astype(np.float64, copy=True)
    order = np.argsort(wait_owner, kind="stable")
    wo, wa, wb = wait_owner[order], wait_from[order], wait_to[order]
    first = np.searchsorted(wo, owner, "left")
    count = np.searchsorted(wo, owner, "right") - first
    total = np.zeros(x.shape, dtype=np.float64)
    for j in range(int(count.max(initial=0))):
        has = count > j
        idx = first[has] + j
        xa = x[has]
        a, b = wa[idx], wb[idx]
        term = np.where(a < xa, np.maximum(0.0, np.minimum(xa, b) - a), 0.0)
        total[has] = total[has] + term
    return x - total


# --- sorted durations per key --------------------------------------------------------------------------


def key_ids(*tables: Ints) -> list[Ints]:
    """The same integer id for equal key rows across ``tables`` (each n × arity, same arity)."""
    both = np.concatenate(tables, axis=0)
    if both.shape[0] == 0:
        return [np.zeros(0, dtype=np.int64) for _ in tables]
    _, inverse = np.unique(both, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    out, at = [], 0
    for t in tables:
        out.append(inverse[at : at + len(t)].astype(np.int64))
        at += len(t)
    return out


class Segments:
    """Durations grouped by key id, each group sorted: ``Durations`` for many keys at once."""

    def __init__(self, keys: Ints, values: Floats, n_keys: int) -> None:
        order = np.lexsort((values, keys))
        self.keys = keys[order]
        self.values = values[order]
        ids = np.arange(max(n_keys, 1), dtype=np.int64)  # one empty group when there is no history
        self.starts = np.searchsorted(self.keys, ids, "left")
        self.ends = np.searchsorted(self.keys, ids, "right")

    def size(self, k: Ints) -> Ints:
        return np.where(k >= 0, self.ends[np.maximum(k, 0)] - self.starts[np.maximum(k, 0)], 0)

    def first_above(self, k: Ints, x: Floats) -> Ints:
        """Index in ``values`` of the first value above ``x[i]`` in group ``k[i]`` (``bisect_right``).

        Values and queries are replaced by their rank among all of them, which keeps every comparison
        exact, and (key, rank) is searched as one integer in the globally sorted list."""
        kk = np.maximum(k, 0)
        u = np.unique(np.concatenate((self.values, x)))
        scale = np.int64(u.size + 1)
        combined = self.keys * scale + np.searchsorted(u, self.values)
        return np.searchsorted(combined, kk * scale + np.searchsorted(u, x), "right")

    def median_from(self, start: Ints, end: Ints, fallback: Floats) -> Floats:
        """Median of ``values[start:end]`` per item (``fallback`` where empty), as ``Durations.median``."""
        n = end - start
        mid = start + n // 2
        safe = np.clip(mid, 0, max(self.values.size - 1, 0))
        before = np.clip(mid - 1, 0, max(self.values.size - 1, 0))
        if self.values.size == 0:
            return fallback.copy()
        upper = self.values[safe]
        lower = self.values[before]
        med = np.where(n % 2 == 1, upper, (lower + upper) / 2)
        return np.where(n > 0, med, fallback)


@dataclass
class Estimates:
    """``survival.Estimate`` for many items: one array per field (``level`` holds codes of ``LEVELS``)."""

    risk: Floats
    level: Ints
    compared: Ints
    typical: Floats
    expected_more: Floats
    elapsed: Floats
    left: Floats


def estimate(
    levels: Sequence[tuple[int, Segments, Ints]],
    *,
    elapsed: Floats,
    left: Floats,
    legal: Floats,
    min_alive: int,
) -> Estimates:
    """``survival.estimate`` for every item: the narrowest level with at least ``min_alive`` comparable
    past items, else the legal fallback. ``levels`` gives (code, segments, key id per item; -1: none)."""
    n = elapsed.size
    elapsed = np.maximum(elapsed, 0.0)
    out = Estimates(
        risk=np.empty(n),
        level=np.full(n, -1, dtype=np.int64),
        compared=np.zeros(n, dtype=np.int64),
        typical=np.empty(n),
        expected_more=np.empty(n),
        elapsed=elapsed,
        left=left.astype(np.float64, copy=True),
    )
    todo = np.ones(n, dtype=bool)
    for code, seg, k in levels:
        size = seg.size(k)
        if not todo.any():
            break
        start = seg.starts[np.maximum(k, 0)]
        end = seg.ends[np.maximum(k, 0)]
        above = seg.first_above(k, elapsed)
        alive = np.where(size > 0, end - above, 0)
        take = todo & (size > 0) & (alive >= min_alive)
        if not take.any():
            continue
        beyond = end - seg.first_above(k, elapsed + np.maximum(left, 0.0))
        with np.errstate(divide="ignore", invalid="ignore"):
            risk = np.where(alive > 0, beyond / np.maximum(alive, 1), UNKNOWN_RISK)
        risk = np.where(left <= 0, 1.0, risk)
        more = seg.median_from(above, end, elapsed) - elapsed
        typical = seg.median_from(start, end, np.zeros(n))
        out.risk[take] = risk[take]
        out.level[take] = code
        out.compared[take] = alive[take]
        out.typical[take] = typical[take]
        out.expected_more[take] = more[take]
        todo &= ~take
    # The legal fallback (``survival.legal_estimate``).
    risk = np.where(legal > elapsed, np.where(legal > elapsed + left, 1.0, 0.0), UNKNOWN_RISK)
    risk = np.where(left <= 0, 1.0, risk)
    out.risk[todo] = risk[todo]
    out.level[todo] = LEGAL
    out.compared[todo] = 0
    out.typical[todo] = legal[todo]
    out.expected_more[todo] = np.maximum(legal - elapsed, 0.0)[todo]
    return out


# --- dossiers ------------------------------------------------------------------------------------------


@dataclass
class History:
    """Finished dossiers (one row each) and their finished steps, on the working-day axis, waits taken
    out. ``appointment`` is NaN when unknown; ``unit``/``step_unit`` negative when unknown."""

    procedure: Ints
    unit: Ints
    received: Floats
    end: Floats
    finished_day: Ints  # date.toordinal()
    appointment: Floats
    step_dossier: Ints  # row index into the dossier arrays
    step_seq: Ints
    step_unit: Ints
    step_start: Floats
    step_finish: Floats


@dataclass
class Open:
    """Open dossiers on one morning (``DossierModel.dossier_risk``'s ``OpenDossier``s as arrays).
    ``step_deadline`` is NaN when there is none; ``seq`` 0 when no step is in progress."""

    procedure: Ints
    unit: Ints
    now: Floats
    appointment: Floats
    seq: Ints
    step_unit: Ints
    step_start: Floats
    step_deadline: Floats


@dataclass
class Scored:
    dossier: Estimates
    step: Estimates
    has_step: Bools  # where ``step`` means something (``DossierModel.step_risk`` is not None)


def _stack(*cols: Ints) -> Ints:
    return (
        np.stack([c.astype(np.int64) for c in cols], axis=1)
        if cols[0].size
        else np.zeros((0, len(cols)), np.int64)
    )


def score(h: History, o: Open, today: dt.date, *, window_days: int, min_alive: int) -> Scored:
    """Every open dossier of ``o`` and its step in progress, judged on the morning of ``today`` from the
    items of ``h`` that finished in the window before it (as ``DossierModel`` with ``History``)."""
    day = today.toordinal()
    keep = (h.finished_day >= day - window_days) & (h.finished_day < day)
    d_rows = np.flatnonzero(keep)
    s_keep = keep[h.step_dossier] if h.step_dossier.size else np.zeros(0, dtype=bool)
    sd = h.step_dossier[s_keep]
    s_seq, s_unit = h.step_seq[s_keep], h.step_unit[s_keep]
    s_start, s_finish = h.step_start[s_keep], h.step_finish[s_keep]
    proc, unit, rec, end, appt = h.procedure, h.unit, h.received, h.end, h.appointment

    # The rest of a dossier from receipt ("step 0") and from the start of each step, to its end.
    r_proc = np.concatenate((proc[d_rows], proc[sd]))
    r_unit = np.concatenate((unit[d_rows], unit[sd]))
    r_seq = np.concatenate((np.zeros(d_rows.size, np.int64), s_seq))
    r_val = np.concatenate((np.maximum(end[d_rows] - rec[d_rows], 0.0), np.maximum(end[sd] - s_start, 0.0)))
    # One step alone.
    t_val = np.maximum(s_finish - s_start, 0.0)
    # Shares of the time left by law, every procedure together.
    sh_start = np.concatenate((rec[d_rows], s_start))
    sh_appt = np.concatenate((appt[d_rows], appt[sd]))
    sh_end = np.concatenate((end[d_rows], end[sd]))
    with np.errstate(invalid="ignore"):
        sh_ok = ~np.isnan(sh_appt) & (sh_appt - sh_start > SHARE_MIN_DAYS)
    sh_val = np.maximum(sh_end[sh_ok] - sh_start[sh_ok], 0.0) / (sh_appt[sh_ok] - sh_start[sh_ok])

    n = o.now.size
    start = o.step_start
    elapsed = np.maximum(o.now - start, 0.0)
    left = o.appointment - o.now
    has_deadline = ~np.isnan(o.step_deadline)
    legal = np.where(
        has_deadline,
        np.maximum(elapsed, o.step_deadline - start) + np.maximum(o.appointment - o.step_deadline, 0.0),
        o.appointment - start,
    )
    hu, ou = key_ids(_stack(r_proc, r_unit, r_seq), _stack(o.procedure, o.unit, o.seq))
    hw, ow = key_ids(_stack(r_proc, r_seq), _stack(o.procedure, o.seq))
    levels = [
        (UNIT, Segments(hu, r_val, int(hu.max(initial=-1)) + 1), _known(ou, hu)),
        (WIDE, Segments(hw, r_val, int(hw.max(initial=-1)) + 1), _known(ow, hw)),
    ]
    e = estimate(levels, elapsed=elapsed, left=left, legal=legal, min_alive=min_alive)
    scale = o.appointment - start
    ask = (e.level == LEGAL) & (scale > SHARE_MIN_DAYS)
    if ask.any() and sh_val.size:
        safe = np.where(ask, scale, 1.0)
        seg = Segments(np.zeros(sh_val.size, np.int64), sh_val, 1)
        s = estimate(
            [(SHARE, seg, np.zeros(n, np.int64))],
            elapsed=elapsed / safe,
            left=left / safe,
            legal=np.ones(n),
            min_alive=min_alive,
        )
        use = ask & (s.level == SHARE)
        e.risk[use] = s.risk[use]
        e.level[use] = SHARE
        e.compared[use] = s.compared[use]
        e.typical[use] = (s.typical * scale)[use]
        e.expected_more[use] = (s.expected_more * scale)[use]
        e.elapsed[use] = elapsed[use]

    has_step = (o.seq != 0) & has_deadline
    su, ous = key_ids(_stack(proc[sd], s_seq, s_unit), _stack(o.procedure, o.seq, o.step_unit))
    sw, osw = key_ids(_stack(proc[sd], s_seq), _stack(o.procedure, o.seq))
    s_elapsed = np.maximum(o.now - o.step_start, 0.0)
    step = estimate(
        [
            (UNIT, Segments(su, t_val, int(su.max(initial=-1)) + 1), _known(ous, su)),
            (WIDE, Segments(sw, t_val, int(sw.max(initial=-1)) + 1), _known(osw, sw)),
        ],
        elapsed=s_elapsed,
        left=o.step_deadline - o.now,
        legal=o.step_deadline - o.step_start,
        min_alive=min_alive,
    )
    return Scored(e, step, has_step)


def _known(item_ids: Ints, history_ids: Ints) -> Ints:
    """Item key ids, -1 for keys with no history row (``History.durations`` gives None)."""
    if history_ids.size == 0:
        return np.full(item_ids.size, -1, dtype=np.int64)
    present = np.zeros(int(max(item_ids.max(initial=0), history_ids.max(initial=0))) + 1, dtype=bool)
    present[history_ids] = True
    return np.where(present[item_ids], item_ids, -1)
