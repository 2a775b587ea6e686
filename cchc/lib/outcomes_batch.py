"""The outcome engine for a whole batch at once (``judge_many``): the same rules as ``outcomes.judge``, on
numpy arrays, so a year of dossiers is judged in one pass. Pure Python, like ``outcomes``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final

import numpy as np
import numpy.typing as npt

from cchc.lib.outcomes import (
    CAUSE_ORDER,
    CODE_UNIT,
    DEFAULT_RULES,
    NOT_RECEIVED,
    OUTCOME_ORDER,
    PROCESSED,
    RETURNED,
    SUPPLEMENT_REQUESTED,
    TERMINAL_LIST,
    UNIT_CODE,
    Cause,
    CauseKind,
    Dossier,
    LegalLimit,
    LimitUnit,
    Outcome,
    Rules,
    SupplementShift,
    apply_limit,
    as_instant,
    horizon,
)
from cchc.lib.workcal import WorkCalendar

# --- a batch --------------------------------------------------------------------------------------

# The outcome codes of a batch, in ``OUTCOME_ORDER``.
_EARLY, _ON_TIME, _LATE, _WITHIN, _OVERDUE, _EXCLUDED = range(6)
_US: Final = "datetime64[us]"
_NAT: Final = np.datetime64("NaT", "us")
_BIG: Final = np.iinfo(np.int64).max
Instants = npt.NDArray[np.datetime64]
Ints = npt.NDArray[np.int64]


_EPOCH: Final = datetime(1970, 1, 1)
_ONE_US: Final = timedelta(microseconds=1)
_NAT_INT: Final = np.iinfo(np.int64).min


def _instants(values: Sequence[datetime | None]) -> Instants:
    # numpy's own conversion of datetime objects costs microseconds each; integer arithmetic is ~10×
    # faster, which matters at a million dossiers.
    ints = [_NAT_INT if v is None else (v - _EPOCH) // _ONE_US for v in values]
    return np.array(ints, dtype=np.int64).view(_US)


@dataclass
class DossierBatch:
    """Dossiers as columns. Supplements, steps and status events are flat arrays whose ``*_owner`` is
    the dossier's row; build one with ``from_dossiers`` or fill the arrays directly (for example from a
    database query) — then the validation ``Dossier`` does is the caller's job."""

    codes: list[str]
    status: npt.NDArray[np.int8]
    received: Instants
    appointment: Instants
    ended: Instants
    limit_value: npt.NDArray[np.float64]
    limit_unit: npt.NDArray[np.int8]  # 0 none; 1 hours, 2 days, 3 working days, 4 months
    sup_owner: Ints
    sup_requested: Instants
    sup_completed: Instants
    step_owner: Ints
    step_started: Instants
    step_finished: Instants
    step_deadline: Instants
    step_external: npt.NDArray[np.bool_]
    step_unit: list[str | None]
    step_official: list[str | None]
    event_owner: Ints = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    event_status: npt.NDArray[np.int8] = field(default_factory=lambda: np.empty(0, dtype=np.int8))
    event_at: Instants = field(default_factory=lambda: np.empty(0, dtype=_US))

    def __len__(self) -> int:
        return len(self.codes)

    @classmethod
    def from_dossiers(cls, dossiers: Sequence[Dossier]) -> DossierBatch:
        n = len(dossiers)
        rows = np.arange(n, dtype=np.int64)
        sups = [s for d in dossiers for s in d.supplements]
        steps = [s for d in dossiers for s in d.steps]
        events = [e for d in dossiers for e in d.status_events]
        limit_value = np.full(n, np.nan)
        limit_unit = np.zeros(n, dtype=np.int8)
        for i, d in enumerate(dossiers):
            if d.legal_limit is not None:
                limit_value[i], limit_unit[i] = d.legal_limit.value, UNIT_CODE[d.legal_limit.unit]
        return cls(
            codes=[d.code for d in dossiers],
            status=np.array([d.status for d in dossiers], dtype=np.int8),
            received=_instants([d.received_at for d in dossiers]),
            appointment=_instants([d.appointment_at for d in dossiers]),
            ended=_instants([d.ended_at for d in dossiers]),
            limit_value=limit_value,
            limit_unit=limit_unit,
            sup_owner=np.repeat(rows, [len(d.supplements) for d in dossiers]),
            sup_requested=_instants([s.requested_at for s in sups]),
            sup_completed=_instants([s.completed_at for s in sups]),
            step_owner=np.repeat(rows, [len(d.steps) for d in dossiers]),
            step_started=_instants([s.started for s in steps]),
            step_finished=_instants([s.finished for s in steps]),
            step_deadline=_instants([s.deadline for s in steps]),
            step_external=np.array([s.external for s in steps], dtype=np.bool_),
            step_unit=[s.unit for s in steps],
            step_official=[s.official for s in steps],
            event_owner=np.repeat(rows, [len(d.status_events) for d in dossiers]),
            event_status=np.array([e.status for e in events], dtype=np.int8),
            event_at=_instants([e.at for e in events]),
        )


