"""The scorecard figures a periodic reform report prints for a unit and the units below it.

Each figure is read through the function the scorecard pages use, so the report and the pages cannot
disagree:

- the city's reform index (``city_index``): every card of the year's set scored by ``cards.score`` —
  the card page's, the ranking's and the leader's panel's function — summed over the units' cards
  (points and the maximum of the criteria scored so far, so a percentage can be worked out again from
  sums), with each criterion that loses points and how far its solutions have got (solutions written,
  tasks given, tasks done: the counts of ``queries.biggest_losses``);
- Decision 766 (``index766``): each unit's total in the city's ``cchc index-766`` document of the
  ledger (``ledger766.city_document``, what the 766 pages read), summed with its maximum and the number of
  units with a score, so that the average can be worked out again from sums.

Cards are not dated: the card is read as it stands when the report is counted (a draft on every view;
an approved report keeps what was read at approval). The set is the city's for the latest year up to
the year the period ends.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from cchc.lib.dossier_period import Period
from cchc.lib.scoring import IndexSetError
from cchc.org.models import Jurisdiction, Unit
from cchc.scorecards import cards, ledger766
from cchc.scorecards.models import CriterionScore, Family, IndexVersion, Scorecard, Stage
from cchc.scorecards.queries766 import city_area


def version_for(unit: Unit, period: Period) -> IndexVersion | None:
    """The city index set that scores the unit in the period: the set of the unit's city (an ancestor
    of its jurisdiction) for the latest year up to the year the period ends."""
    area = unit.jurisdiction
    ancestors = [int(x) for x in area.path.strip("/").split("/") if x.isdigit()] or [area.pk]
    return (
        IndexVersion.objects.filter(
            jurisdiction_id__in=ancestors, family=Family.CITY, year__lte=period.end.year
        )
        .order_by("-year", "-pk")
        .first()
    )


def city_index(unit_ids: list[int], version: IndexVersion | None) -> dict[str, Any]:
    """The cards of these units in the year's set: how many, how many final (scored), the points and
    the maximum of the criteria with points, and per criterion losing points its title, points lost,
    units losing them, solutions, tasks given and tasks done."""
    out: dict[str, Any] = {
        "year": "" if version is None else str(version.year),
        "cards": 0,
        "final": 0,
        "points": 0.0,
        "max_points": 0.0,
        "losses": {},
    }
    if version is None:
        return out
    s = cards.index_set(version)
    chosen = list(Scorecard.objects.filter(version=version, unit__in=unit_ids).order_by("pk"))
    rows: dict[int, dict[str, CriterionScore]] = {card.pk: {} for card in chosen}
    counted = CriterionScore.objects.filter(scorecard__in=[c.pk for c in chosen]).annotate(
        n_solutions=Count("solutions", distinct=True),
        n_tasks=Count("solutions__task", distinct=True),
        n_done=Count("solutions__task", filter=Q(solutions__task__status="done"), distinct=True),
    )
    for row in counted:
        rows[row.scorecard_id][row.code] = row
    losses: dict[str, dict[str, Any]] = out["losses"]
    for card in chosen:
        result = cards.score(s, rows[card.pk])
        out["cards"] += 1
        out["final"] += card.stage == Stage.SCORED
        out["points"] = round(out["points"] + float(result.total), 2)
        out["max_points"] = round(out["max_points"] + float(result.max_scored), 2)
        for line in result.lines:
            if not line.lost or line.lost <= 0 or line.row is None:
                continue
            got: Any = line.row  # annotated with its solutions' counts
            loss = losses.setdefault(
                line.code,
                {
                    "title": line.criterion.title,
                    "lost": 0.0,
                    "units": 0,
                    "solutions": 0,
                    "tasks": 0,
                    "tasks_done": 0,
                },
            )
            loss["lost"] = round(loss["lost"] + float(line.lost), 2)
            loss["units"] += 1
            loss["solutions"] += got.n_solutions
            loss["tasks"] += got.n_tasks
            loss["tasks_done"] += got.n_done
    return out


def index766(units: list[Unit], area: Jurisdiction | None, period: Period) -> dict[str, Any]:
    """The units' Decision 766 totals for the period — their rows of the city's 766 document, the one
    the 766 pages read (``ledger766.city_document``, cached until the ledger changes) — summed: units
    with a score, their points and their maxima."""
    codes = {u.code for u in units}
    out: dict[str, Any] = {"units": 0, "points": 0.0, "max_points": 0.0}
    if not codes:
        return out
    try:
        doc = ledger766.city_document(city_area(area), period)
    except IndexSetError:
        return out  # a period before the index set existed (Decision 766 applies from 2022)
    for row in ledger766.unit_rows(doc, codes):
        if row["total"] is None:
            continue
        out["units"] += 1
        out["points"] = round(out["points"] + float(row["total"]), 2)
        out["max_points"] = round(out["max_points"] + float(row["max_total"]), 2)
    return out


def unit_figures(unit: Unit, unit_ids: list[int], period: Period) -> dict[str, Any]:
    """Both groups for a unit and the units below it (``unit_ids``)."""
    units = list(Unit.objects.filter(pk__in=unit_ids))
    return {
        "scorecards": city_index(unit_ids, version_for(unit, period)),
        "index766": index766(units, unit.jurisdiction, period),
    }
