"""The figures an operations-centre screen (IOC) reads through ``/ioc/v1/`` (``reports.ioc_api``), for one
area — the jurisdiction its key was issued for — or one unit's subtree inside it.

Every figure is read through the function that serves the same figure elsewhere, never recomputed:
the dossier summary is ``dossiers.figures.summary_of_units`` (``cchc dossier-stats`` and the leader's
home read the same daily facts through ``dossiers.stats.unit_stats``), the unit ranking is the league
table's (``dossiers.rankings``), overdue tasks and petitions are ``directives.queries.overdue_tasks`` and
``feedback.queries.overdue_petitions``, satisfaction is ``surveys.ratings.unit_distribution``.

Only counts, rates, dates and the names of units leave: no applicant, petitioner, respondent or
official is named (an official's name is a public fact on the late list, but a screen has no need of it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce

from cchc.directives.models import Task
from cchc.directives.queries import overdue_tasks
from cchc.dossiers.figures import summary_of_units
from cchc.dossiers.models import UnitDailyFact
from cchc.dossiers.rankings import league_min_dossiers, rank_rows, unit_finished_counts
from cchc.feedback.models import Petition
from cchc.feedback.models import Status as PetitionStatus
from cchc.feedback.queries import overdue_petitions
from cchc.lib.names import natural_key
from cchc.org.models import Jurisdiction, Unit, UnitKind
from cchc.surveys.ratings import unit_distribution

MAX_DAYS = 366


def area_units(area: Jurisdiction, unit: Unit | None = None) -> QuerySet[Unit]:
    """The units of the area (every jurisdiction below it included), or one unit's subtree in it."""
    units = Unit.objects.filter(jurisdiction__path__startswith=area.path)
    if unit is not None:
        units = units.filter(path__startswith=unit.path)
    return units


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def summary(units: QuerySet[Unit], first: dt.date, last: dt.date) -> dict[str, Any]:
    """Received, finished early / on time / late, open within time / overdue at the end of the period,
    and receipts by channel (the daily facts tell online receipts from the rest)."""
    s = summary_of_units(units, first, last)
    online = UnitDailyFact.objects.filter(unit__in=units, day__gte=first, day__lte=last).aggregate(
        n=Coalesce(Sum("received_online"), 0)
    )["n"]
    figures = s.as_dict()
    return {
        "tu": figures.pop("from"),
        "den": figures.pop("to"),
        **figures,
        "on_time_rate": None if s.on_time_rate is None else round(s.on_time_rate, 4),
        "by_channel": [
            {"channel": "online", "name": "Trực tuyến", "received": int(online)},
            {
                "channel": "in_person_or_post",
                "name": "Trực tiếp hoặc qua bưu chính",
                "received": s.received - int(online),
            },
        ],
    }


def daily(units: QuerySet[Unit], first: dt.date, last: dt.date) -> list[dict[str, Any]]:
    """One row per day of the period (days without a dossier included, as zeros)."""
    rows = (
        UnitDailyFact.objects.filter(unit__in=units, day__gte=first, day__lte=last)
        .values("day")
        .annotate(
            received=Sum("received"),
            online=Sum("received_online"),
            early=Sum("finished_early"),
            on_time=Sum("finished_on_time"),
            late=Sum("finished_late"),
        )
        .order_by("day")
    )
    by_day: dict[dt.date, dict[str, Any]] = {r["day"]: dict(r) for r in rows}
    out = []
    day = first
    while day <= last:
        r: dict[str, Any] = by_day.get(day, {})
        out.append(
            {
                "day": day.isoformat(),
                "received": int(r.get("received") or 0),
                "received_online": int(r.get("online") or 0),
                "early": int(r.get("early") or 0),
                "on_time": int(r.get("on_time") or 0),
                "late": int(r.get("late") or 0),
            }
        )
        day += dt.timedelta(days=1)
    return out


def ranked_units(units: QuerySet[Unit], first: dt.date, last: dt.date) -> dict[str, Any]:
    """The league table of the dossier screens: highest late rate first, units with too few finished
    dossiers for a rate listed apart (``CCHC_LEAGUE_MIN_DOSSIERS``)."""
    minimum = league_min_dossiers()
    league = rank_rows(unit_finished_counts(units, first, last), minimum)

    def row(r: Any) -> dict[str, Any]:
        return {
            "rank": r.rank,
            "unit": r.key,
            "name": r.name,
            "finished": r.finished,
            "early": r.early,
            "on_time": r.on_time,
            "late": r.late,
            "late_rate": _rate(r.late, r.finished),
        }

    return {
        "min_finished": minimum,
        "ranked": [row(r) for r in league.ranked],
        "too_few": [row(r) for r in league.too_few],
    }


def tasks_overdue(units: QuerySet[Unit], today: dt.date) -> dict[str, Any]:
    """Tasks overdue today by the unit that leads them."""
    rows = (
        overdue_tasks(Task.objects.filter(lead_unit__in=units), today)
        .values("lead_unit__code", "lead_unit__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_unit = sorted(
        ({"unit": r["lead_unit__code"], "name": r["lead_unit__name"], "overdue": r["n"]} for r in rows),
        key=lambda r: (-r["overdue"], natural_key(r["name"])),
    )
    return {"as_of": today.isoformat(), "total": sum(r["overdue"] for r in by_unit), "units": by_unit}


def petitions(area: Jurisdiction, unit: Unit | None, today: dt.date) -> dict[str, Any]:
    """Petitions of the area (or handled in one unit's subtree), by status, and how many of the open
    ones are past their due date."""
    qs = Petition.objects.filter(jurisdiction__path__startswith=area.path)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    counts = dict(qs.values_list("status").annotate(n=Count("pk")).order_by())
    by_status = [
        {"status": s.value, "name": s.label, "count": int(counts.get(s.value, 0))} for s in PetitionStatus
    ]
    return {
        "as_of": today.isoformat(),
        "total": sum(r["count"] for r in by_status),
        "overdue": overdue_petitions(qs, today).count(),
        "by_status": by_status,
    }


def top_committees(units: QuerySet[Unit]) -> list[Unit]:
    """The People's Committees at the top of the scope (their subtrees hold every handling unit); the
    scope's top unit when there is no committee in it."""
    committees = list(units.filter(kind=UnitKind.PEOPLES_COMMITTEE).order_by("path"))
    tops = [u for u in committees if not any(u.path.startswith(c.path) and u != c for c in committees)]
    if tops:
        return tops
    first = units.order_by("path").first()
    return [first] if first is not None else []


def satisfaction(units: QuerySet[Unit], first: dt.date, last: dt.date) -> list[dict[str, Any]]:
    out = []
    for unit in top_committees(units)[:5]:
        d = unit_distribution(unit, first, last)
        out.append(
            {
                "unit": unit.code,
                "name": unit.name,
                "very_satisfied": d.very,
                "satisfied": d.satisfied,
                "not_satisfied": d.not_satisfied,
                "total": d.total,
                "satisfied_share": d.satisfied_share,
            }
        )
    return out


def unit_in(area: Jurisdiction, code: str) -> Unit | None:
    code = code.strip()[:40]
    return area_units(area).filter(code=code).first() if code else None
