"""Who reads the Decision 766 pages, and the rows they read. Leader, secretariat, office and auditor
see every unit of their jurisdiction; a unit's own people see their unit (and the units below it);
the Front has no business with dossier figures. Dossiers behind a figure come through
``dossiers_for``, so a list never shows a dossier the person could not open."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from cchc.dossiers.models import Dossier
from cchc.dossiers.queries import dossier_units_for, dossiers_for, may_read_dossiers
from cchc.dossiers.records import LOCAL_TZ
from cchc.lib import index766
from cchc.org.models import Jurisdiction, Unit
from cchc.org.queries import user_jurisdiction, user_unit
from cchc.scorecards import ledger766
from cchc.scorecards.periods import NamedPeriod


def may_read_766(user: Any) -> bool:
    return may_read_dossiers(user)


def units_766_for(user: Any) -> QuerySet[Unit]:
    return dossier_units_for(user)


def area_of(user: Any) -> Jurisdiction | None:
    """The jurisdiction whose units are ranked together: the user's own, or their unit's."""
    area = user_jurisdiction(user)
    if area is None:
        unit = user_unit(user)
        area = unit.jurisdiction if unit is not None else None
    return area


def city_area(area: Jurisdiction | None) -> Jurisdiction | None:
    """A ward's people are ranked with the city's units: climb to the district (or higher) level."""
    while area is not None and area.level == "commune" and area.parent_id:
        area = area.parent
    return area


def default_period(user: Any) -> str:
    """The month of the latest received dossier in the person's scope (else this month): a month is
    quick to compute on a large ledger, and the picker offers its quarter and year."""
    # The latest of each unit's latest, each read from the end of the (unit, received) index: one
    # MAX over an IN list scanned every dossier of the city (2.5 s at 5,000,000 on PostgreSQL).
    latest = Dossier.objects.filter(handling_unit=OuterRef("pk"), received_at__isnull=False).order_by(
        "-received_at"
    )
    lasts = units_766_for(user).annotate(last=Subquery(latest.values("received_at")[:1]))
    last = max((v for v in lasts.values_list("last", flat=True) if v is not None), default=None)
    day = last.astimezone(LOCAL_TZ).date() if last else timezone.localdate()
    return f"{day:%Y-%m}"


def ranking(user: Any, period: NamedPeriod) -> dict[str, Any]:
    """The 766 document of the person's city, restricted to the units they may read, with names."""
    doc = ledger766.city_document(city_area(area_of(user)), period.period)
    visible = dict(units_766_for(user).values_list("code", "name"))
    units = [dict(u, name=visible[u["unit"]]) for u in doc["units"] if u["unit"] in visible]
    units.sort(key=lambda u: (u["total"] is None, -(u["total"] or 0), u["name"]))
    for rank, u in enumerate(units, start=1):
        u["rank"] = rank
    return {**doc, "units": units}


def unit_indicators(doc_unit: dict[str, Any], period: NamedPeriod) -> list[dict[str, Any]]:
    """Each indicator of a unit with its group, lost points and whether its dossiers can be listed."""
    index_set = index766.index_set_for(period.period)
    leaves = {leaf.code: leaf for group in index_set.children for leaf in group.leaves()}
    rows = []
    for row in doc_unit["indicators"]:
        leaf = leaves[row["code"]]
        lost = None if row["points"] is None else round(row["max_points"] - row["points"], 2)
        rows.append(
            {
                **row,
                "group": row["code"].split(".")[0],
                "lost": lost,
                "figure": leaf.figure,
                "drill": leaf.figure in index766.DOSSIER_FIGURES,
                "confirmed": leaf.confirmed,
            }
        )
    return rows


def indicator_figure(code: str, period: NamedPeriod) -> tuple[str, str] | None:
    """(figure, title) of an indicator whose dossiers can be listed, else None."""
    index_set = index766.index_set_for(period.period)
    for group in index_set.children:
        for leaf in group.leaves():
            if leaf.code == code and leaf.figure in index766.DOSSIER_FIGURES:
                return str(leaf.figure), leaf.title
    return None


def behind(user: Any, unit: Unit, figure: str, period: NamedPeriod) -> ledger766.Behind:
    qs = dossiers_for(user).filter(handling_unit=unit)
    return ledger766.dossiers_behind(qs, period.period, city_area(area_of(user)), figure)


def today() -> dt.date:
    return timezone.localdate()
