"""Inter-agency (liên thông) dossiers: every unfinished step on the deadline machine, chased like a task,
and the units that hold the most overdue steps (docs/dossier-interagency.md).

Each unfinished step of a dossier whose procedure is inter-agency gets a ``cchc.deadlines`` deadline
(object type ``dossiers.dossierstep``): the step's deadline as the source system sent it
(NgayKetThucTheoQuyDinh), or its share of the procedure's approved split counted in working days on
the unit's calendar, moved by the time the dossier waited for the citizen. The reminder engine of
``cchc.deadlines`` then reminds the handling official before the deadline and the head of the unit
holding the dossier after it, with the ladder ``CCHC_STEP_REMINDER_LADDER``; ``refresh`` runs before
every reminder run (registered in ``apps.py``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone

from cchc.deadlines import actions as deadline_actions
from cchc.deadlines.models import Deadline, DeadlinePause
from cchc.lib import deadlines as dl
from cchc.org.models import Jurisdiction, Unit

STEP_TYPE = "dossiers.dossierstep"
# Dossiers whose steps are chased: received and not finished, including those waiting for the citizen
# (their step's clock stands still, see ``pauses_of``).
TRACKED_STATUSES = (2, 4, 5, 6)
CLOSED_CANCELLED = (3, 7, 8)  # refused, withdrawn, stopped: an unfinished step ends without being done
SYSTEM_ACTOR = "Hệ thống nhắc việc liên thông"


# --- one step's deadline -----------------------------------------------------------------------


def deadline_source() -> str:
    value = str(getattr(settings, "CCHC_STEP_DEADLINE_SOURCE", "sent"))
    return value if value in ("sent", "shares") else "sent"


def local_day(instant: dt.datetime) -> dt.date:
    return timezone.localtime(instant).date() if timezone.is_aware(instant) else instant.date()


def share_days(
    shares: Sequence[dict[str, Any]], limit_value: Any, limit_unit: str, nth: int, holder: str
) -> int | None:
    """Working days the approved split gives to the ``nth`` (0-based) step held by ``holder`` (a unit
    code, or an outside agency's name). A split whose shares add up to at most 1 is read as fractions of
    the procedure's limit (in working days, or office hours at 8 a day); otherwise as working days.
    Fractions of a day are rounded up to whole working days, at least one (step deadlines are dates)."""
    entries = [s for s in shares if str(s.get("unit", "")) == holder]
    if nth >= len(entries):
        return None
    try:
        value = float(entries[nth].get("share", 0))
        total = sum(float(s.get("share", 0)) for s in shares)
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(value) and math.isfinite(total)) or value <= 0:
        return None  # "NaN", "inf" or a negative share: no computed deadline rather than a wrong one
    if total <= 1.0 + 1e-9:
        if limit_value is None:
            return None
        limit = float(limit_value)
        if limit_unit == "hours":
            limit = limit / 8
        elif limit_unit != "working_days":
            return None  # a split of calendar days or months into working days is not defined
        value = value * limit
    return max(1, math.ceil(value - 1e-9))


def pauses_of(supplements: Sequence[Any], start: dt.date, end: dt.date | None) -> list[dl.Pause]:
    """The citizen's supplement time inside the step (requested on or after the step began and before it
    ended): the step's clock stands still for it, as the dossier's does (docs/rules/dossier-deadlines.md)."""
    out = []
    for s in supplements:
        asked = local_day(s.requested_at)
        if asked < start or (end is not None and asked > end):
            continue
        out.append(dl.Pause(asked, local_day(s.completed_at) if s.completed_at else None))
    return out


@dataclass(frozen=True)
class StepDeadline:
    original: dt.date | None
    due: dt.date | None
    limit_days: int | None
    paused_since: dt.date | None


def step_deadline(
    step: Any,
    *,
    shares: Sequence[dict[str, Any]],
    limit_value: Any,
    limit_unit: str,
    nth: int,
    supplements: Sequence[Any],
    cal: dl.CalendarLike,
    today: dt.date,
    source: str = "sent",
) -> StepDeadline:
    """The deadline of one step on the unit's calendar (see the module docstring)."""
    start = local_day(step.started_at)
    pauses = pauses_of(supplements, start, local_day(step.finished_at) if step.finished_at else None)
    paused_since = next((p.start for p in pauses if p.end is None), None)
    if source == "sent" and step.deadline_at is not None:
        sent = local_day(step.deadline_at)
        while not cal.is_working_day(sent):
            sent += dt.timedelta(days=1)
        # The source system has already moved it for the citizen's supplement time (its own rules).
        return StepDeadline(sent, sent, None, paused_since)
    holder = step.unit.code if step.unit_id is not None and step.unit is not None else step.unit_name
    days = share_days(shares, limit_value, limit_unit, nth, holder)
    if days is None:
        return StepDeadline(None, None, None, paused_since)
    limit = dl.Limit(days)
    original = dl.due_date(start, limit, cal)
    due = dl.effective_due(start, limit, cal, pauses=pauses, today=today)
    return StepDeadline(original, due, days, paused_since)


