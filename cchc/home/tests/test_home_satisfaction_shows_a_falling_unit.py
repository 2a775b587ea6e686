"""Falling satisfaction (the leader's question): the share of citizens' dossier ratings that are
"satisfied" or "very satisfied", this month against the month before, from the surveys app's
``unit_distribution``; a fall beyond sampling noise is flagged. Each person sees only the units of
their survey scope."""

import datetime as dt

import pytest
from django.utils import timezone

from cchc.dossiers.tests.factories import dossier as make_dossier
from cchc.home.leader_panels import significant_fall
from cchc.home.tests.test_home_scene import by_testid, html_of, setup_scene, text
from cchc.surveys.models import DossierRating, RatingLevel, ResponseChannel
from cchc.surveys.ratings import Distribution
from cchc.testing.personas import login_verified


@pytest.fixture
def scene(world, settings, tmp_path):
    return setup_scene(world, settings, tmp_path)


def rate(d, level, when):
    DossierRating.objects.create(
        dossier=d, level=level, channel=ResponseChannel.LINK, rated_at=when, unit=d.handling_unit
    )


@pytest.fixture
def ratings(scene):
    """Phường 1: 10 of 10 satisfied last month, 3 of 10 this month; Phường 2: 1 not satisfied now."""
    now = timezone.now()
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=3)
    before = timezone.make_aware(dt.datetime.combine(last_month, dt.time(10)))
    for i in range(10):
        earlier = make_dossier(scene.world, f"HOME-P1-RATED-{i}", received=before - dt.timedelta(days=4))
        rate(earlier, RatingLevel.SATISFIED, before)
    for i, d in enumerate(scene.dossiers["p1"]):
        rate(d, RatingLevel.VERY_SATISFIED if i < 3 else RatingLevel.NOT_SATISFIED, now)
    rate(scene.dossiers["p2"][0], RatingLevel.NOT_SATISFIED, now)


def test_the_unit_head_sees_the_wards_satisfaction_fall(client, scene, ratings):
    login_verified(client, scene.world.users["unit_head"])
    doc = html_of(client.get("/"))
    (row,) = by_testid(doc, "satisfaction-row")
    assert "UBND Phường 1" in text(row)
    assert "30,0%" in text(row) and "(10 đánh giá)" in text(row) and "tháng trước 100,0%" in text(row)
    assert by_testid(row, "satisfaction-falling")


def test_the_leader_sees_the_whole_committee(client, scene, ratings):
    login_verified(client, scene.world.users["leader"])
    doc = html_of(client.get("/"))
    (row,) = by_testid(doc, "satisfaction-row")
    # Everything under the city's People's Committee: both wards, 3 satisfied of 11 this month.
    assert "Ủy ban nhân dân thành phố Vũng Tàu" in text(row) and "27,3%" in text(row)


def test_a_drop_within_sampling_noise_is_not_called_a_fall():
    assert not significant_fall(Distribution(100, 61, 13), Distribution(120, 80, 15))  # 92,5 % after 93,0 %
    assert not significant_fall(Distribution(1, 0, 1), Distribution(2, 0, 0))  # 50 % of 2 after 100 % of 2
    assert significant_fall(Distribution(3, 0, 7), Distribution(0, 10, 0))  # 30 % of 10 after 100 % of 10
    assert not significant_fall(Distribution(0, 0, 0), Distribution(0, 10, 0))  # no ratings: no verdict


def within(element, testid):
    return element.xpath(f'.//*[@data-testid="{testid}"]')


def _slipping_row(doc, unit_name):
    for row in by_testid(doc, "slipping-row"):
        if unit_name in text(within(row, "slipping-unit")[0]):
            return row
    return None


def test_the_leaders_table_shows_each_wards_satisfaction_and_flags_the_fall(client, scene, ratings):
    login_verified(client, scene.world.users["leader"])
    doc = html_of(client.get("/"))
    p1 = _slipping_row(doc, "UBND Phường 1")
    (cell,) = within(p1, "slipping-satisfaction")
    assert "30,0%" in text(cell) and "10 đánh giá" in text(cell) and "tháng trước 100,0%" in text(cell)
    assert within(cell, "slipping-satisfaction-falling")
    p2 = _slipping_row(doc, "UBND Phường 2")
    (cell,) = within(p2, "slipping-satisfaction")
    assert "0,0%" in text(cell) and not within(
        cell, "slipping-satisfaction-falling"
    )  # one rating: no verdict
    # The committee at the top holds every rating but handles none itself: never a row.
    assert _slipping_row(doc, "Ủy ban nhân dân thành phố Vũng Tàu") is None


def test_a_fall_alone_puts_a_unit_in_the_table_and_counts_as_an_area(world, scene):
    """Phường 3 has nothing late, but its satisfaction fell: it gets a row behind in one area."""
    from cchc.home.figures import periods
    from cchc.home.leader_panels import slipping_units
    from cchc.org.models import Unit

    p1 = world.units["p1"]
    p3 = Unit.objects.create(
        jurisdiction=p1.jurisdiction, parent=p1.parent, code="P3-TEST", name="UBND Phường 3", kind=p1.kind
    )
    now = timezone.now()
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=3)
    before = timezone.make_aware(dt.datetime.combine(last_month, dt.time(10)))
    for i in range(10):
        d = make_dossier(world, f"HOME-P3-RATED-{i}", received=before - dt.timedelta(days=4))
        d.handling_unit = p3
        d.save(update_fields=["handling_unit"])
        rate(d, RatingLevel.SATISFIED, before)
        later = make_dossier(world, f"HOME-P3-NOW-{i}", received=now - dt.timedelta(days=1))
        later.handling_unit = p3
        later.save(update_fields=["handling_unit"])
        rate(later, RatingLevel.SATISFIED if i < 3 else RatingLevel.NOT_SATISFIED, now)
    leader = world.users["leader"]
    rows = slipping_units(leader, periods(leader))
    (row,) = [r for r in rows.rows if r.unit == p3]
    assert row.satisfaction_falling and row.areas == 1
    assert (row.tasks.value, row.petitions.value, row.month.late) == (0, 0, 0)
