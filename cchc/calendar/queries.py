"""Reads of the working-day calendar: the calendar in effect for a jurisdiction, who may see or change
which calendars, and the yearly reminder.

``work_calendar_for(jurisdiction)`` is what every deadline computation calls. Its answer is cached per
process; the cache is dropped at once when a calendar, entry or jurisdiction changes in this process
(signals below) and re-validated against the database's change stamp at most every
``RECHECK_SECONDS``, so other processes (web workers, the task worker) see a change within a second.
"""

from __future__ import annotations

import datetime as dt
import threading
import time as _time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cchc.calendar.models import Calendar, CalendarEntry, EntryKind
from cchc.core.roles import Role, is_active_user
from cchc.lib.workcal import KIND_MAKE_UP_WORKING_DAY, OfficeHours, WorkCalendar
from cchc.lib.workdays_csv import WorkdayRow, calendar_from_rows, parse_workdays_csv
from cchc.org.models import Jurisdiction
from cchc.org.queries import jurisdictions_for, user_jurisdiction

RECHECK_SECONDS = 1.0
# docs/rules/working-days.md: next year's schedule is usually decided in October–November; from 1 October the
# secretariat is reminded until a confirmed (non-provisional) entry for next year exists.
REMINDER_FROM = (10, 1)
DEFAULT_WEEKLY_REST = (5, 6)


# --- office hours and the bundled table ---------------------------------------------------------


def default_hours() -> OfficeHours:
    """Office hours from settings (docs/rules/working-days.md PRACTICE; defaults documented in
    docs/calendar.md)."""
    return OfficeHours(
        morning_start=settings.CCHC_OFFICE_MORNING_START,
        morning_end=settings.CCHC_OFFICE_MORNING_END,
        afternoon_start=settings.CCHC_OFFICE_AFTERNOON_START,
        afternoon_end=settings.CCHC_OFFICE_AFTERNOON_END,
        cutoff=settings.CCHC_AFTERNOON_CUTOFF,
    )


def bundled_csv_path() -> Path:
    return Path(settings.CCHC_WORKDAYS_CSV)


@lru_cache(maxsize=4)
def _bundled_rows(path: str, mtime: float) -> tuple[WorkdayRow, ...]:
    return tuple(parse_workdays_csv(Path(path)))


def bundled_rows() -> tuple[WorkdayRow, ...]:
    path = bundled_csv_path()
    return _bundled_rows(str(path), path.stat().st_mtime)


# --- the chain of calendars -----------------------------------------------------------------------


def ancestor_ids(jurisdiction: Jurisdiction) -> list[int]:
    """Ids from the root down to ``jurisdiction`` itself, read off the materialised path."""
    ids = [int(part) for part in jurisdiction.path.strip("/").split("/") if part]
    return ids or [jurisdiction.pk]


def calendar_chain(jurisdiction: Jurisdiction) -> list[Calendar]:
    """The calendars that apply to ``jurisdiction``, root first, its own (if any) last."""
    ids = ancestor_ids(jurisdiction)
    order = {pk: i for i, pk in enumerate(ids)}
    found = Calendar.objects.filter(jurisdiction_id__in=ids).select_related("jurisdiction")
    return sorted(found, key=lambda c: order[c.jurisdiction_id])


def hours_for_chain(chain: list[Calendar]) -> OfficeHours:
    base = default_hours()
    values = {
        name: getattr(base, name)
        for name in ("morning_start", "morning_end", "afternoon_start", "afternoon_end", "cutoff")
    }
    for calendar in chain:
        for name in values:
            own = getattr(calendar, name)
            if own is not None:
                values[name] = own
    return OfficeHours(**values)


def weekly_rest_for_chain(chain: list[Calendar]) -> tuple[int, ...]:
    rest: tuple[int, ...] = DEFAULT_WEEKLY_REST
    for calendar in chain:
        own = calendar.weekly_rest_days()
        if own is not None:
            rest = own
    return rest


