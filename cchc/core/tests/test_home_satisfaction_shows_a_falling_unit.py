"""Falling satisfaction (product.md's question): the share of citizens' dossier ratings that are
"satisfied" or "very satisfied", this month against the month before, from the surveys app's
``unit_distribution``; a fall is flagged. Each person sees only the units of their survey scope."""

import datetime as dt

import pytest
from django.utils import timezone

from cchc.core.tests.test_home_scene import by_testid, html_of, setup_scene, text
from cchc.surveys.models import DossierRating, RatingLevel, ResponseChannel
from cchc.testing.personas import login_verified


@pytest.fixture
def scene(world, settings, tmp_path):
    return setup_scene(world, settings, tmp_path)


def rate(scene, dossier, level, when):
    DossierRating.objects.create(
        dossier=dossier, level=level, channel=ResponseChannel.LINK, rated_at=when, unit=dossier.handling_unit
    )


@pytest.fixture
def ratings(scene):
    now = timezone.now()
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=3)
    before = timezone.make_aware(dt.datetime.combine(last_month, dt.time(10)))
    p1 = scene.dossiers["p1"]
    rate(scene, p1[0], RatingLevel.VERY_SATISFIED, before)
    rate(scene, p1[1], RatingLevel.SATISFIED, before)
    rate(scene, p1[2], RatingLevel.SATISFIED, now)
    rate(scene, p1[3], RatingLevel.NOT_SATISFIED, now)
    rate(scene, scene.dossiers["p2"][0], RatingLevel.NOT_SATISFIED, now)


def test_the_unit_head_sees_the_wards_satisfaction_fall(client, scene, ratings):
    login_verified(client, scene.world.users["unit_head"])
    doc = html_of(client.get("/"))
    (row,) = by_testid(doc, "satisfaction-row")
    assert "UBND Phường 1" in text(row)
    assert "50,0%" in text(row) and "(2 đánh giá)" in text(row) and "tháng trước 100,0%" in text(row)
    assert by_testid(row, "satisfaction-falling")


def test_the_leader_sees_the_whole_committee(client, scene, ratings):
    login_verified(client, scene.world.users["leader"])
    doc = html_of(client.get("/"))
    (row,) = by_testid(doc, "satisfaction-row")
    # Everything under the city's People's Committee: both wards, 1 satisfied of 3 this month.
    assert "Ủy ban nhân dân thành phố Vũng Tàu" in text(row) and "33,3%" in text(row)
