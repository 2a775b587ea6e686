"""Three-level dossier ratings by unit and by official (training needs, Công văn 7190/UBND-NV, mục 1), and the
monthly summary of the nine-indicator evaluation (docs/rules/surveys.md) for one handling unit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from cchc.lib import evaluation as ev
from cchc.lib.indices import percent, wilson
from cchc.org.models import Official, Unit
from cchc.surveys.conf import setting
from cchc.surveys.models import DossierRating, RatedOfficial, RatingLevel


def _bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(first, dt.time.min, tzinfo=tz),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


@dataclass
class Distribution:
    very: int
    satisfied: int
    not_satisfied: int

    @property
    def total(self) -> int:
        return self.very + self.satisfied + self.not_satisfied

    def share(self, n: int) -> float | None:
        return round(100 * n / self.total, 1) if self.total else None

    @property
    def satisfied_share(self) -> float | None:
        return self.share(self.very + self.satisfied)

    @property
    def not_share(self) -> float | None:
        return self.share(self.not_satisfied)


def unit_distribution(unit: Unit, first: dt.date, last: dt.date) -> Distribution:
    """Ratings of dossiers handled by the unit or a unit below it."""
    start, stop = _bounds(first, last)
    counts = dict(
        DossierRating.objects.filter(unit__path__startswith=unit.path, rated_at__gte=start, rated_at__lt=stop)
        .values("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    return Distribution(
        counts.get(RatingLevel.VERY_SATISFIED, 0),
        counts.get(RatingLevel.SATISFIED, 0),
        counts.get(RatingLevel.NOT_SATISFIED, 0),
    )


def unit_distributions(
    units: QuerySet[Unit], periods: Sequence[tuple[dt.date, dt.date]]
) -> tuple[list[dict[int, Distribution]], set[int]]:
    """``unit_distribution`` for many units and several periods in two queries: ratings grouped by
    period, handling unit and level, then summed for each unit over its subtree. Returns one
    {unit id: distribution} per period, and the ids of the units that handled rated dossiers
    themselves in any of the periods."""
    if not periods:
        return [], set()
    bounds = [_bounds(first, last) for first, last in periods]
    which = Case(
        *[When(rated_at__gte=a, rated_at__lt=b, then=Value(k)) for k, (a, b) in enumerate(bounds)],
        default=Value(-1),
        output_field=IntegerField(),
    )
    grouped = list(
        DossierRating.objects.filter(
            rated_at__gte=min(a for a, _ in bounds), rated_at__lt=max(b for _, b in bounds)
        )
        .annotate(period=which)
        .values_list("period", "unit_id", "unit__path", "level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    levels = (RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.NOT_SATISFIED)
    by_path = dict(units.values_list("path", "pk"))
    counts = [{pk: dict.fromkeys(levels, 0) for pk in by_path.values()} for _ in periods]
    for period, _unit, unit_path, level, n in grouped:
        if period < 0 or level not in levels:
            continue
        # A materialised path "/1/5/9/" has its ancestors as prefixes: "/1/", "/1/5/", itself.
        cut = 0
        while (cut := unit_path.find("/", cut + 1)) != -1:
            pk = by_path.get(unit_path[: cut + 1])
            if pk is not None:
                counts[period][pk][level] += n
    out = [{pk: Distribution(*(c[lv] for lv in levels)) for pk, c in per.items()} for per in counts]
    rated = {unit for period, unit, _path, _level, _n in grouped if period >= 0}
    return out, rated


@dataclass
class OfficialRow:
    official: Official
    dist: Distribution
    ci: list[float] | None
    training: bool


@dataclass
class OfficialTable:
    rows: list[OfficialRow]
    hidden: int  # officials with fewer ratings than the minimum, not shown one by one
    hidden_ratings: int
    minimum: int
    threshold: float


def officials(scope: QuerySet[Official], first: dt.date, last: dt.date) -> OfficialTable:
    """Per official: ratings of the dossiers they handled. Officials with few ratings are not shown one
    by one (a handful of ratings can point to a person and says little); training is suggested when the
    share of "not satisfied" reaches the threshold with enough ratings."""
    start, stop = _bounds(first, last)
    minimum = int(setting("CCHC_SURVEY_OFFICIAL_MIN_RATINGS"))
    threshold = float(setting("CCHC_SURVEY_TRAINING_NOT_SATISFIED_SHARE"))
    counts = (
        RatedOfficial.objects.filter(
            official__in=scope.values("pk"), rating__rated_at__gte=start, rating__rated_at__lt=stop
        )
        .values("official_id")
        .annotate(
            very=Count("pk", filter=Q(level=RatingLevel.VERY_SATISFIED)),
            sat=Count("pk", filter=Q(level=RatingLevel.SATISFIED)),
            no=Count("pk", filter=Q(level=RatingLevel.NOT_SATISFIED)),
        )
    )
    by_id = {row["official_id"]: row for row in counts}
    people = {o.pk: o for o in Official.objects.filter(pk__in=by_id).select_related("unit")}
    rows: list[OfficialRow] = []
    hidden = hidden_ratings = 0
    for pk, row in by_id.items():
        dist = Distribution(row["very"], row["sat"], row["no"])
        if dist.total < minimum:
            hidden += 1
            hidden_ratings += dist.total
            continue
        ci = wilson(dist.not_satisfied, dist.total)
        shown = [percent(ci[0]), percent(ci[1])] if ci else None
        rows.append(
            OfficialRow(
                people[pk],
                dist,
                [float(x) for x in shown if x is not None] if shown else None,
                training=(dist.not_share or 0) >= threshold,
            )
        )
    rows.sort(key=lambda r: (-(r.dist.not_share or 0), r.official.unit.path, r.official.full_name))
    return OfficialTable(rows, hidden, hidden_ratings, minimum, threshold)


# --- nine-indicator evaluation, one unit and month -----------------------------------------------


@dataclass
class EvaluationSummary:
    unit: Unit
    month: dt.date
    dossiers: int
    averages: list[dict[str, Any]]
    bands: dict[str, int]
    mean_scaled: float | None
    sample: list[tuple[Any, ev.Evaluation, str]]


def evaluation_summary(user: Any, unit: Unit, month: dt.date, limit: int = 5000) -> EvaluationSummary:
    from cchc.dossiers.queries import dossiers_for
    from cchc.surveys.evaluation import band_of, evaluate

    last = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    qs = (
        dossiers_for(user)
        .filter(handling_unit__path__startswith=unit.path, finished_on__gte=month, finished_on__lte=last)
        .prefetch_related("steps", "supplements")
        .order_by("finished_on", "code")
    )
    cache: dict[Any, Any] = {}
    totals: dict[int, list[int]] = {n: [] for n in range(1, 10)}
    bands: dict[str, int] = {}
    scaled: list[float] = []
    sample: list[tuple[Any, ev.Evaluation, str]] = []
    count = 0
    for dossier in qs[:limit]:
        count += 1
        e = evaluate(dossier, cache)
        for s in e.scores:
            if s.score is not None:
                totals[s.number].append(s.score)
        label = band_of(e)
        bands[label] = bands.get(label, 0) + 1
        if e.scaled is not None:
            scaled.append(float(e.scaled))
        if len(sample) < 20:
            sample.append((dossier, e, label))
    averages = []
    for n in range(1, 10):
        values = totals[n]
        averages.append(
            {
                "number": n,
                "label": ev.LABELS[n],
                "count": len(values),
                "mean": round(sum(values) / len(values), 2) if values else None,
            }
        )
    return EvaluationSummary(
        unit=unit,
        month=month,
        dossiers=count,
        averages=averages,
        bands=bands,
        mean_scaled=round(sum(scaled) / len(scaled), 1) if scaled else None,
        sample=sample,
    )