@dataclass(frozen=True)
class EffectiveEntry:
    """One special day in effect for a jurisdiction, and where it comes from."""

    date: dt.date
    kind: str
    name: str
    legal_reference: str
    source: str
    note: str
    is_provisional: bool
    entry: CalendarEntry | None  # None when it comes from the bundled table
    calendar: Calendar | None
    inherited: bool  # from an ancestor's calendar (or the bundled table), not the jurisdiction's own

    @property
    def kind_label(self) -> str:
        return str(EntryKind(self.kind).label)

    @property
    def is_working(self) -> bool:
        return self.kind == KIND_MAKE_UP_WORKING_DAY


def effective_entries(jurisdiction: Jurisdiction | None, year: int | None = None) -> list[EffectiveEntry]:
    """The special days in effect, nearest calendar winning per date; the bundled table if no calendar
    applies at all (so deadlines honour holidays even before ``cchc load-workdays`` has run)."""
    chain = calendar_chain(jurisdiction) if jurisdiction is not None else []
    by_date: dict[dt.date, EffectiveEntry] = {}
    if not chain:
        for row in bundled_rows():
            if year is None or row.date.year == year:
                by_date[row.date] = EffectiveEntry(
                    row.date,
                    row.kind,
                    row.name,
                    row.legal_reference,
                    row.source,
                    row.note,
                    row.is_provisional,
                    None,
                    None,
                    True,
                )
        return [by_date[d] for d in sorted(by_date)]
    own_id = jurisdiction.pk if jurisdiction is not None else None
    entries = CalendarEntry.objects.filter(calendar__in=chain)
    if year is not None:
        entries = entries.filter(date__year=year)
    by_calendar = {c.pk: c for c in chain}
    position = {c.pk: i for i, c in enumerate(chain)}
    for entry in sorted(entries, key=lambda e: position[e.calendar_id]):
        calendar = by_calendar[entry.calendar_id]
        by_date[entry.date] = EffectiveEntry(
            entry.date,
            entry.kind,
            entry.name,
            entry.legal_reference,
            entry.source,
            entry.note,
            entry.is_provisional,
            entry,
            calendar,
            calendar.jurisdiction_id != own_id,
        )
    return [by_date[d] for d in sorted(by_date)]


# --- the calendar in effect, cached ---------------------------------------------------------------

_lock = threading.Lock()
_cache: dict[int | None, WorkCalendar] = {}
_stamp: tuple[Any, ...] | None = None
_checked_at = 0.0


def _db_stamp() -> tuple[Any, ...]:
    calendars = Calendar.objects.aggregate(n=Count("id"), at=Max("changed_at"))
    entries = CalendarEntry.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    return (calendars["n"], calendars["at"], entries["n"], entries["at"])


def clear_calendar_cache() -> None:
    global _stamp
    with _lock:
        _cache.clear()
        _stamp = None


def _validate_cache() -> None:
    global _stamp, _checked_at
    now = _time.monotonic()
    if _stamp is not None and now - _checked_at < RECHECK_SECONDS:
        return
    stamp = _db_stamp()
    with _lock:
        if stamp != _stamp:
            _cache.clear()
            _stamp = stamp
        _checked_at = now


def build_work_calendar(jurisdiction: Jurisdiction | None) -> WorkCalendar:
    """The calendar in effect for ``jurisdiction``, uncached (see ``work_calendar_for``)."""
    chain = calendar_chain(jurisdiction) if jurisdiction is not None else []
    rows = [(e.date, e.kind) for e in effective_entries(jurisdiction)]
    return calendar_from_rows(rows, hours=hours_for_chain(chain), weekly_rest=weekly_rest_for_chain(chain))


def work_calendar_for(jurisdiction: Jurisdiction | None) -> WorkCalendar:
    """The ``cchc.lib.workcal.WorkCalendar`` in effect for a jurisdiction (None: the bundled table).

    Datetimes passed to it are naive local times: convert aware ones with
    ``django.utils.timezone.localtime(value).replace(tzinfo=None)``.
    """
    _validate_cache()
    key = jurisdiction.pk if jurisdiction is not None else None
    cached = _cache.get(key)
    if cached is not None:
        return cached
    built = build_work_calendar(jurisdiction)
    with _lock:
        _cache[key] = built
    return built


