"""Screens of the working-day calendar. Thin: reads through ``queries``, writes through ``actions``.

An area or entry outside the reader's scope is a 404; a reader who may look but not change gets 403 on
the pages that change something (as in the organisation screens).
"""

from __future__ import annotations

import calendar as stdcal
import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_noop

from cchc.calendar import actions
from cchc.calendar.forms import EntryForm
from cchc.calendar.models import CalendarEntry
from cchc.calendar.queries import (
    EffectiveEntry,
    calendar_chain,
    calendars_for,
    can_manage_calendar_of,
    effective_entries,
    entries_for,
    missing_next_year,
    provisional_count,
    readable_jurisdictions,
    work_calendar_for,
)
from cchc.lib.workcal import WEEKDAY_NAMES, WorkCalendar
from cchc.org.models import Jurisdiction
from cchc.org.queries import user_jurisdiction

AREA_PARAM = "dia-ban"
WEEKDAY_SHORT = [
    gettext_noop("T2"),
    gettext_noop("T3"),
    gettext_noop("T4"),
    gettext_noop("T5"),
    gettext_noop("T6"),
    gettext_noop("T7"),
    gettext_noop("CN"),
]
# ``WEEKDAY_NAMES`` (lib, no Django) marked for the catalogue; a page shows them through ``gettext``.
_WEEKDAY_NAMES_FOR_THE_CATALOGUE = (
    gettext_noop("Thứ Hai"),
    gettext_noop("Thứ Ba"),
    gettext_noop("Thứ Tư"),
    gettext_noop("Thứ Năm"),
    gettext_noop("Thứ Sáu"),
    gettext_noop("Thứ Bảy"),
    gettext_noop("Chủ nhật"),
)


def _weekday(day: dt.date) -> str:
    return gettext(WEEKDAY_NAMES[day.weekday()])


def _shown_day(day: dt.date) -> str:
    """``actions.fmt_day`` in the page's language (the audit keeps the Vietnamese one)."""
    return f"{_weekday(day)} {day:%d/%m/%Y}"


def _selected_jurisdiction(request: HttpRequest) -> Jurisdiction | None:
    """The area asked for (``?dia-ban=CODE``) within the reader's scope, else the reader's own area."""
    user = request.user
    readable = readable_jurisdictions(user)
    code = request.GET.get(AREA_PARAM) or request.POST.get(AREA_PARAM)
    if code:
        return get_object_or_404(readable, code=code)
    own = user_jurisdiction(user)
    if own is not None and readable.filter(pk=own.pk).exists():
        return own
    if user.is_superuser:
        return Jurisdiction.objects.filter(parent__isnull=True).order_by("code").first()
    first = readable.order_by("path").first()
    if first is None:
        raise PermissionDenied(gettext("Tài khoản chưa được gắn với địa bàn nào"))
    return first


def _year_url(year: int, jurisdiction: Jurisdiction | None) -> str:
    url = reverse("calendar:year_of", args=[year])
    return f"{url}?{urlencode({AREA_PARAM: jurisdiction.code})}" if jurisdiction else url


@dataclass
class DayCell:
    day: dt.date | None
    css: str = ""
    title: str = ""


def month_grid(year: int, cal: WorkCalendar, entries: list[EffectiveEntry], today: dt.date) -> list[Any]:
    by_date = {e.date: e for e in entries}
    months = []
    for month in range(1, 13):
        weeks = []
        for week in stdcal.Calendar(firstweekday=0).monthdatescalendar(year, month):
            row = []
            for day in week:
                if day.month != month:
                    row.append(DayCell(None))
                    continue
                entry = by_date.get(day)
                if entry is not None:
                    css = "cal-makeup" if entry.is_working else "cal-off"
                    # The day's name (a holiday's) is Vietnamese data: in a title it cannot be marked as
                    # such, so a page in English gives the kind of day only (the table above names it).
                    title = gettext(entry.kind_label)
                    if translation.get_language() == settings.LANGUAGE_CODE:
                        title = f"{title}: {entry.name}"
                elif not cal.is_working_day(day):
                    css, title = "cal-rest", gettext("Nghỉ hằng tuần")
                else:
                    css, title = "cal-work", gettext("Ngày làm việc")
                if day == today:
                    css += " cal-today"
                row.append(DayCell(day, css, f"{_weekday(day)} {day:%d/%m/%Y} — {title}"))
            weeks.append(row)
        months.append({"name": gettext("Tháng %(month)s") % {"month": month}, "weeks": weeks})
    return months