@dataclass
class BatchOutcome:
    """Verdicts for a batch: ``outcome`` holds indices into ``OUTCOME_ORDER``; causes are flat rows
    sorted by dossier (``cause_step`` is the step row, −1 for causes without a step)."""

    batch: DossierBatch
    outcome: npt.NDArray[np.int8]
    deadline: npt.NDArray[np.datetime64]  # datetime64[D]
    ended: Instants
    cause_owner: Ints
    cause_kind: npt.NDArray[np.int8]  # index into CAUSE_ORDER
    cause_step: Ints

    def summary(self) -> dict[str, int]:
        counts = np.bincount(self.outcome, minlength=len(OUTCOME_ORDER))
        return {kind.value: int(counts[i]) for i, kind in enumerate(OUTCOME_ORDER)}

    def causes_of(self, i: int) -> tuple[Cause, ...]:
        lo, hi = np.searchsorted(self.cause_owner, [i, i + 1])
        return tuple(self._cause(int(j)) for j in range(lo, hi))

    def _cause(self, j: int) -> Cause:
        kind = CAUSE_ORDER[int(self.cause_kind[j])]
        step = int(self.cause_step[j])
        if step < 0:
            return Cause(kind)
        official = None if self.batch.step_external[step] else self.batch.step_official[step]
        return Cause(kind, self.batch.step_unit[step], official)

    def __getitem__(self, i: int) -> Outcome:
        deadline = self.deadline[i]
        ended = self.ended[i]
        return Outcome(
            OUTCOME_ORDER[int(self.outcome[i])],
            self.causes_of(i),
            None if np.isnat(deadline) else deadline.item(),
            None if np.isnat(ended) else ended.item(),
        )

    def __len__(self) -> int:
        return len(self.outcome)

    def outcomes(self) -> list[Outcome]:
        """Every verdict as an ``Outcome`` (for reports and tests; columns are cheaper for counting)."""
        bounds = np.searchsorted(self.cause_owner, np.arange(len(self) + 1)).tolist()
        external = self.batch.step_external.tolist()
        units, officials = self.batch.step_unit, self.batch.step_official
        causes = [
            Cause(CAUSE_ORDER[k])
            if j < 0
            else Cause(CAUSE_ORDER[k], units[j], None if external[j] else officials[j])
            for k, j in zip(self.cause_kind.tolist(), self.cause_step.tolist(), strict=True)
        ]
        kinds = [OUTCOME_ORDER[k] for k in self.outcome.tolist()]
        deadlines = self.deadline.astype(object).tolist()
        ends = self.ended.astype(object).tolist()
        return [
            Outcome(kinds[i], tuple(causes[bounds[i] : bounds[i + 1]]), deadlines[i], ends[i])
            for i in range(len(self))
        ]