# --- keeping the deadlines in step with the ledger ---------------------------------------------


def _calendar(unit: Unit) -> dl.CalendarLike:
    return deadline_actions.calendar_for(unit.jurisdiction)


def _tracked_items(
    dossiers: Sequence[Any], today: dt.date, source: str
) -> Iterator[deadline_actions.Tracked]:
    for d in dossiers:
        steps = sorted(d.steps.all(), key=lambda s: s.seq)
        supplements = list(d.supplements.all())
        seen: dict[str, int] = defaultdict(int)
        previous = None
        for step in steps:
            holder = step.unit.code if step.unit is not None else step.unit_name
            nth = seen[holder]
            seen[holder] += 1
            if step.finished_at is None and step.started_at is not None:
                # An outside agency has nobody here to remind: the official and unit that handed the
                # dossier over chase it (else the dossier's handling unit).
                answering = step.unit or (previous.unit if previous and previous.unit else d.handling_unit)
                official = (
                    step.official_id
                    if step.unit is not None
                    else (previous.official_id if previous else None)
                )
                cal = _calendar(answering)
                sd = step_deadline(
                    step,
                    shares=d.procedure.step_shares or [],
                    limit_value=d.procedure.limit_value,
                    limit_unit=d.procedure.limit_unit,
                    nth=nth,
                    supplements=supplements,
                    cal=cal,
                    today=today,
                    source=source,
                )
                what = step.content or step.unit_name or ""
                where = step.unit_name or answering.name
                yield deadline_actions.Tracked(
                    object_id=str(step.pk),
                    title=f"Hồ sơ liên thông {d.code}, bước {step.seq} ({where}): {what}",
                    url=reverse("dossiers:detail", args=[d.code]),
                    jurisdiction_id=answering.jurisdiction_id,
                    unit_id=answering.pk,
                    official_id=official,
                    start=local_day(step.started_at),
                    original_due=sd.original,
                    due=sd.due,
                    limit_value=sd.limit_days,
                    paused_since=sd.paused_since,
                )
            previous = step


def _open_dossiers() -> QuerySet[Any]:
    from cchc.dossiers.models import Dossier

    return Dossier.objects.filter(status__in=TRACKED_STATUSES, procedure__inter_agency=True)