@receiver(post_save, sender=Calendar)
@receiver(post_delete, sender=Calendar)
@receiver(post_save, sender=Jurisdiction)
@receiver(post_delete, sender=Jurisdiction)
def _calendar_changed(sender: Any, **kwargs: Any) -> None:
    clear_calendar_cache()


@receiver(post_save, sender=CalendarEntry)
@receiver(post_delete, sender=CalendarEntry)
def _entry_changed(sender: Any, instance: CalendarEntry, **kwargs: Any) -> None:
    # Bump the calendar's stamp too, so other processes notice a deletion made outside actions.py
    # (the admin's bulk delete) as well.
    Calendar.objects.filter(pk=instance.calendar_id).update(changed_at=_now())
    clear_calendar_cache()


def _now() -> dt.datetime:
    from django.utils import timezone

    return timezone.now()


# --- who may read or change which calendar ------------------------------------------------------


def readable_jurisdictions(user: Any) -> QuerySet[Jurisdiction]:
    """Areas whose calendar in effect a person may look at (their own scope, as for units)."""
    return jurisdictions_for(user)


def calendars_for(user: Any, *, write: bool = False) -> QuerySet[Calendar]:
    """Calendars a person may read (or, with ``write``, change).

    Every staff role reads the calendars in effect for its own areas: their own calendars and their
    ancestors' (a ward's deadlines use the province's holidays). Only the reform secretariat changes
    calendars, those of its jurisdiction and the areas below it (docs/architecture.md, "Rules of the house");
    the auditor and everyone else only read.
    """
    if not is_active_user(user):
        return Calendar.objects.none()
    if user.is_superuser:
        return Calendar.objects.all()
    if write:
        if user.role != Role.SECRETARIAT:
            return Calendar.objects.none()
        area = user_jurisdiction(user)
        if area is None:
            return Calendar.objects.none()
        return Calendar.objects.filter(jurisdiction__path__startswith=area.path)
    if not user.role:
        return Calendar.objects.none()
    ids: set[int] = set()
    for path in readable_jurisdictions(user).values_list("path", flat=True):
        ids.update(int(part) for part in path.strip("/").split("/") if part)
    return Calendar.objects.filter(jurisdiction_id__in=ids)


def entries_for(user: Any, *, write: bool = False) -> QuerySet[CalendarEntry]:
    return CalendarEntry.objects.filter(calendar__in=calendars_for(user, write=write))


def can_manage_calendar_of(user: Any, jurisdiction: Jurisdiction) -> bool:
    """May this person add entries to ``jurisdiction``'s own calendar (creating it if needed)?"""
    if not is_active_user(user):
        return False
    if user.is_superuser:
        return True
    if user.role != Role.SECRETARIAT:
        return False
    area = user_jurisdiction(user)
    return area is not None and jurisdiction.path.startswith(area.path)


# --- the yearly reminder --------------------------------------------------------------------------


def missing_next_year(calendar: Calendar | Jurisdiction | None, today: dt.date) -> int | None:
    """From 1 October, next year's number if the calendar in effect has no confirmed entry for it.

    ``calendar`` may be a Calendar, a Jurisdiction (its calendar in effect) or None (the bundled table).
    Provisional rows (estimates such as the 2027 rows of the bundled table) do not count: the reminder
    stops only when the official schedule is in.
    """
    if (today.month, today.day) < REMINDER_FROM:
        return None
    year = today.year + 1
    jurisdiction = calendar.jurisdiction if isinstance(calendar, Calendar) else calendar
    entries = effective_entries(jurisdiction, year)
    return None if any(not e.is_provisional for e in entries) else year


def provisional_count(jurisdiction: Jurisdiction | None, year: int) -> int:
    return sum(e.is_provisional for e in effective_entries(jurisdiction, year))
