"""Each dossier's verdict at the end of every day, as stretches of days with one verdict. Pure: no Django.

The dossier-results report judges a dossier at the end of its period's last day ``D``
(``outcomes_batch.judge_many`` with ``as_of=D``, then ``dossier_period.classify``). What that judgement
sees of a dossier changes only on a few days: the day it was received, the days a supplement was
requested or received back, the day its processing ended — and, while it is open within time, the day
after its (shifted) appointment, when it turns overdue. Between two such days every comparison the
engine makes with the horizon gives the same answer, so the verdict is constant.

``timeline`` therefore judges each dossier with ``judge_many`` itself on exactly those days and returns
the stretches ``[start, stop)`` of days ``D`` with one verdict (and, when finished, one day of the end
of processing). Nothing here restates a rule: the verdicts are the engine's, sampled where they can
change; a summary kept from these stretches (``cchc.dossiers.result_facts``) answers any period with
the engine's figures, which ``tests`` check period by period against the engine on random ledgers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

import numpy as np
import numpy.typing as npt

from cchc.lib.outcomes import DEFAULT_RULES, NOT_RECEIVED, Dossier, Rules
from cchc.lib.outcomes_batch import DossierBatch, judge_many
from cchc.lib.workcal import WorkCalendar

EARLY, ON_TIME, LATE, WITHIN, OVERDUE, EXCLUDED = range(6)  # ``OUTCOME_ORDER`` indices
FINISHED: Final = (EARLY, ON_TIME, LATE)
_DAY: Final = "datetime64[D]"
_NAT_DAY: Final = np.datetime64("NaT", "D")
Days = npt.NDArray[np.datetime64]


@dataclass
class Stretches:
    """One row per stretch: the dossier's row in the batch, its verdict (``OUTCOME_ORDER`` index), the
    local day its processing ended (finished verdicts; NaT when open), the first day ``D`` judged so and
    the first day no longer judged so (NaT: every later day)."""

    owner: npt.NDArray[np.int64]
    state: npt.NDArray[np.int8]
    end_day: Days
    start: Days
    stop: Days


def subset(b: DossierBatch, rows: npt.NDArray[np.int64]) -> DossierBatch:
    """The batch's dossiers at ``rows`` (distinct), with their supplements, steps and status events."""
    pos = np.full(len(b), -1, dtype=np.int64)
    pos[rows] = np.arange(rows.size, dtype=np.int64)

    def keep(owner: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.int64]]:
        mask = pos[owner] >= 0
        return mask, pos[owner[mask]]

    s, s_owner = keep(b.sup_owner)
    t, t_owner = keep(b.step_owner)
    e, e_owner = keep(b.event_owner)
    t_rows = np.flatnonzero(t).tolist()
    return DossierBatch(
        codes=[b.codes[i] for i in rows.tolist()],
        status=b.status[rows],
        received=b.received[rows],
        appointment=b.appointment[rows],
        ended=b.ended[rows],
        limit_value=b.limit_value[rows],
        limit_unit=b.limit_unit[rows],
        sup_owner=s_owner,
        sup_requested=b.sup_requested[s],
        sup_completed=b.sup_completed[s],
        step_owner=t_owner,
        step_started=b.step_started[t],
        step_finished=b.step_finished[t],
        step_deadline=b.step_deadline[t],
        step_external=b.step_external[t],
        step_unit=[b.step_unit[i] for i in t_rows],
        step_official=[b.step_official[i] for i in t_rows],
        event_owner=e_owner,
        event_status=b.event_status[e],
        event_at=b.event_at[e],
    )


