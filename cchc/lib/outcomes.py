"""Dossier outcome engine: early, on time or late, and why (docs/rules/dossier-deadlines.md). Pure: no Django.

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
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Final

from cchc.lib.workcal import WorkCalendar

# TrangThaiHoSo, the national status catalogue (docs/rules/national-sync.md, "Status codes"): the one table
# of codes and names. ``cchc.dossiers.models.Status``, the readers and the API take their codes from here.
STATUS_NAMES: Final = {
    1: "Mới đăng ký",
    2: "Được tiếp nhận",
    3: "Không được tiếp nhận",
    4: "Đang xử lý",
    5: "Yêu cầu bổ sung giấy tờ",
    6: "Yêu cầu thực hiện nghĩa vụ tài chính",
    7: "Công dân yêu cầu rút hồ sơ",
    8: "Dừng xử lý",
    9: "Đã xử lý xong",
    10: "Đã trả kết quả",
}
SUBMITTED: Final = 1
REFUSED: Final = 3
SUPPLEMENT_REQUESTED: Final = 5
PROCESSED: Final = 9
RETURNED: Final = 10
STATUSES: Final = range(1, 11)
# docs/rules/dossier-deadlines.md: "Only dossiers that were received count" — 1 (submitted, never received)
# and 3 (refused at intake) never were.
NOT_RECEIVED: Final = frozenset({SUBMITTED, REFUSED})
# docs/rules/dossier-deadlines.md: "The terminal statuses are: refused, stopped, processed, result returned,
# applicant withdrew" (codes 3, 8, 9, 10, 7).
TERMINAL: Final = frozenset({3, 7, 8, 9, 10})
TERMINAL_LIST: Final = sorted(TERMINAL)
# Terminal and received: these end processing, so a record in one of them must say when (NgayKetThucXuLy).
NEEDS_END: Final = TERMINAL - NOT_RECEIVED


class LimitUnit(StrEnum):
    # docs/rules/dossier-deadlines.md [PRACTICE]: the procedure's own unit, "Giờ, Ngày, Ngày làm việc, tháng".
    HOURS = "hours"
    DAYS = "days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


UNIT_CODE: Final = {LimitUnit.HOURS: 1, LimitUnit.DAYS: 2, LimitUnit.WORKING_DAYS: 3, LimitUnit.MONTHS: 4}
CODE_UNIT: Final = {code: unit for unit, code in UNIT_CODE.items()}


class OutcomeKind(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"
    OPEN_WITHIN_TIME = "open_within_time"
    OPEN_OVERDUE = "open_overdue"
    EXCLUDED = "excluded"


OUTCOME_ORDER: Final = tuple(OutcomeKind)
_OUTCOME_CODE: Final = {kind: i for i, kind in enumerate(OUTCOME_ORDER)}


class CauseKind(StrEnum):
    # Declared in the order causes are listed for one dossier.
    SECOND_SUPPLEMENT = "second_supplement"
    STEP_OVERRUN = "step_overrun"
    SOFTWARE_CLOSING = "software_closing"
    UNATTRIBUTED = "unattributed"


CAUSE_ORDER: Final = tuple(CauseKind)


class SupplementShift(StrEnum):
    """How a completed supplement moves the appointment (docs/rules/dossier-deadlines.md); see ``Rules``."""

    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"


@dataclass(frozen=True, slots=True)
class Rules:
    """Choices the spec leaves open. docs/rules/dossier-deadlines.md subtracts the citizen's supplement time
    but does not say at what precision; whole working days is the default (docs/outcomes.md)."""

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
    """The verdict on one dossier at the end of ``as_of`` (docs/rules/dossier-deadlines.md)."""
    day = as_of.date() if isinstance(as_of, datetime) else as_of
    limit = horizon(day)
    d = dossier
    # docs/rules/dossier-deadlines.md: only received dossiers count (1 and 3 never were); a dossier received
    # after the period was not yet received at its end.
    if d.status in NOT_RECEIVED or (d.received_at is not None and d.received_at >= limit):
        return Outcome(OutcomeKind.EXCLUDED)
    supplements = [s for s in d.supplements if s.requested_at < limit]
    end, end_by_supplement = _end_of_processing(d, supplements, limit)
    deadline = _deadline(d, supplements, limit, calendar, rules)
    # docs/rules/dossier-deadlines.md: "More than one supplement request ⇒ counted as late".
    several = len(supplements) > 1
    if end is not None:
        if several:
            kind = OutcomeKind.LATE
        elif deadline is None:
            # docs/rules/dossier-deadlines.md PRACTICE: "dates equal, or there is no appointment date" → on
            # time.
            kind = OutcomeKind.ON_TIME
        # docs/rules/dossier-deadlines.md [PRACTICE / CONFIRMED]: end of processing and appointment compared
        # by calendar date.
        elif end.date() < deadline:
            kind = OutcomeKind.EARLY
        elif end.date() == deadline:
            kind = OutcomeKind.ON_TIME
        else:
            kind = OutcomeKind.LATE
    # docs/rules/dossier-deadlines.md: open dossiers are judged at the end of the reporting period; within
    # time while "NgayHenTra ≥ report end date".
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
    # docs/rules/dossier-deadlines.md: "End of processing is the time of the first terminal status … If both
    # 'processed' and 'returned' exist, 'processed' is used." NgayKetThucXuLy is that instant as the sender
    # saw it.
    events = [e for e in d.status_events if e.at < limit and e.status in TERMINAL]
    if any(e.status == PROCESSED for e in events):
        events = [e for e in events if e.status != RETURNED]
    candidates = [e.at for e in events]
    if d.status in TERMINAL and d.ended_at is not None and d.ended_at < limit:
        candidates.append(d.ended_at)
    if candidates:
        return min(candidates), False
    # docs/rules/dossier-deadlines.md: "If the dossier is waiting for the citizen's supplement and the citizen
    # has not come back, the time of the supplement request counts as the end." Waiting at the horizon means
    # the request is open there: recorded as completed only later, or not at all while the status is 5.
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
        # docs/rules/dossier-deadlines.md: "If there is no NgayHenTra, the dossier is on time when (end −
        # start − supplement time) ≤ the maximum time limit of the procedure"; counted in the procedure's own
        # unit through the calendar (docs/rules/working-days.md).
        base = apply_limit(cal, d.received_at, d.legal_limit)
    else:
        return None
    # docs/rules/dossier-deadlines.md [PRACTICE]: the supplement
    # time is subtracted, i.e. the appointment moves later by the time the citizen took, in working time.
    if rules.supplement_shift == SupplementShift.WORKING_DAYS:
        total = sum(cal.working_days_between(a, b) for a, b in completed)
        day = base.date() if isinstance(base, datetime) else base
        return cal.add_working_days(day, total) if total > 0 else day
    hours = sum(cal.working_hours_between(a, b) for a, b in completed)
    if hours <= 0:
        return base.date() if isinstance(base, datetime) else base
    return cal.add_working_hours(as_instant(base), hours).date()


def as_instant(base: date | datetime) -> datetime:
    # A date-only appointment (or 00:00 exactly, how a date travels as yyyyMMddHHmmss) lasts to the
    # end of its day (BLDS 2015 Art. 148, docs/rules/working-days.md), so any shift starts from the next
    # opening.
    if isinstance(base, datetime) and base.time() != time.min:
        return base
    day = base.date() if isinstance(base, datetime) else base
    return datetime.combine(day, time(23, 59, 59))


def apply_limit(cal: WorkCalendar, received_at: datetime, limit: LegalLimit) -> date | datetime:
    """The end of a legal limit counted from receipt (docs/rules/working-days.md: the procedure's own
    unit)."""
    if limit.unit == LimitUnit.HOURS:
        return cal.add_working_hours(received_at, limit.value)
    if limit.unit == LimitUnit.WORKING_DAYS:
        return cal.add_working_days(received_at, int(limit.value))
    if limit.unit == LimitUnit.DAYS:
        return cal.add_calendar_days(received_at, int(limit.value))
    return cal.add_months(received_at, int(limit.value))


def _blame(step: Step) -> tuple[str | None, str | None]:
    # Inter-agency delays are attributed to the external unit (docs/rules/late-dossiers.md) — the unit, not a
    # person: the other agency's official is not one of ours to rank.
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
    # The founding letter's "slow closing in the software": every step was done by the appointment, yet the
    # end of processing was recorded after it (or, for an open dossier, is still not recorded).
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
