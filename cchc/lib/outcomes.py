"""Dossier outcome engine: early, on time or late, and why (rules-vn §1.4, §1.6). Pure: no Django.

``judge`` is the readable reference for one dossier; ``judge_many`` gives the same answers for a whole
batch with numpy (a hypothesis test holds the two together). Every rule carries the section it comes
from; the choices made where the spec is silent are listed in docs/outcomes.md.

Instants are naive local wall-clock times (Asia/Ho_Chi_Minh), as in ``cchc.lib.workcal``.

The reporting period ends at the end of ``as_of``: everything recorded after that moment (the
*horizon*, 00:00 of the next day) is ignored, so a dossier finished in July is still open in a report
as of 30 June, and one received in July is not counted at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Final

import numpy as np
import numpy.typing as npt

from cchc.lib.workcal import WorkCalendar

# TrangThaiHoSo codes (rules-vn §2).
SUBMITTED: Final = 1
REFUSED: Final = 3
SUPPLEMENT_REQUESTED: Final = 5
PROCESSED: Final = 9
RETURNED: Final = 10
STATUSES: Final = range(1, 11)
# rules-vn §1.4: "Only dossiers that were received count" — 1 (submitted, never received) and
# 3 (refused at intake) never were.
NOT_RECEIVED: Final = frozenset({SUBMITTED, REFUSED})
# rules-vn §1.4: "The terminal statuses are: refused, stopped, processed, result returned, applicant
# withdrew" (codes 3, 8, 9, 10, 7).
TERMINAL: Final = frozenset({3, 7, 8, 9, 10})
_TERMINAL_LIST: Final = sorted(TERMINAL)


class LimitUnit(StrEnum):
    # rules-vn §1.3 [CONFIRMED — S14]: the procedure's own unit, "Giờ, Ngày, Ngày làm việc, tháng".
    HOURS = "hours"
    DAYS = "days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


_UNIT_CODE: Final = {LimitUnit.HOURS: 1, LimitUnit.DAYS: 2, LimitUnit.WORKING_DAYS: 3, LimitUnit.MONTHS: 4}
_CODE_UNIT: Final = {code: unit for unit, code in _UNIT_CODE.items()}


class OutcomeKind(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    OPEN_WITHIN_TIME = "open_within_time"
    OPEN_OVERDUE = "open_overdue"
    EXCLUDED = "excluded"


OUTCOME_ORDER: Final = tuple(OutcomeKind)
_OUTCOME_CODE: Final = {kind: i for i, kind in enumerate(OUTCOME_ORDER)}
_EARLY, _ON_TIME, _LATE, _WITHIN, _OVERDUE, _EXCLUDED = range(6)


class CauseKind(StrEnum):
    # Declared in the order causes are listed for one dossier.
    SECOND_SUPPLEMENT = "second_supplement"
    STEP_OVERRUN = "step_overrun"
    SOFTWARE_CLOSING = "software_closing"
    UNATTRIBUTED = "unattributed"


CAUSE_ORDER: Final = tuple(CauseKind)


class SupplementShift(StrEnum):
    """How a completed supplement moves the appointment (rules-vn §1.6); see ``Rules``."""

    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"


@dataclass(frozen=True, slots=True)
class Rules:
    """Choices the spec leaves open. rules-vn §1.6 subtracts the citizen's supplement time but does not
    say at what precision; whole working days is the default (docs/outcomes.md)."""

    supplement_shift: SupplementShift = SupplementShift.WORKING_DAYS


DEFAULT_RULES: Final = Rules()


@dataclass(frozen=True, slots=True)
class LegalLimit:
    value: float
    unit: LimitUnit

    def __post_init__(self) -> None:
        if not self.value > 0:
            raise ValueError("Thời hạn giải quyết phải lớn hơn 0")
        if self.unit != LimitUnit.HOURS and self.value != int(self.value):
            raise ValueError("Thời hạn tính bằng ngày, ngày làm việc hoặc tháng phải là số nguyên")


@dataclass(frozen=True, slots=True)
class Supplement:
    """One request for the citizen to complete the dossier (DanhSachHoSoBoSung)."""

    requested_at: datetime  # NgayBoSung
    completed_at: datetime | None = None  # NgayTiepNhanBoSung

    def __post_init__(self) -> None:
        if self.completed_at is not None and self.completed_at < self.requested_at:
            raise ValueError("Ngày tiếp nhận bổ sung trước ngày yêu cầu bổ sung")


@dataclass(frozen=True, slots=True)
class Step:
    """One hand-over on the process-control sheet (QuaTrinhXuLy)."""

    unit: str | None  # PhongBanXuLy
    official: str | None = None  # NguoiXuLy
    started: datetime | None = None  # NgayBatDau
    finished: datetime | None = None  # ThoiDiemXuLy
    deadline: datetime | None = None  # NgayKetThucTheoQuyDinh
    external: bool = False  # handled by another agency (inter-agency, liên thông)


@dataclass(frozen=True, slots=True)
class StatusEvent:
    status: int
    at: datetime


@dataclass(frozen=True, slots=True)
class Dossier:
    code: str  # MaHoSo
    procedure_code: str  # MaTTHC
    status: int  # TrangThaiHoSo, 1–10
    received_at: datetime | None = None  # NgayTiepNhan
    appointment_at: datetime | None = None  # NgayHenTra
    ended_at: datetime | None = None  # NgayKetThucXuLy
    supplements: tuple[Supplement, ...] = ()
    steps: tuple[Step, ...] = ()
    legal_limit: LegalLimit | None = None
    inter_agency: bool = False
    status_events: tuple[StatusEvent, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"Trạng thái hồ sơ {self.status} không thuộc danh mục 1–10")
        if self.status not in NOT_RECEIVED and self.received_at is None:
            raise ValueError("Hồ sơ đã tiếp nhận phải có ngày tiếp nhận")
        for event in self.status_events:
            if event.status not in STATUSES:
                raise ValueError(f"Trạng thái {event.status} không thuộc danh mục 1–10")
        if (
            self.status in TERMINAL
            and self.status not in NOT_RECEIVED
            and self.ended_at is None
            and not any(e.status in TERMINAL for e in self.status_events)
        ):
            raise ValueError("Hồ sơ đã kết thúc phải có ngày kết thúc xử lý")


@dataclass(frozen=True, slots=True)
class Cause:
    kind: CauseKind
    unit: str | None = None
    official: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    outcome: OutcomeKind
    causes: tuple[Cause, ...] = ()
    # The appointment after supplement shifts (or the legal limit's last day); None when unknown.
    deadline: date | None = None
    # The end of processing used for the verdict; None for open (and excluded) dossiers.
    ended_at: datetime | None = None


def horizon(as_of: date) -> datetime:
    """The first instant after the reporting period (00:00 of the day after ``as_of``)."""
    day = as_of.date() if isinstance(as_of, datetime) else as_of
    return datetime.combine(day + timedelta(days=1), time.min)


# --- one dossier ----------------------------------------------------------------------------------


def judge(dossier: Dossier, calendar: WorkCalendar, as_of: date, *, rules: Rules = DEFAULT_RULES) -> Outcome:
    """The verdict on one dossier at the end of ``as_of`` (rules-vn §1.4)."""
    day = as_of.date() if isinstance(as_of, datetime) else as_of
    limit = horizon(day)
    d = dossier
    # rules-vn §1.4: only received dossiers count (1 and 3 never were); a dossier received after the
    # period was not yet received at its end.
    if d.status in NOT_RECEIVED or (d.received_at is not None and d.received_at >= limit):
        return Outcome(OutcomeKind.EXCLUDED)
    supplements = [s for s in d.supplements if s.requested_at < limit]
    end, end_by_supplement = _end_of_processing(d, supplements, limit)
    deadline = _deadline(d, supplements, limit, calendar, rules)
    # rules-vn §1.4: "More than one supplement request ⇒ counted as late".
    several = len(supplements) > 1
    if end is not None:
        if several:
            kind = OutcomeKind.LATE
        elif deadline is None:
            # rules-vn §1.4 PRACTICE S13: "dates equal, or there is no appointment date" → on time.
            kind = OutcomeKind.ON_TIME
        # rules-vn §1.4 [PRACTICE S13 / CONFIRMED S14]: end of processing and appointment compared by
        # calendar date.
        elif end.date() < deadline:
            kind = OutcomeKind.EARLY
        elif end.date() == deadline:
            kind = OutcomeKind.ON_TIME
        else:
            kind = OutcomeKind.LATE
    # rules-vn §1.4: open dossiers are judged at the end of the reporting period; within time while
    # "NgayHenTra ≥ report end date".
    elif several or (deadline is not None and deadline < day):
        kind = OutcomeKind.OPEN_OVERDUE
    else:
        kind = OutcomeKind.OPEN_WITHIN_TIME
    causes: tuple[Cause, ...] = ()
    if kind in (OutcomeKind.LATE, OutcomeKind.OPEN_OVERDUE):
        causes = _causes(d, several, end, end_by_supplement, deadline, day, limit)
    return Outcome(kind, causes, deadline, end)


def _end_of_processing(
    d: Dossier, supplements: Sequence[Supplement], limit: datetime
) -> tuple[datetime | None, bool]:
    """(end instant or None if open at the horizon, whether the end is a supplement request)."""
    # rules-vn §1.4: "End of processing is the time of the first terminal status … If both 'processed'
    # and 'returned' exist, 'processed' is used." NgayKetThucXuLy is that instant as the sender saw it.
    events = [e for e in d.status_events if e.at < limit and e.status in TERMINAL]
    if any(e.status == PROCESSED for e in events):
        events = [e for e in events if e.status != RETURNED]
    candidates = [e.at for e in events]
    if d.status in TERMINAL and d.ended_at is not None and d.ended_at < limit:
        candidates.append(d.ended_at)
    if candidates:
        return min(candidates), False
    # rules-vn §1.4: "If the dossier is waiting for the citizen's supplement and the citizen has not
    # come back, the time of the supplement request counts as the end." Waiting at the horizon means the
    # request is open there: recorded as completed only later, or not at all while the status is 5.
    waiting = [
        s.requested_at
        for s in supplements
        if (s.completed_at is None and d.status == SUPPLEMENT_REQUESTED)
        or (s.completed_at is not None and s.completed_at >= limit)
    ]
    if waiting:
        return max(waiting), True
    return None, False


def _deadline(
    d: Dossier, supplements: Sequence[Supplement], limit: datetime, cal: WorkCalendar, rules: Rules
) -> date | None:
    completed = [(s.requested_at, s.completed_at) for s in supplements if s.completed_at is not None]
    completed = [(a, b) for a, b in completed if b < limit]
    base: date | datetime
    if d.appointment_at is not None:
        base = d.appointment_at
    elif d.legal_limit is not None and d.received_at is not None:
        # rules-vn §1.4: "If there is no NgayHenTra, the dossier is on time when (end − start −
        # supplement time) ≤ the maximum time limit of the procedure"; counted in the procedure's own
        # unit through the calendar (rules-vn §1.3).
        base = apply_limit(cal, d.received_at, d.legal_limit)
    else:
        return None
    # rules-vn §1.6 [CONFIRMED — S14; PRACTICE — S13 GetNgayHenTraBoSung]: the supplement time is
    # subtracted, i.e. the appointment moves later by the time the citizen took, in working time.
    if rules.supplement_shift == SupplementShift.WORKING_DAYS:
        total = sum(cal.working_days_between(a, b) for a, b in completed)
        day = base.date() if isinstance(base, datetime) else base
        return cal.add_working_days(day, total) if total > 0 else day
    hours = sum(cal.working_hours_between(a, b) for a, b in completed)
    if hours <= 0:
        return base.date() if isinstance(base, datetime) else base
    return cal.add_working_hours(_as_instant(base), hours).date()


def _as_instant(base: date | datetime) -> datetime:
    # A date-only appointment (or 00:00 exactly, how a date travels as yyyyMMddHHmmss) lasts to the
    # end of its day (BLDS 2015 Art. 148, rules-vn §1.3), so any shift starts from the next opening.
    if isinstance(base, datetime) and base.time() != time.min:
        return base
    day = base.date() if isinstance(base, datetime) else base
    return datetime.combine(day, time(23, 59, 59))


def apply_limit(cal: WorkCalendar, received_at: datetime, limit: LegalLimit) -> date | datetime:
    """The end of a legal limit counted from receipt (rules-vn §1.3: the procedure's own unit)."""
    if limit.unit == LimitUnit.HOURS:
        return cal.add_working_hours(received_at, limit.value)
    if limit.unit == LimitUnit.WORKING_DAYS:
        return cal.add_working_days(received_at, int(limit.value))
    if limit.unit == LimitUnit.DAYS:
        return cal.add_calendar_days(received_at, int(limit.value))
    return cal.add_months(received_at, int(limit.value))


def _blame(step: Step) -> tuple[str | None, str | None]:
    # Issue 3: "Inter-agency delays are attributed to the external unit" — the unit, not a person: the
    # other agency's official is not one of ours to rank.
    return step.unit, (None if step.external else step.official)


def _causes(
    d: Dossier,
    several: bool,
    end: datetime | None,
    end_by_supplement: bool,
    deadline: date | None,
    as_of: date,
    limit: datetime,
) -> tuple[Cause, ...]:
    causes: list[Cause] = []
    if several:
        causes.append(Cause(CauseKind.SECOND_SUPPLEMENT))
    reference = end if end is not None else limit
    steps = [(i, s) for i, s in enumerate(d.steps) if s.started is None or s.started < limit]
    for _, step in steps:
        if step.deadline is None:
            continue
        if step.finished is not None and step.finished < limit:
            overran = step.finished > step.deadline
        else:
            # Unfinished (at the horizon): overran once its deadline passed before the dossier ended.
            overran = step.deadline < reference
        if overran:
            causes.append(Cause(CauseKind.STEP_OVERRUN, *_blame(step)))
    # The seed's "slow closing in the software": every step was done by the appointment, yet the end
    # of processing was recorded after it (or, for an open dossier, is still not recorded).
    done = [(s.finished, i, s) for i, s in steps if s.finished is not None and s.finished < limit]
    reference_day = end.date() if end is not None else as_of
    if (
        deadline is not None
        and not end_by_supplement
        and steps
        and len(done) == len(steps)
        and reference_day > deadline
    ):
        last_finish, _, last = max(done, key=lambda item: (item[0], item[1]))
        if last_finish.date() <= deadline:
            causes.append(Cause(CauseKind.SOFTWARE_CLOSING, *_blame(last)))
    if not causes:
        causes.append(Cause(CauseKind.UNATTRIBUTED))
    return tuple(causes)


# --- a batch --------------------------------------------------------------------------------------

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
                limit_value[i], limit_unit[i] = d.legal_limit.value, _UNIT_CODE[d.legal_limit.unit]
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
        limit = LegalLimit(float(b.limit_value[i]), _CODE_UNIT[int(b.limit_unit[i])])
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

    term = np.where(np.isin(status, _TERMINAL_LIST) & (b.ended < h), b.ended, _NAT)
    eo = b.event_owner
    e_ok = (b.event_at < h) & np.isin(b.event_status, _TERMINAL_LIST)
    has9 = np.bincount(eo[e_ok & (b.event_status == PROCESSED)], minlength=n) > 0
    e_use = e_ok & ~((b.event_status == RETURNED) & has9[eo])
    first_event = _group_extreme(eo[e_use], b.event_at[e_use], n, largest=False)
    term = np.where(np.isnat(term) | (first_event < term), first_event, term)
    by_supplement = np.isnat(term) & ~np.isnat(wait_at)
    end = np.where(np.isnat(term), wait_at, term)
    finished = ~np.isnat(end)

    deadline_at = b.appointment.copy()
    need = np.isnat(b.appointment) & (b.limit_unit > 0) & ~np.isnat(b.received) & ~excluded
    wd = need & (b.limit_unit == _UNIT_CODE[LimitUnit.WORKING_DAYS])
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
                base = _as_instant(deadline_at[i].item())
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
