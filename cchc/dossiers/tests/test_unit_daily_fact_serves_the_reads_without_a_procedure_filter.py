"""Reads without a procedure filter (``dossier-stats``, the unit league, the home pages' month) come from
the unit roll-up and give exactly the figures the procedure-level facts give; a procedure filter still
reads ``DailyFact``."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.cache import cache

from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import DailyFact, Procedure, UnitDailyFact
from cchc.dossiers.rankings import unit_league
from cchc.dossiers.stats import unit_stats
from cchc.dossiers.tests.fact_helpers import varied_dossier
from cchc.dossiers.tests.import_helpers import as_json, make_catalogue
from cchc.home.figures import ACTIVITY, periods

pytestmark = pytest.mark.django_db

PERIODS = [
    (dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    (dt.date(2022, 3, 1), dt.date(2022, 3, 31)),
    (dt.date(2022, 3, 15), dt.date(2022, 4, 10)),
    (dt.date(2022, 4, 20), dt.date(2022, 4, 20)),
    (dt.date(2022, 6, 1), dt.date(2022, 6, 30)),
]


@pytest.fixture
def year(world):
    make_catalogue()
    rng = random.Random(3)
    objs = [varied_dossier(rng, i) for i in range(200)]
    assert import_bytes(as_json(objs), "a.json", actor=world.users["office"]).ok
    cache.clear()
    yield
    cache.clear()


def test_unit_stats_without_a_filter_equal_the_sums_over_every_procedure(world, year):
    every_procedure = list(Procedure.objects.values_list("pk", flat=True))
    for period in PERIODS:
        rows, total = unit_stats(*period)
        by_procedure_rows, by_procedure_total = unit_stats(*period, procedures=every_procedure)
        assert [r.as_dict() for r in rows] == [r.as_dict() for r in by_procedure_rows], period
        assert total.as_dict() == by_procedure_total.as_dict()
    _, year_total = unit_stats(*PERIODS[0])
    assert (
        year_total.received and year_total.finished and year_total.open_within_time + year_total.open_overdue
    )


def test_the_unit_league_counts_the_same_finished_dossiers_as_the_procedure_level_facts(world, year):
    leader = world.users["leader"]
    for period in PERIODS:
        league = unit_league(leader, *period, min_finished=1)
        got = {r.key: (r.early, r.on_time, r.late) for r in [*league.ranked, *league.too_few]}
        rows, _ = unit_stats(*period, procedures=Procedure.objects.values_list("pk", flat=True))
        expected = {r.unit: (r.early, r.on_time, r.late) for r in rows if r.finished}
        assert got == expected, period


def test_without_a_procedure_filter_the_figures_come_from_the_roll_up_and_with_one_from_daily_facts(
    world, year, settings
):
    settings.CCHC_LEAGUE_CACHE_SECONDS = 0
    leader = world.users["leader"]
    one = [Procedure.objects.get(national_code="1.004227").pk]
    assert unit_stats(*PERIODS[0])[1].received
    with_filter = unit_stats(*PERIODS[0], procedures=one)[1].as_dict()
    assert unit_league(leader, *PERIODS[0]).totals.finished
    UnitDailyFact.objects.all().delete()
    assert DailyFact.objects.exists()
    assert unit_stats(*PERIODS[0])[1].received == 0
    assert unit_league(leader, *PERIODS[0]).totals.finished == 0
    assert unit_stats(*PERIODS[0], procedures=one)[1].as_dict() == with_filter


def test_the_home_pages_fall_back_to_the_previous_month_only_never_to_an_older_one(world, year):
    latest = max(UnitDailyFact.objects.filter(ACTIVITY).values_list("day", flat=True))
    next_month = (latest.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    shown = periods(world.users["leader"], today=next_month + dt.timedelta(days=2))
    assert shown.fallback
    assert shown.month.first == latest.replace(day=1)
    a_year_later = periods(world.users["leader"], today=latest + dt.timedelta(days=400))
    assert not a_year_later.fallback
    assert a_year_later.month.first == (latest + dt.timedelta(days=400)).replace(day=1)