def _judge_on(
    b: DossierBatch, owner: npt.NDArray[np.int64], day: Days, calendar: WorkCalendar, rules: Rules
) -> tuple[npt.NDArray[np.int8], Days, Days]:
    """The verdict, deadline and end day of dossier ``owner[k]`` judged at the end of ``day[k]``: one
    ``judge_many`` per distinct day."""
    state = np.full(owner.size, EXCLUDED, dtype=np.int8)
    deadline = np.full(owner.size, _NAT_DAY)
    end_day = np.full(owner.size, _NAT_DAY)
    if not owner.size:
        return state, deadline, end_day
    order = np.argsort(day, kind="stable")
    bounds = np.flatnonzero(np.r_[True, day[order][1:] != day[order][:-1]])
    for lo, hi in zip(bounds.tolist(), [*bounds[1:].tolist(), owner.size], strict=True):
        at = order[lo:hi]
        as_of: date = day[at[0]].item()
        out = judge_many(subset(b, owner[at]), calendar, as_of, rules=rules)
        state[at] = out.outcome
        deadline[at] = out.deadline
        end_day[at] = out.ended.astype(_DAY)
    return state, deadline, end_day


def _sorted_unique(owner: npt.NDArray[np.int64], day: Days) -> tuple[npt.NDArray[np.int64], Days]:
    days = day.astype(np.int64)
    order = np.lexsort((days, owner))
    owner, days = owner[order], days[order]
    first = np.r_[True, (owner[1:] != owner[:-1]) | (days[1:] != days[:-1])] if owner.size else owner
    return owner[first], days[first].astype(_DAY)


def timeline(
    dossiers: DossierBatch | Sequence[Dossier], calendar: WorkCalendar, *, rules: Rules = DEFAULT_RULES
) -> Stretches:
    """The stretches of every dossier of the batch (module docstring). A dossier never received (statuses
    1 and 3, or no day of receipt) has none: it counts on no day."""
    b = dossiers if isinstance(dossiers, DossierBatch) else DossierBatch.from_dossiers(dossiers)
    n = len(b)
    rows = np.arange(n, dtype=np.int64)
    received = b.received.astype(_DAY)
    counted = ~np.isin(b.status, sorted(NOT_RECEIVED)) & ~np.isnat(received)
    owners = [rows, b.sup_owner, b.sup_owner, rows]
    days = [received, b.sup_requested.astype(_DAY), b.sup_completed.astype(_DAY), b.ended.astype(_DAY)]
    owner = np.concatenate(owners)
    day = np.concatenate(days)
    # Days before receipt change nothing: the judgement on the day of receipt already sees them.
    keep = ~np.isnat(day) & counted[owner]
    keep[keep] = day[keep] >= received[owner[keep]]
    owner, day = _sorted_unique(owner[keep], day[keep])
    state, deadline, end_day = _judge_on(b, owner, day, calendar, rules)
    # Open within time: it turns overdue the day after its deadline, if that comes before the next day
    # the dossier changes.
    same_next = np.r_[owner[1:] == owner[:-1], False] if owner.size else np.zeros(0, np.bool_)
    next_day = np.where(same_next, np.r_[day[1:], _NAT_DAY] if owner.size else day, _NAT_DAY)
    turn = deadline + np.timedelta64(1, "D")
    split = (state == WITHIN) & ~np.isnat(deadline) & (turn > day)
    split &= np.isnat(next_day) | (turn < next_day)
    if split.any():
        s_state, _, s_end = _judge_on(b, owner[split], turn[split], calendar, rules)
        owner = np.concatenate([owner, owner[split]])
        day = np.concatenate([day, turn[split]])
        state = np.concatenate([state, s_state])
        end_day = np.concatenate([end_day, s_end])
        order = np.lexsort((day.astype(np.int64), owner))
        owner, day, state, end_day = owner[order], day[order], state[order], end_day[order]
    # One stretch per run of days with the same verdict and end.
    if owner.size:
        ends = end_day.astype(np.int64)
        first = np.r_[True, (owner[1:] != owner[:-1]) | (state[1:] != state[:-1]) | (ends[1:] != ends[:-1])]
    else:
        first = np.zeros(0, np.bool_)
    owner, day, state, end_day = owner[first], day[first], state[first], end_day[first]
    same_next = np.r_[owner[1:] == owner[:-1], False] if owner.size else np.zeros(0, np.bool_)
    stop = np.where(same_next, np.r_[day[1:], _NAT_DAY] if owner.size else day, _NAT_DAY)
    shown = state != EXCLUDED
    return Stretches(owner[shown], state[shown], end_day[shown], day[shown], stop[shown].astype(_DAY))
