"""Indicator 5.4 (satisfaction with dossier handling) in the application counts a citizen's "not
satisfied" rating of a dossier, given by the end of the period, like a petition naming it: the dossier
leaves the numerator. A satisfied rating, or one given after the period, changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.dossiers.models import Dossier
from cchc.lib.dossier_period import Period
from cchc.scorecards import ledger766
from cchc.scorecards.tests.ledger_helpers import load
from cchc.surveys.actions.responses import rate_dossier
from cchc.surveys.models import RatingLevel

pytestmark = pytest.mark.django_db

JUNE = Period(dt.date(2022, 6, 1), dt.date(2022, 6, 30))


def _p1_54(world) -> tuple:
    doc = ledger766.city_document(world.jurisdictions["city"], JUNE)
    row = next(u for u in doc["units"] if u["unit"] == "P1")
    (i,) = (i for i in row["indicators"] if i["code"] == "5.4")
    return (i["numerator"], i["denominator"], i["points"])


def _rate(code: str, level: int, day: dt.date) -> None:
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    rate_dossier(Dossier.objects.get(code=code), level, channel="web", at=at)


def test_without_ratings_or_petitions_5_4_counts_only_late_dossiers(world):
    load(world)
    # P1 in June: 7 dossiers, 3 late or overdue (K-02, K-04, K-06): 4 of 7; 6 × (4/7) ÷ 0.9 = 3.81.
    assert _p1_54(world) == (4, 7, 3.81)


def test_a_not_satisfied_rating_of_an_on_time_dossier_takes_it_out_of_the_numerator(world):
    load(world)
    _rate("K-01", RatingLevel.NOT_SATISFIED, dt.date(2022, 6, 9))
    # K-01 was on time; rated "not satisfied": 7 − 3 late − 1 rated = 3 of 7; 6 × (3/7) ÷ 0.9 = 2.86.
    assert _p1_54(world) == (3, 7, 2.86)


def test_satisfied_ratings_and_ratings_after_the_period_change_nothing(world):
    load(world)
    _rate("K-01", RatingLevel.VERY_SATISFIED, dt.date(2022, 6, 9))
    _rate("K-03", RatingLevel.SATISFIED, dt.date(2022, 6, 14))
    _rate("K-07", RatingLevel.NOT_SATISFIED, dt.date(2022, 7, 2))
    assert _p1_54(world) == (4, 7, 3.81)


def test_a_rating_and_a_late_verdict_on_one_dossier_count_twice_as_the_formula_adds_the_shares(world):
    load(world)
    # K-02 is late and rated "not satisfied": the formula subtracts the late share and the rated share.
    _rate("K-02", RatingLevel.NOT_SATISFIED, dt.date(2022, 6, 11))
    assert _p1_54(world) == (3, 7, 2.86)


def test_ratings_are_read_only_for_the_units_of_the_area(world):
    load(world)
    _rate("K-01", RatingLevel.NOT_SATISFIED, dt.date(2022, 6, 9))
    assert [i.dossier for i in ledger766.rating_items(world.jurisdictions["city"])] == ["K-01"]
    assert ledger766.rating_items(world.jurisdictions["p2"]) == []
