"""Reads of the city index: the year's version for a person's city, the cards they may read scored
and ranked, one card's lines, and the published results shown beside them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cchc.org.models import Jurisdiction
from cchc.scorecards import cards
from cchc.scorecards.access import scorecards_for
from cchc.scorecards.models import (
    Family,
    IndexVersion,
    PublishedResult,
    RankingRelease,
    ReleaseStatus,
    Scorecard,
)
from cchc.scorecards.queries766 import area_of, city_area


def city_of(user: Any) -> Jurisdiction | None:
    return city_area(area_of(user))


def versions_for(user: Any) -> list[IndexVersion]:
    area = city_of(user)
    if area is None:
        return []
    return list(IndexVersion.objects.filter(jurisdiction=area, family=Family.CITY).order_by("-year"))


@dataclass
class Ranked:
    card: Scorecard
    result: cards.Card
    rank: int | None


def card_result(card: Scorecard) -> cards.Card:
    return cards.score(cards.index_set(card.version), {r.code: r for r in card.scores.all()})


def ranking(user: Any, version: IndexVersion) -> list[Ranked]:
    """The cards the person may read, best first; ranks follow the percentage of the points scored
    (ties share a rank)."""
    s = cards.index_set(version)
    rows = []
    for card in scorecards_for(user).filter(version=version).prefetch_related("scores"):
        rows.append(Ranked(card, cards.score(s, {r.code: r for r in card.scores.all()}), None))
    rows.sort(key=lambda r: (r.result.percent is None, -(r.result.percent or 0), r.card.unit.name))
    last: float | None = None
    rank = 0
    for i, r in enumerate(rows, start=1):
        if r.result.percent is None:
            continue
        if r.result.percent != last:
            rank, last = i, r.result.percent
        r.rank = rank
    return rows


def published(area: Jurisdiction | None, before_year: int) -> dict[str, list[PublishedResult]]:
    """The province's published PAR INDEX and SIPAS for the latest year before ``before_year``."""
    if area is None:
        return {}
    province = area
    while province.parent_id is not None and province.level != "province":
        province = province.parent  # type: ignore[assignment]
    out: dict[str, list[PublishedResult]] = {}
    for family in (Family.PARINDEX, Family.SIPAS):
        qs = PublishedResult.objects.filter(family=family, area=province, year__lt=before_year)
        year = qs.order_by("-year").values_list("year", flat=True).first()
        if year is not None:
            out[str(family)] = list(qs.filter(year=year).order_by("id"))
    return out


@dataclass
class Loss:
    code: str
    title: str
    lost: float
    units: int
    solutions: int
    tasks: int
    tasks_done: int
    flagged: int
    card_id: int | None  # when one unit: its card


def biggest_losses(user: Any, limit: int = 5) -> tuple[IndexVersion | None, list[Loss]]:
    """The criteria losing the most points over the cards a person may read (the latest year), with
    how far their solutions have got. Two queries whatever the number of cards (a home-page panel)."""
    from django.db.models import Count, Q

    from cchc.scorecards.models import CriterionScore

    area = area_of(user)
    if area is None:
        return None, []
    # The city's version, found among the area's ancestors by the ids of its materialised path.
    ancestors = [int(x) for x in area.path.strip("/").split("/") if x.isdigit()] or [area.pk]
    version = (
        IndexVersion.objects.filter(jurisdiction_id__in=ancestors, family=Family.CITY)
        .order_by("-year")
        .first()
    )
    if version is None:
        return None, []
    s = cards.index_set(version)
    rows: dict[int, dict[str, CriterionScore]] = {}
    qs = CriterionScore.objects.filter(scorecard__in=scorecards_for(user).filter(version=version)).annotate(
        n_solutions=Count("solutions", distinct=True),
        n_tasks=Count("solutions__task", distinct=True),
        n_done=Count("solutions__task", filter=Q(solutions__task__status="done"), distinct=True),
    )
    for row in qs:
        rows.setdefault(row.scorecard_id, {})[row.code] = row
    found: dict[str, Loss] = {}
    for card_id, card_rows in sorted(rows.items()):
        for line in cards.score(s, card_rows).lines:
            if not line.lost or line.lost <= 0 or line.row is None:
                continue
            loss = found.setdefault(
                line.code, Loss(line.code, line.criterion.title, 0.0, 0, 0, 0, 0, 0, card_id)
            )
            loss.lost = round(loss.lost + line.lost, 2)
            loss.units += 1
            if loss.units > 1:
                loss.card_id = None
            counted: Any = line.row  # annotated with its solutions' counts
            loss.solutions += counted.n_solutions
            loss.tasks += counted.n_tasks
            loss.tasks_done += counted.n_done
            # A done task on a criterion still losing points: its solution did not win them back
            # (``solutions.state_of``'s flag, counted here without loading each solution).
            loss.flagged += counted.n_done
    return version, sorted(found.values(), key=lambda x: -x.lost)[:limit]


def published_rankings() -> Any:
    """What the public sees: published rankings only."""
    return RankingRelease.objects.filter(status=ReleaseStatus.PUBLISHED).select_related(
        "version__jurisdiction"
    )