def refresh(today: dt.date | None = None, chunk: int = 500) -> deadline_actions.SyncCounts:
    """Open, move and close the step deadlines of every inter-agency dossier: what the reminder run and the
    ranking read. Idempotent; one audit event per run that changed something."""
    from cchc.dossiers.models import Dossier, DossierStep

    today = today or timezone.localdate()
    source = deadline_source()
    ids = list(_open_dossiers().order_by("pk").values_list("pk", flat=True))
    wanted: set[str] = set()

    def items() -> Iterator[deadline_actions.Tracked]:
        for i in range(0, len(ids), chunk):
            batch = list(
                Dossier.objects.filter(pk__in=ids[i : i + chunk])
                .select_related("procedure", "handling_unit__jurisdiction")
                .prefetch_related("supplements", "steps__unit__jurisdiction", "steps__official")
            )
            for item in _tracked_items(batch, today, source):
                wanted.add(item.object_id)
                yield item

    # Items first (they fill ``wanted``), then the open deadlines whose step is no longer open.
    tracked = list(items())
    still_open = set(
        Deadline.objects.filter(
            object_type=STEP_TYPE, done_on__isnull=True, cancelled_on__isnull=True
        ).values_list("object_id", flat=True)
    )
    ended = sorted(still_open - wanted, key=int)
    closures: dict[str, deadline_actions.Closure] = {}
    for i in range(0, len(ended), 1000):
        rows = DossierStep.objects.filter(pk__in=[int(x) for x in ended[i : i + 1000]]).select_related(
            "dossier"
        )
        found = {str(s.pk): s for s in rows}
        for object_id in ended[i : i + 1000]:
            s = found.get(object_id)
            if s is not None and s.finished_at is not None:
                closures[object_id] = deadline_actions.Closure(finished_on=local_day(s.finished_at))
            else:
                end = s.dossier.end_at if s is not None else None
                closures[object_id] = deadline_actions.Closure(cancelled_on=local_day(end) if end else today)
    return deadline_actions.sync(SYSTEM_ACTOR, STEP_TYPE, tracked, today=today, closures=closures)


# --- who holds the overdue steps ---------------------------------------------------------------


def overdue_deadlines(today: dt.date) -> QuerySet[Deadline]:
    """Step deadlines passed before ``today``, still open and not standing still for the citizen."""
    paused = DeadlinePause.objects.filter(deadline=OuterRef("pk"), end__isnull=True)
    return Deadline.objects.filter(
        object_type=STEP_TYPE,
        due__lt=today,
        done_on__isnull=True,
        reported_on__isnull=True,
        cancelled_on__isnull=True,
    ).exclude(Exists(paused))


@dataclass(frozen=True)
class Overdue:
    """One overdue step, with only what the ranking counts and the lists sort by."""

    step_id: int
    dossier_id: int
    code: str
    seq: int
    unit_id: int | None
    unit_name: str  # the holder as the source system sent it (an outside agency's only name)
    holder_name: str
    due: dt.date
    days: int  # working days overdue, on the holder's calendar (the dossier's handling unit's for outsiders)


# Read per overdue step: plain values, not model instances. At 5,000,000 dossiers the leader's ranking
# read 475 overdue steps with their dossiers, procedures, units and jurisdictions as objects (2,700
# instances and 3,300 JSON fields decoded) for five numbers a row (docs/benchmarks.md).
_OVERDUE_COLUMNS = (
    "pk",
    "dossier_id",
    "dossier__code",
    "seq",
    "unit_id",
    "unit_name",
    "unit__name",
    "unit__jurisdiction_id",
    "dossier__handling_unit__jurisdiction_id",
    "finished_at",
)


def overdue(user: Any, today: dt.date) -> list[Overdue]:
    """The overdue inter-agency steps of the dossiers ``user`` may read, the most overdue first.

    Read from the few overdue deadlines outwards (their steps by primary key, then the scope of just
    those dossiers through ``dossiers_for``), so the cost follows the overdue steps, not the ledger."""
    from cchc.dossiers.models import DossierStep
    from cchc.dossiers.queries import dossiers_for

    dues: dict[int, dt.date] = {
        int(oid): due
        for oid, due in overdue_deadlines(today).values_list("object_id", "due")
        if due is not None  # always set here (``due < today``); for the type checker
    }
    ids = sorted(dues)
    calendars: dict[int, dl.CalendarLike] = {}

    out: list[Overdue] = []
    for i in range(0, len(ids), 500):
        rows = list(DossierStep.objects.filter(pk__in=ids[i : i + 500]).values_list(*_OVERDUE_COLUMNS))
        allowed = set(dossiers_for(user).filter(pk__in={r[1] for r in rows}).values_list("pk", flat=True))
        wanted = {r[7] if r[4] is not None else r[8] for r in rows} - set(calendars)
        for j in Jurisdiction.objects.filter(pk__in=wanted):
            calendars[j.pk] = deadline_actions.calendar_for(j)
        for pk, dossier_id, code, seq, unit_id, unit_name, name, unit_j, handling_j, finished in rows:
            # Finished steps are left out here, not in SQL: by primary key alone the plan stays the
            # same whatever the statistics say about open steps.
            if finished is not None or dossier_id not in allowed:
                continue
            due = dues[pk]
            holder = name if unit_id is not None else (unit_name or "Cơ quan liên thông")
            days = dl.days_overdue(due, today, calendars[unit_j if unit_id is not None else handling_j])
            out.append(Overdue(pk, dossier_id, code, seq, unit_id, unit_name, holder, due, days))
    out.sort(key=lambda o: (-o.days, o.code, o.seq))
    return out


