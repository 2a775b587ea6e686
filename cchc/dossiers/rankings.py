"""Who is late, ranked: the league tables of late dossiers (per unit from the daily facts, cached until the
facts change; per official from the per-official daily facts, which hold the finished dossiers' late
causes; a rate only with enough finished dossiers), and the monthly late list the Office drafts and a
leader approves for publication."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Count, F, Min, Q, QuerySet, Sum, Value, When
from django.utils.translation import gettext

from cchc.core.charts import Chart, Series, pct
from cchc.core.models import AuditEvent
from cchc.core.roles import JURISDICTION_WIDE
from cchc.dossiers.blame import blames, fold, overrun_causes
from cchc.dossiers.models import (
    Dossier,
    DossierStep,
    LateList,
    LateListStatus,
    OfficialDailyFact,
    Outcome,
    UnitDailyFact,
)
from cchc.dossiers.queries import (
    FINISHED_OUTCOMES,
    dossier_units_for,
    is_active_user,
    local_day_start,
    may_read_dossiers,
    month_bounds,
)
from cchc.dossiers.stats import unit_stats
from cchc.lib.names import natural_key
from cchc.org.models import Jurisdiction, Unit
from cchc.org.queries import user_jurisdiction

# --- league tables -----------------------------------------------------------------------------


def league_min_dossiers() -> int:
    # UNCONFIRMED threshold (no rule found): a product default, overridable per installation.
    return int(getattr(settings, "CCHC_LEAGUE_MIN_DOSSIERS", 30))


@dataclass
class LeagueRow:
    key: str
    name: str
    unit_name: str = ""
    finished: int = 0
    late: int = 0
    early: int | None = None  # known for units (daily facts), not split per official
    on_time: int | None = None
    rank: int | None = None
    # The unit's id (unit rows): the drill-down links carry it as the lists' ``unit`` filter.
    unit_id: int | None = None

    @property
    def late_rate(self) -> float | None:
        return self.late / self.finished if self.finished else None

    @property
    def official_id(self) -> int | None:
        """An official's account (rows keyed ``id:<account>``): the late list's link filters by it, so
        two officials with one name are never mixed up."""
        return int(self.key[3:]) if self.key.startswith("id:") else None


@dataclass
class League:
    ranked: list[LeagueRow] = field(default_factory=list)
    too_few: list[LeagueRow] = field(default_factory=list)
    min_finished: int = 0

    @property
    def totals(self) -> LeagueRow:
        rows = [*self.ranked, *self.too_few]
        total = LeagueRow("total", "Tổng cộng")
        total.finished = sum(r.finished for r in rows)
        total.late = sum(r.late for r in rows)
        if rows and all(r.early is not None and r.on_time is not None for r in rows):
            total.early = sum(r.early or 0 for r in rows)
            total.on_time = sum(r.on_time or 0 for r in rows)
        return total


def rank_rows(rows: Iterable[LeagueRow], min_finished: int) -> League:
    league = League(min_finished=min_finished)
    for row in rows:
        if row.finished == 0:
            continue
        (league.ranked if row.finished >= min_finished else league.too_few).append(row)
    # Highest late rate first: the table exists to find the units that are late most often.
    league.ranked.sort(key=lambda r: (-(r.late_rate or 0), -r.late, natural_key(r.name)))
    previous: tuple[float, int] | None = None
    for i, row in enumerate(league.ranked, start=1):
        current = (row.late_rate or 0.0, row.late)
        row.rank = league.ranked[i - 2].rank if previous == current else i
        previous = current
    league.too_few.sort(key=lambda r: natural_key(r.name))
    return league


# Audit verbs after which the daily facts may have changed (the write path and `cchc rebuild-facts`).
FACT_WRITE_VERBS = ("dossiers.upsert", "dossiers.facts_rebuilt")


def league_cache_seconds() -> int:
    # Backstop only: entries are keyed on the last fact-changing audit row, so a write invalidates them.
    return int(getattr(settings, "CCHC_LEAGUE_CACHE_SECONDS", 600))


def facts_stamp() -> int:
    """The id of the last audit row of a fact-changing write: every such write records one."""
    last = (
        AuditEvent.objects.filter(verb__in=FACT_WRITE_VERBS)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    return last or 0


# Officials on the chart of their ranking: the worst ones (the table lists them all).
CHART_OFFICIALS = 15


def league_chart(league: League, which: str) -> Chart | None:
    """The ranked rows' late rates as bars, beside the whole table's rate as a line (the table's own
    figures, in the table's order)."""
    rows = league.ranked if which == "units" else league.ranked[:CHART_OFFICIALS]
    if not rows:
        return None
    overall = pct(league.totals.late_rate)
    return Chart(
        "chart-league",
        gettext("Tỷ lệ trễ hạn của các đơn vị trong kỳ")
        if which == "units"
        else gettext("Tỷ lệ trễ hạn của các cán bộ, công chức trong kỳ"),
        gettext("Đơn vị") if which == "units" else gettext("Cán bộ, công chức"),
        [r.name for r in rows],
        [
            Series(gettext("Tỷ lệ trễ hạn (%)"), [pct(r.late_rate) for r in rows]),
            Series(gettext("Tỷ lệ chung (%)"), [overall for _ in rows], kind="line", colour="city"),
        ],
        percent=True,
        horizontal=True,
        labels_are_names=True,
        note=""
        if which == "units" or len(league.ranked) <= CHART_OFFICIALS
        else gettext("%(count)s cán bộ có tỷ lệ trễ hạn cao nhất; bảng dưới liệt kê đủ.")
        % {"count": CHART_OFFICIALS},
    )


def unit_finished_counts(units: QuerySet[Unit], date_from: dt.date, date_to: dt.date) -> list[LeagueRow]:
    """Finished early / on time / late per handling unit in the period, from the daily facts.

    The same sums as ``stats.unit_stats`` (``cchc dossier-stats``) over the same days, without its
    open-dossier columns, which add a scan of all history the league does not need. No procedure
    filter, so the unit roll-up (``UnitDailyFact``) serves it.
    """
    sums = (
        UnitDailyFact.objects.filter(unit__in=units, day__gte=date_from, day__lte=date_to)
        .values("unit")
        .annotate(e=Sum("finished_early"), o=Sum("finished_on_time"), la=Sum("finished_late"))
        .order_by()
    )
    by_unit = {r["unit"]: r for r in sums}
    names = {
        pk: (code, name)
        for pk, code, name in Unit.objects.filter(pk__in=by_unit).values_list("pk", "code", "name")
    }
    rows = []
    for pk, r in by_unit.items():
        early, on_time, late = r["e"] or 0, r["o"] or 0, r["la"] or 0
        code, name = names[pk]
        rows.append(
            LeagueRow(
                code,
                name,
                finished=early + on_time + late,
                late=late,
                early=early,
                on_time=on_time,
                unit_id=pk,
            )
        )
    return rows


def unit_league(
    user: Any, date_from: dt.date, date_to: dt.date, *, min_finished: int | None = None
) -> League:
    """The unit league table. Served from the cache while no fact-changing write happened since."""
    units = dossier_units_for(user)
    threshold = league_min_dossiers() if min_finished is None else min_finished
    seconds = league_cache_seconds()
    if seconds <= 0:
        return rank_rows(unit_finished_counts(units, date_from, date_to), threshold)
    scope = hashlib.sha256(
        ",".join(map(str, sorted(units.values_list("pk", flat=True)))).encode()
    ).hexdigest()
    key = f"cchc:league:units:{facts_stamp()}:{scope[:24]}:{date_from}:{date_to}"
    rows = cache.get(key)
    if rows is None:
        rows = unit_finished_counts(units, date_from, date_to)
        cache.set(key, rows, seconds)
    return rank_rows([dataclasses.replace(r, rank=None) for r in rows], threshold)


def official_key(step: Mapping[str, Any]) -> str:
    if step["official_id"]:
        return f"id:{step['official_id']}"
    return "name:" + fold(step["official_name"])


def cause_names_official(cause: dict[str, Any], step: Mapping[str, Any]) -> bool:
    """Does this stored cause blame the official of this step (``blame.blames``: by account id, by the
    folded name only between a cause and a step that both lack an account)?"""
    return blames(cause, step.get("official_id"), step.get("official_name"))


def name_rows(rows: dict[str, LeagueRow], first_step: dict[str, int]) -> None:
    """Names and units from the account, else from the official's earliest step (chunked: SQLite's
    variable limit)."""
    picked = list(first_step.items())
    for i in range(0, len(picked), 500):
        chunk = dict((pk, key) for key, pk in picked[i : i + 500])
        for first in DossierStep.objects.filter(pk__in=chunk).values(
            "pk", "official_name", "official__full_name", "official__unit__name", "unit__name", "unit_name"
        ):
            row = rows[chunk[first["pk"]]]
            row.name = first["official__full_name"] or first["official_name"]
            row.unit_name = first["official__unit__name"] or first["unit__name"] or first["unit_name"] or ""


def official_rows(
    date_from: dt.date,
    date_to: dt.date,
    *,
    units: QuerySet[Unit] | None = None,
    handling_units: QuerySet[Unit] | None = None,
    handling_unit: Unit | None = None,
) -> list[LeagueRow]:
    """``official_counts`` of the dossiers finished in the period, read from the per-official daily facts
    (``official_facts``) instead of the steps: the same rows, at a cost that does not grow with the
    ledger. ``units``: dossiers handled or received there (the reader's scope, as ``dossiers_for``);
    ``handling_units`` / ``handling_unit``: dossiers handled there. None: the whole ledger."""
    qs = OfficialDailyFact.objects.filter(day__gte=date_from, day__lte=date_to)
    if units is not None:
        ids = units.values("pk")
        qs = qs.filter(Q(handling_unit__in=ids) | Q(receiving_unit__in=ids))
    if handling_units is not None:
        qs = qs.filter(handling_unit__in=handling_units.values("pk"))
    if handling_unit is not None:
        qs = qs.filter(handling_unit=handling_unit)
    rows: dict[str, LeagueRow] = {}
    first_step: dict[str, int] = {}
    for r in (
        qs.values("official_id", "name_key")
        .annotate(n=Sum("finished"), la=Sum("late"), first=Min("first_step"))
        .order_by()
    ):
        key = f"id:{r['official_id']}" if r["official_id"] is not None else "name:" + r["name_key"]
        rows[key] = LeagueRow(key, "", finished=r["n"], late=r["la"])
        first_step[key] = r["first"]
    name_rows(rows, first_step)
    return list(rows.values())


def reader_units(user: Any) -> QuerySet[Unit] | None:
    """The units whose dossiers (handled or received) ``queries.dossiers_for`` lets this person read, as
    the facts are keyed; None for everything (a superuser)."""
    if is_active_user(user) and user.is_superuser:
        return None
    if not may_read_dossiers(user):
        return Unit.objects.none()
    return dossier_units_for(user)


def official_counts(dossiers: QuerySet[Dossier]) -> list[LeagueRow]:
    """Per official: finished dossiers they handled a step of, and late ones a cause blames them for.

    A late dossier counts against an official when its stored causes blame them in a ``step_overrun``
    (the outcome engine's attribution, read by account id: ``blame``), not merely because they
    touched it. An official is their account
    when the step has one, else the step's name with spaces and case folded. A row's name and unit are
    the account's, else those of the official's earliest recorded step.

    Set-based: the finished counts are ``COUNT(DISTINCT dossier)`` grouped in the database (per account,
    and per raw name for steps without one); only the steps of late dossiers whose causes name someone
    are read row by row. ``bench/bench_official_ranking.py`` times it against the row-by-row reading.
    """
    finished = dossiers.filter(outcome__in=FINISHED_OUTCOMES)
    steps = DossierStep.objects.filter(dossier__in=finished.values("pk"))
    rows: dict[str, LeagueRow] = {}
    first_step: dict[str, int] = {}

    # One scan, grouped by account, or by the raw name for steps without one.
    grouped = (
        steps.annotate(
            raw_name=Case(When(official_id__isnull=True, then=F("official_name")), default=Value(""))
        )
        .values("official_id", "raw_name")
        .annotate(n=Count("dossier_id", distinct=True), first=Min("pk"))
        .order_by()
    )
    variants: dict[str, list[str]] = {}
    for r in grouped:
        if r["official_id"] is not None:
            key = f"id:{r['official_id']}"
            rows[key] = LeagueRow(key, "", finished=r["n"])
            first_step[key] = r["first"]
            continue
        raw = r["raw_name"] or ""
        if not raw.strip():
            continue
        key = "name:" + fold(raw)
        variants.setdefault(key, []).append(raw)
        if key in rows:
            first_step[key] = min(first_step[key], r["first"])
        else:
            rows[key] = LeagueRow(key, "", finished=r["n"])
            first_step[key] = r["first"]
    for key, raws in variants.items():
        if len(raws) > 1:  # spellings of one name: their dossiers may overlap, so count the union
            rows[key].finished = (
                steps.filter(official_id__isnull=True, official_name__in=raws)
                .values("dossier_id")
                .distinct()
                .count()
            )

    name_rows(rows, first_step)

    # Late: only dossiers whose stored causes blame an official in a step overrun (by account id).
    causes_by: dict[int, list[dict[str, Any]]] = {}
    for pk, causes in finished.filter(outcome=Outcome.LATE).values_list("pk", "late_causes").iterator():
        named = overrun_causes(causes)
        if named:
            causes_by[pk] = named
    blamed: set[tuple[str, int]] = set()
    late_ids = list(causes_by)
    for i in range(0, len(late_ids), 500):
        for step in (
            DossierStep.objects.filter(dossier_id__in=late_ids[i : i + 500])
            .values("dossier_id", "official_id", "official_name")
            .iterator()
        ):
            if not (step["official_id"] or (step["official_name"] or "").strip()):
                continue
            key = official_key(step)
            dossier_id = step["dossier_id"]
            if (key, dossier_id) not in blamed and any(
                cause_names_official(c, step) for c in causes_by[dossier_id]
            ):
                blamed.add((key, dossier_id))
                rows[key].late += 1
    return list(rows.values())


def finished_between(qs: QuerySet[Dossier], date_from: dt.date, date_to: dt.date) -> QuerySet[Dossier]:
    return qs.filter(
        end_at__gte=local_day_start(date_from), end_at__lt=local_day_start(date_to + dt.timedelta(days=1))
    )


def official_league(
    user: Any,
    date_from: dt.date,
    date_to: dt.date,
    *,
    min_finished: int | None = None,
    unit: Unit | None = None,
) -> League:
    """Officials ranked on the dossiers finished in the period; with ``unit``, only the dossiers that
    unit handled (the drill-down from a unit's row of the units' ranking)."""
    rows = official_rows(date_from, date_to, units=reader_units(user), handling_unit=unit)
    return rank_rows(rows, league_min_dossiers() if min_finished is None else min_finished)


# --- monthly late list -------------------------------------------------------------------------


def late_list_rows(jurisdiction: Jurisdiction, month: dt.date) -> list[dict[str, Any]]:
    """The month's units and officials with late dossiers, as stored in ``LateList.rows``.

    Units: handling units of the jurisdiction, counts from the daily facts (the figures the league table
    shows). Officials: named by a ``step_overrun`` cause of a dossier finished in the month. No
    applicant data goes in (the list is published).
    """
    first, last = month_bounds(month)
    units = Unit.objects.filter(jurisdiction__path__startswith=jurisdiction.path)
    stats, _total = unit_stats(first, last, units=units)
    rows: list[dict[str, Any]] = [
        {
            "unit": r.unit,
            "unit_name": r.name,
            "official": None,
            "late": r.late,
            "finished": r.finished,
            "late_rate": round(r.late / r.finished, 4) if r.finished else None,
        }
        for r in stats
        if r.late
    ]
    officials = [row for row in official_rows(first, last, handling_units=units) if row.late]
    officials.sort(key=lambda r: (natural_key(r.unit_name), natural_key(r.name)))
    for row in officials:
        rows.append(
            {
                "unit": "",
                "unit_name": row.unit_name,
                "official": row.name,
                "late": row.late,
                "finished": row.finished,
                "late_rate": round(row.late / row.finished, 4) if row.finished else None,
            }
        )
    return rows


def group_rows(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(unit rows, official rows) of a stored list, as people read names (Phường 2 before Phường 10)."""
    units = sorted(
        (r for r in rows if not r.get("official")), key=lambda r: natural_key(r.get("unit_name") or "")
    )
    officials = sorted(
        (r for r in rows if r.get("official")),
        key=lambda r: (natural_key(r.get("unit_name") or ""), natural_key(str(r["official"]))),
    )
    return units, officials


def late_lists_for(user: Any) -> QuerySet[LateList]:
    """Monthly late lists a person may read on the staff side: the jurisdiction-wide roles'."""
    if not is_active_user(user):
        return LateList.objects.none()
    if user.is_superuser:
        return LateList.objects.all()
    if user.role not in JURISDICTION_WIDE:
        return LateList.objects.none()
    area = user_jurisdiction(user)
    if area is None:
        return LateList.objects.none()
    return LateList.objects.filter(jurisdiction__path__startswith=area.path)


def published_late_lists() -> QuerySet[LateList]:
    """What the public site shows: published lists only (withdrawn ones disappear)."""
    return LateList.objects.filter(status=LateListStatus.PUBLISHED).select_related("jurisdiction")
