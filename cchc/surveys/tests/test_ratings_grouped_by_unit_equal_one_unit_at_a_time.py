"""``unit_distributions`` (every unit, several periods, two queries) gives, for every unit, exactly what
``unit_distribution`` gives one unit at a time: the ratings of the unit and the units below it."""

import datetime as dt

from django.utils import timezone

from cchc.dossiers.tests.factories import dossier as make_dossier
from cchc.org.models import Unit
from cchc.surveys.models import DossierRating, RatingLevel, ResponseChannel
from cchc.surveys.ratings import unit_distribution, unit_distributions

MARCH = (dt.date(2022, 3, 1), dt.date(2022, 3, 31))
APRIL = (dt.date(2022, 4, 1), dt.date(2022, 4, 30))


def _rate(world, code, unit_key, level, day):
    d = make_dossier(world, code, received=timezone.make_aware(dt.datetime(2022, 2, 20, 9)))
    d.handling_unit = world.units[unit_key]
    d.save(update_fields=["handling_unit"])
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(23, 30)))  # late evening: local-day edges
    DossierRating.objects.create(
        dossier=d, level=level, channel=ResponseChannel.LINK, rated_at=at, unit=d.handling_unit
    )


def test_grouped_distributions_equal_the_one_unit_reads(world):
    plan = [
        ("p1", RatingLevel.VERY_SATISFIED, dt.date(2022, 3, 31)),
        ("p1", RatingLevel.NOT_SATISFIED, dt.date(2022, 4, 1)),
        ("p1_mc", RatingLevel.SATISFIED, dt.date(2022, 4, 30)),
        ("p2", RatingLevel.SATISFIED, dt.date(2022, 3, 15)),
        ("p2", RatingLevel.NOT_SATISFIED, dt.date(2022, 5, 1)),  # outside both periods
    ]
    for i, (unit, level, day) in enumerate(plan):
        _rate(world, f"RATED-{i}", unit, level, day)
    units = Unit.objects.all()
    (march, april), rated = unit_distributions(units, [MARCH, APRIL])
    for u in units:
        assert march[u.pk] == unit_distribution(u, *MARCH), u.name
        assert april[u.pk] == unit_distribution(u, *APRIL), u.name
    assert april[world.units["p1"].pk].total == 2  # its own rating and its one-stop office's
    assert rated == {world.units[k].pk for k in ("p1", "p1_mc", "p2")}