@login_required
def year_view(request: HttpRequest, year: int | None = None) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    year = year or today.year
    if not 1900 <= year <= 2200:
        raise Http404("Năm ngoài phạm vi")
    jurisdiction = _selected_jurisdiction(request)
    cal = work_calendar_for(jurisdiction)
    entries = effective_entries(jurisdiction, year)
    writable = set(calendars_for(user, write=True).values_list("pk", flat=True))
    rows = [
        {
            "e": e,
            "weekday": _weekday(e.date),
            "editable": e.entry is not None and e.calendar is not None and e.calendar.pk in writable,
        }
        for e in entries
    ]
    chain = calendar_chain(jurisdiction) if jurisdiction is not None else []
    missing = missing_next_year(jurisdiction, today) if year >= today.year else None
    can_edit = jurisdiction is not None and can_manage_calendar_of(user, jurisdiction)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    context = {
        "year": year,
        "jurisdiction": jurisdiction,
        "areas": list(readable_jurisdictions(user).order_by("path")),
        "rows": rows,
        "months": month_grid(year, cal, entries, today),
        "weekday_short": [gettext(w) for w in WEEKDAY_SHORT],
        "hours": cal.hours,
        "weekly_rest": ", ".join(gettext(WEEKDAY_NAMES[w]) for w in sorted(cal.weekly_rest)),
        "working_day_count": len(cal.working_days_in(first, last)),
        "from_bundled_table": not chain,
        "chain": chain,
        "can_edit": can_edit,
        "missing_year": missing,
        "missing_estimates": provisional_count(jurisdiction, missing) if missing else 0,
        "prev_url": _year_url(year - 1, jurisdiction),
        "next_url": _year_url(year + 1, jurisdiction),
        "add_url": (
            f"{reverse('calendar:entry_add')}?{urlencode({AREA_PARAM: jurisdiction.code})}"
            if can_edit and jurisdiction
            else ""
        ),
        "area_param": AREA_PARAM,
    }
    return render(request, "calendar/year.html", context)


def _apply_errors(form: EntryForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        form.add_error(None, error.messages)


@login_required
def entry_add(request: HttpRequest) -> HttpResponse:
    jurisdiction = _selected_jurisdiction(request)
    if jurisdiction is None or not can_manage_calendar_of(request.user, jurisdiction):
        raise PermissionDenied(gettext("Chỉ Thường trực CCHC của địa bàn được sửa lịch làm việc"))
    initial: dict[str, Any] = {}
    if request.GET.get("ngay"):
        with contextlib.suppress(ValueError):
            initial["date"] = dt.date.fromisoformat(request.GET["ngay"])
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                calendar = actions.ensure_calendar(jurisdiction, request.user)
                entry = actions.add_entry(calendar, request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(
                request,
                gettext("Đã thêm %(kind)s %(day)s.")
                % {"kind": gettext(entry.get_kind_display()).lower(), "day": _shown_day(entry.date)},
            )
            return redirect(_year_url(entry.date.year, jurisdiction))
    return render(
        request,
        "calendar/entry_form.html",
        {
            "form": form,
            "jurisdiction": jurisdiction,
            "title": gettext("Thêm ngày nghỉ lễ, nghỉ bù hoặc làm bù"),
            "submit": gettext("Thêm vào lịch"),
            "back": _year_url(initial.get("date", timezone.localdate()).year, jurisdiction),
            "area_param": AREA_PARAM,
        },
    )


def _writable_entry(request: HttpRequest, pk: int) -> CalendarEntry:
    entry = get_object_or_404(entries_for(request.user).select_related("calendar__jurisdiction"), pk=pk)
    if not entries_for(request.user, write=True).filter(pk=pk).exists():
        raise PermissionDenied(gettext("Chỉ Thường trực CCHC của địa bàn được sửa lịch làm việc"))
    return entry


@login_required
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _writable_entry(request, pk)
    jurisdiction = entry.calendar.jurisdiction
    form = EntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        fresh = CalendarEntry.objects.get(pk=entry.pk)  # the form wrote into `entry`; diff from the DB row
        try:
            actions.update_entry(fresh, request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lưu ngày %(day)s.") % {"day": _shown_day(fresh.date)})
            return redirect(_year_url(fresh.date.year, jurisdiction))
    return render(
        request,
        "calendar/entry_form.html",
        {
            "form": form,
            "jurisdiction": jurisdiction,
            "title": gettext("Sửa ngày %(day)s") % {"day": _shown_day(entry.date)},
            "submit": gettext("Lưu thay đổi"),
            "back": _year_url(entry.date.year, jurisdiction),
            "area_param": AREA_PARAM,
        },
    )


@login_required
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _writable_entry(request, pk)
    jurisdiction = entry.calendar.jurisdiction
    back = _year_url(entry.date.year, jurisdiction)
    if request.method == "POST":
        removed = {"name": entry.name, "day": _shown_day(entry.date)}
        actions.delete_entry(entry, request.user)
        messages.success(request, gettext("Đã xoá %(name)s (%(day)s) khỏi lịch.") % removed)
        return redirect(back)
    return render(
        request,
        "calendar/entry_confirm_delete.html",
        {
            "entry": entry,
            "jurisdiction": jurisdiction,
            "weekday": _weekday(entry.date),
            "back": back,
        },
    )