def _group_extreme(owner: Ints, values: Instants, n: int, *, largest: bool) -> Instants:
    raw = values.view(np.int64)
    if largest:
        out = np.full(n, np.iinfo(np.int64).min + 1, dtype=np.int64)
        np.maximum.at(out, owner, raw)
        empty = out == np.iinfo(np.int64).min + 1
    else:
        out = np.full(n, _BIG, dtype=np.int64)
        np.minimum.at(out, owner, raw)
        empty = out == _BIG
    result = out.view(_US)
    result[empty] = _NAT
    return result


def _limits_one_by_one(b: DossierBatch, rows: npt.NDArray[np.intp], cal: WorkCalendar) -> Instants:
    # Hours, calendar days and months have no array form in workcal; they are rare (most dossiers
    # carry an appointment), so a per-row loop over just these rows costs little.
    out = np.empty(rows.size, dtype=_US)
    for k, i in enumerate(rows):
        limit = LegalLimit(float(b.limit_value[i]), CODE_UNIT[int(b.limit_unit[i])])
        end = apply_limit(cal, b.received[i].item(), limit)
        out[k] = np.datetime64(end, "us") if isinstance(end, datetime) else np.datetime64(end, "D")
    return out


def judge_many(
    dossiers: DossierBatch | Sequence[Dossier],
    calendar: WorkCalendar,
    as_of: date,
    *,
    rules: Rules = DEFAULT_RULES,
) -> BatchOutcome:
    """``judge`` for a batch, column by column (same rules, same answers; see ``judge`` for the
    sections each step applies)."""
    b = dossiers if isinstance(dossiers, DossierBatch) else DossierBatch.from_dossiers(dossiers)
    n = len(b)
    day = as_of.date() if isinstance(as_of, datetime) else as_of
    h = np.datetime64(horizon(day), "us")
    today = np.datetime64(day, "D")
    status = b.status
    excluded = np.isin(status, sorted(NOT_RECEIVED)) | (b.received >= h)

    so = b.sup_owner
    s_known = b.sup_requested < h
    n_sup = np.bincount(so[s_known], minlength=n)
    s_done = s_known & (b.sup_completed < h)
    s_wait = s_known & (
        (np.isnat(b.sup_completed) & (status[so] == SUPPLEMENT_REQUESTED)) | (b.sup_completed >= h)
    )
    wait_at = _group_extreme(so[s_wait], b.sup_requested[s_wait], n, largest=True)

    term = np.where(np.isin(status, TERMINAL_LIST) & (b.ended < h), b.ended, _NAT)
    eo = b.event_owner
    e_ok = (b.event_at < h) & np.isin(b.event_status, TERMINAL_LIST)
    has9 = np.bincount(eo[e_ok & (b.event_status == PROCESSED)], minlength=n) > 0
    e_use = e_ok & ~((b.event_status == RETURNED) & has9[eo])
    first_event = _group_extreme(eo[e_use], b.event_at[e_use], n, largest=False)
    term = np.where(np.isnat(term) | (first_event < term), first_event, term)
    by_supplement = np.isnat(term) & ~np.isnat(wait_at)
    end = np.where(np.isnat(term), wait_at, term)
    finished = ~np.isnat(end)

    deadline_at = b.appointment.copy()
    need = np.isnat(b.appointment) & (b.limit_unit > 0) & ~np.isnat(b.received) & ~excluded
    wd = need & (b.limit_unit == UNIT_CODE[LimitUnit.WORKING_DAYS])
    if wd.any():
        days = calendar.add_working_days_array(b.received[wd], b.limit_value[wd].astype(np.int64))
        deadline_at[wd] = days.astype(_US)
    other = np.flatnonzero(need & ~wd)
    if other.size:
        deadline_at[other] = _limits_one_by_one(b, other, calendar)
    deadline = deadline_at.astype("datetime64[D]")
    if rules.supplement_shift == SupplementShift.WORKING_DAYS:
        each = calendar.working_days_between_array(b.sup_requested[s_done], b.sup_completed[s_done])
        total = np.bincount(so[s_done], weights=each, minlength=n).astype(np.int64)
        move = (total > 0) & ~np.isnat(deadline)
        if move.any():
            deadline[move] = calendar.add_working_days_array(deadline[move], total[move])
    else:
        for i in np.unique(so[s_done]):
            if np.isnat(deadline_at[i]):
                continue
            rows = np.flatnonzero((so == i) & s_done)
            hours = sum(
                calendar.working_hours_between(b.sup_requested[r].item(), b.sup_completed[r].item())
                for r in rows
            )
            if hours > 0:
                base = as_instant(deadline_at[i].item())
                deadline[i] = np.datetime64(calendar.add_working_hours(base, hours).date(), "D")

    end_day = end.astype("datetime64[D]")
    several = n_sup > 1
    late_finished = several | (end_day > deadline)
    early = ~several & (end_day < deadline)
    overdue = several | (deadline < today)
    outcome = np.where(
        finished,
        np.where(late_finished, _LATE, np.where(early, _EARLY, _ON_TIME)),
        np.where(overdue, _OVERDUE, _WITHIN),
    ).astype(np.int8)
    outcome[excluded] = _EXCLUDED
    end[excluded] = _NAT
    deadline[excluded] = np.datetime64("NaT", "D")

    bad = (outcome == _LATE) | (outcome == _OVERDUE)
    st = b.step_owner
    reference = np.where(finished, end, h)
    s_valid = ~(b.step_started >= h)
    s_fin = s_valid & (b.step_finished < h)
    overran = np.where(s_fin, b.step_finished > b.step_deadline, b.step_deadline < reference[st])
    overran &= s_valid & ~np.isnat(b.step_deadline) & bad[st]

    valid_count = np.bincount(st[s_valid], minlength=n)
    all_done = (valid_count > 0) & (valid_count == np.bincount(st[s_fin], minlength=n))
    fin_rows = np.flatnonzero(s_fin)
    order = np.lexsort((fin_rows, b.step_finished[fin_rows].view(np.int64), st[fin_rows]))
    fin_rows = fin_rows[order]
    last_of_group = np.r_[st[fin_rows][1:] != st[fin_rows][:-1], True] if fin_rows.size else fin_rows
    last_step = np.full(n, -1, dtype=np.int64)
    last_step[st[fin_rows[last_of_group]]] = fin_rows[last_of_group]
    last_day = np.full(n, np.datetime64("NaT", "D"))
    has_last = last_step >= 0
    last_day[has_last] = b.step_finished[last_step[has_last]].astype("datetime64[D]")
    reference_day = np.where(finished, end_day, today)
    software = bad & all_done & ~by_supplement & (reference_day > deadline) & (last_day <= deadline)

    over_rows = np.flatnonzero(overran)
    has_over = np.bincount(st[over_rows], minlength=n) > 0
    second = np.flatnonzero(bad & several)
    soft = np.flatnonzero(software)
    none = np.flatnonzero(bad & ~several & ~has_over & ~software)
    owner = np.concatenate([second, st[over_rows], soft, none])
    kind = np.concatenate(
        [
            np.full(len(rows), CAUSE_ORDER.index(k), dtype=np.int8)
            for rows, k in (
                (second, CauseKind.SECOND_SUPPLEMENT),
                (over_rows, CauseKind.STEP_OVERRUN),
                (soft, CauseKind.SOFTWARE_CLOSING),
                (none, CauseKind.UNATTRIBUTED),
            )
        ]
    )
    step = np.concatenate(
        [np.full(second.size, -1, np.int64), over_rows, last_step[soft], np.full(none.size, -1, np.int64)]
    )
    order = np.lexsort((step, kind, owner))
    return BatchOutcome(b, outcome, deadline, end, owner[order], kind[order], step[order])