def overdue_key(o: Overdue) -> str:
    """The ranking's key of who holds a step: ``u<id>`` for a unit of the organisation, ``x:<name>`` for
    an outside agency (known only by the name the source system sent)."""
    return f"u{o.unit_id}" if o.unit_id is not None else f"x:{o.unit_name}"


@dataclass
class HolderRow:
    key: str
    name: str
    external: bool
    overdue: int = 0
    worst_days: int = 0  # working days past the oldest deadline
    dossiers: set[int] = field(default_factory=set)
    rank: int = 0

    @property
    def dossier_count(self) -> int:
        return len(self.dossiers)


@dataclass
class StepRow:
    step: Any
    days: int  # working days overdue


def holders_overdue(user: Any, today: dt.date, key: str | None = None) -> list[Overdue]:
    """The overdue steps ``step_rows`` lists (of one holder when ``key`` is given), as plain values: cheap
    enough to count and page before any step is read as an object."""
    found = overdue(user, today)
    return found if key is None else [o for o in found if overdue_key(o) == key]


def step_objects(found: Iterable[Overdue]) -> list[StepRow]:
    """``found`` as steps with only the columns the page and its export show, in the same order."""
    from cchc.dossiers.models import DossierStep

    found = list(found)
    steps: dict[int, Any] = {}
    ids = [o.step_id for o in found]
    for i in range(0, len(ids), 500):
        chunk = (
            DossierStep.objects.filter(pk__in=ids[i : i + 500])
            .select_related("dossier__procedure", "unit")
            .only(
                "seq",
                "unit_name",
                "official_name",
                "dossier__code",
                "dossier__procedure__name",
                "unit__name",
            )
        )
        steps.update((s.pk, s) for s in chunk)
    rows = []
    for o in found:
        s = steps.get(o.step_id)
        if s is not None:
            s.due = o.due  # read by the pages and exports
            rows.append(StepRow(s, o.days))
    return rows


def step_rows(user: Any, today: dt.date, key: str | None = None) -> list[StepRow]:
    """The overdue steps (of one holder when ``key`` is given), the most overdue first: the same
    selection and days as ``holder_ranking``, then the steps as objects for the page and its export
    (only the columns they show)."""
    return step_objects(holders_overdue(user, today, key))


def holder_ranking(user: Any, today: dt.date) -> list[HolderRow]:
    """THE figure: overdue inter-agency steps per unit (or outside agency) holding them, most first.
    The ranking page, its drill-down, its export and any summary elsewhere read it from here."""
    rows: dict[str, HolderRow] = {}
    for o in overdue(user, today):
        key = overdue_key(o)
        row = rows.get(key)
        if row is None:
            row = rows[key] = HolderRow(key, o.holder_name, o.unit_id is None)
        row.overdue += 1
        row.worst_days = max(row.worst_days, o.days)
        row.dossiers.add(o.dossier_id)
    ranked = sorted(rows.values(), key=lambda h: (-h.overdue, -h.worst_days, h.name))
    for i, h in enumerate(ranked, start=1):
        h.rank = i
    return ranked


def step_dues(dossier: Any) -> dict[int, dt.date]:
    """The step deadlines the machine holds for one dossier's steps (step id → due date), for its page."""
    if not dossier.procedure.inter_agency:
        return {}
    ids = [str(pk) for pk in dossier.steps.values_list("pk", flat=True)]
    rows = Deadline.objects.filter(object_type=STEP_TYPE, object_id__in=ids, due__isnull=False)
    return {int(object_id): due for object_id, due in rows.values_list("object_id", "due") if due is not None}
