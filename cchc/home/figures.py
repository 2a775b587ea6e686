"""The reads behind each role's first page: one function per panel (docs/dashboard.md); this module holds
the figures and periods every panel shares, ``leader_panels`` and ``work_panels`` the panels..

Every panel answers part of the leader's one question — which unit is slipping, on what, and who is
responsible — and every figure carries the address of the list that proves it (``Figure.url``), so the
evidence is one click away. The rules of the house apply: each read goes through the owning app's
scoping helper (``dossier_units_for``/``dossiers_for``, ``tasks_for``, ``petitions_for``,
``survey_units_for``, ``units_for``), and dossier counts come from the daily facts (their unit roll-up,
``UnitDailyFact``, since no panel filters by procedure) through the league helper, never from the
dossier ledger. Ledger rows are read only for the short lists of unit-scoped people (one unit's late
dossiers, one desk's receipts), through the indexed unit and date columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cchc.core.templatetags.vn_format import vn_number, vn_percent
from cchc.directives.models import TaskQuerySet
from cchc.directives.queries import overdue_tasks
from cchc.dossiers.models import UnitDailyFact
from cchc.dossiers.queries import dossier_units_for, month_bounds
from cchc.dossiers.rankings import League, LeagueRow
from cchc.feedback.models import Petition
from cchc.feedback.queries import overdue_petitions
from cchc.org.models import Unit

# How many rows a panel lists before it says "and N more" and points to the full list.
LIST_ROWS = 10


def due_soon_working_days() -> int:
    # UNCONFIRMED (no rule found): "due soon" on the first page; 3 matches the first rung of the
    # reminder ladder (CCHC_REMINDER_LADDER "-3:officer"), so the page and the reminder agree.
    return int(getattr(settings, "CCHC_HOME_DUE_SOON_WORKING_DAYS", 3))


# --- figures and periods -------------------------------------------------------------------------------


def vn_int(value: int) -> str:
    """1234567 → "1.234.567": the ``so`` template filter's format (core.templatetags.vn_format)."""
    return vn_number(value, 0)


@dataclass(frozen=True)
class Figure:
    """A count with the address of the list that shows the same rows."""

    value: int
    url: str = ""

    def __str__(self) -> str:
        return vn_int(self.value)

    def __bool__(self) -> bool:
        return self.value != 0


def link(url_name: str, **params: Any) -> str:
    base = reverse(url_name)
    query = urlencode({k: v for k, v in params.items() if v not in ("", None, False)})
    return f"{base}?{query}" if query else base


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date

    @property
    def text(self) -> str:
        return _("từ %(first)s đến %(last)s") % {
            "first": f"{self.first:%d/%m/%Y}",
            "last": f"{self.last:%d/%m/%Y}",
        }


@dataclass(frozen=True)
class Periods:
    """The month a page reports on, the year to date that ends with it, and today."""

    month: Period
    ytd: Period
    today: dt.date
    # The current month had no dossier figures yet, so the latest month with figures is shown.
    fallback: bool = False
    error: str = ""

    @property
    def month_label(self) -> str:
        return _("tháng %(month)s") % {"month": f"{self.month.first:%m/%Y}"}

    @property
    def month_value(self) -> str:
        return f"{self.month.first:%Y-%m}"

    @property
    def previous_month(self) -> Period:
        first, last = month_bounds(self.month.first - dt.timedelta(days=1))
        return Period(first, last)


ACTIVITY = Q(received__gt=0) | Q(finished_early__gt=0) | Q(finished_on_time__gt=0) | Q(finished_late__gt=0)


def parse_month(text: str) -> dt.date | None:
    """ "2022-08" → 1/8/2022; anything else → None."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        return None


def periods_for(month_first: dt.date, today: dt.date, *, fallback: bool = False, error: str = "") -> Periods:
    first, last = month_bounds(month_first)
    last = min(last, today)
    return Periods(Period(first, last), Period(first.replace(month=1), last), today, fallback, error)


def periods(user: Any, requested: str = "", today: dt.date | None = None) -> Periods:
    """The month asked for (``?thang=2026-08``), else the current month by the clock. In the first days
    of a month, before any dossier of it is finished, the previous month is shown instead and the page
    says so; never an older month, however recent the imported data (a test import of an old year must
    not move the leader's default period)."""
    today = today or timezone.localdate()
    error = ""
    if requested:
        month = parse_month(requested)
        if month is None:
            error = _("Tháng “%(month)s” không hợp lệ; nhập theo dạng năm-tháng, ví dụ %(example)s.") % {
                "month": requested,
                "example": f"{today:%Y-%m}",
            }
        elif month > today:
            error = _("Tháng %(month)s chưa đến; đang hiển thị tháng hiện tại.") % {"month": f"{month:%m/%Y}"}
        else:
            return periods_for(month, today)
    current = today.replace(day=1)
    facts = UnitDailyFact.objects.filter(unit__in=dossier_units_for(user)).filter(ACTIVITY)
    if facts.filter(day__gte=current, day__lte=today).exists():
        return periods_for(current, today, error=error)
    previous = (current - dt.timedelta(days=1)).replace(day=1)
    if facts.filter(day__gte=previous, day__lt=current).exists():
        return periods_for(previous, today, fallback=True, error=error)
    return periods_for(current, today, error=error)


# --- dossiers, from the daily facts --------------------------------------------------------------------


@dataclass(frozen=True)
class DossierFigure:
    """Dossiers finished in a period and the late ones among them; the rate only with enough of them
    (CCHC_LEAGUE_MIN_DOSSIERS, the league table's rule)."""

    finished: int
    late: int
    ranked: bool
    url: str
    min_finished: int
    # The late list filtered to exactly the dossiers ``late`` counts (unit and period carried).
    late_url: str = ""

    @property
    def rate(self) -> float | None:
        return self.late / self.finished if self.finished and self.ranked else None

    @property
    def rate_text(self) -> str:
        return vn_percent(self.rate)

    @property
    def late_figure(self) -> Figure:
        return Figure(self.late, self.late_url or self.url)

    @property
    def finished_text(self) -> str:
        return vn_int(self.finished)


def league_url(period: Period) -> str:
    return link("dossiers:league_units", date_from=period.first.isoformat(), date_to=period.last.isoformat())


def late_url(period: Period, unit_id: int | None = None) -> str:
    """The late list showing exactly the dossiers a "late in the period" figure counts
    (``cchc.dossiers.figures.late_finished_dossiers``)."""
    return link(
        "dossiers:late",
        unit=unit_id or "",
        finished_from=period.first.isoformat(),
        finished_to=period.last.isoformat(),
    )


def by_code(league: League) -> dict[str, tuple[LeagueRow, bool]]:
    out = {r.key: (r, True) for r in league.ranked}
    out.update({r.key: (r, False) for r in league.too_few})
    return out


def dossier_figure(
    found: tuple[LeagueRow, bool] | None, url: str, minimum: int, late: str = ""
) -> DossierFigure:
    if found is None:
        return DossierFigure(0, 0, False, url, minimum, late)
    row, ranked = found
    return DossierFigure(row.finished, row.late, ranked, url, minimum, late)


def total_figure(league: League, url: str, minimum: int, late: str = "") -> DossierFigure:
    t = league.totals
    return DossierFigure(t.finished, t.late, t.finished >= minimum, url, minimum, late)


# --- tasks and petitions -------------------------------------------------------------------------------


def overdue_tasks_by_unit(tasks: TaskQuerySet, today: dt.date) -> dict[int, int]:
    rows = overdue_tasks(tasks, today).values_list("lead_unit").annotate(n=Count("pk")).order_by()
    return {unit_id: n for unit_id, n in rows}


def subtree_counts(counts: dict[int, int], units: Iterable[Unit]) -> dict[int, int]:
    """Per shown unit, the counts of the unit and every unit below it: the overdue-task list a figure
    links to (``?don_vi=``) lists the subtree, so the figure must count the same tasks."""
    paths = dict(Unit.objects.filter(pk__in=[k for k, n in counts.items() if n]).values_list("pk", "path"))
    below = lambda u: (n for pk, n in counts.items() if paths.get(pk, "\x00").startswith(u.path))  # noqa: E731
    return {u.pk: sum(below(u)) for u in units}


def overdue_petitions_by_unit(petitions: QuerySet[Petition], today: dt.date) -> dict[int, int]:
    rows = overdue_petitions(petitions, today).values_list("unit").annotate(n=Count("pk")).order_by()
    return {unit_id: n for unit_id, n in rows}


def tasks_url(unit_id: int | None = None) -> str:
    return link("directives:overdue", don_vi=unit_id or "")


def petitions_url(unit_id: int | None = None) -> str:
    return link("feedback:list", unit=unit_id or "", overdue="on")
