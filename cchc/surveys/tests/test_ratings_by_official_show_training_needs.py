"""The three-level rating of a dossier is counted for its handling officials; the officials' page
shows who needs training, hides officials with too few ratings, and is closed to fellow officers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.surveys.actions.responses import rate_dossier
from cchc.surveys.models import RatingLevel
from cchc.surveys.ratings import officials, unit_distribution
from cchc.surveys.tests.conftest import URLS, make_dossier
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)


def rate(world, n, level):
    now = timezone.now()
    for i in range(n):
        rate_dossier(
            make_dossier(world, f"R-{level}-{i}"), level, channel="link", at=now - dt.timedelta(days=1)
        )


def test_ratings_are_counted_per_official_and_training_is_suggested_from_the_threshold(world, settings):
    settings.CCHC_SURVEY_OFFICIAL_MIN_RATINGS = 5
    rate(world, 4, RatingLevel.VERY_SATISFIED)
    rate(world, 4, RatingLevel.SATISFIED)
    rate(world, 2, RatingLevel.NOT_SATISFIED)
    from cchc.org.models import Official

    today = timezone.localdate()
    table = officials(Official.objects.all(), today - dt.timedelta(days=30), today)
    rows = {r.official.code: r for r in table.rows}
    assert set(rows) == {"CB-P1-MC", "CB-P1-CV"}  # the two officials on every dossier's steps
    row = rows["CB-P1-CV"]
    assert (row.dist.very, row.dist.satisfied, row.dist.not_satisfied) == (4, 4, 2)
    assert row.dist.not_share == 20.0 and row.training  # 20 % ≥ 15 %
    assert row.ci[0] < 20 < row.ci[1]
    assert unit_distribution(world.units["p1"], today - dt.timedelta(days=30), today).total == 10


def test_officials_with_few_ratings_are_not_shown_one_by_one(world, settings):
    settings.CCHC_SURVEY_OFFICIAL_MIN_RATINGS = 10
    rate(world, 3, RatingLevel.NOT_SATISFIED)
    from cchc.org.models import Official

    today = timezone.localdate()
    table = officials(Official.objects.all(), today - dt.timedelta(days=30), today)
    assert table.rows == [] and table.hidden == 2 and table.hidden_ratings == 6


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("secretariat", 200),
        ("leader", 200),
        ("unit_head", 200),
        ("ward_officer", 403),
        ("one_stop", 403),
        ("front", 403),
    ],
)
def test_the_officials_page_is_for_heads_and_the_secretariat_not_fellow_officers(
    client, world, persona, status
):
    login_verified(client, world.users[persona])
    assert client.get(reverse("surveys:officials")).status_code == status


def test_a_ward_head_sees_only_the_officials_of_the_ward(client, world, settings):
    from cchc.dossiers.tests.factories import StepSpec, at

    settings.CCHC_SURVEY_OFFICIAL_MIN_RATINGS = 1
    rate(world, 2, RatingLevel.SATISFIED)
    p2 = make_dossier(
        world,
        "R-P2",
        handling="p2",
        receiving="p2",
        steps=[StepSpec("p2", "other_ward_officer", at(2022, 6, 1))],
    )
    rate_dossier(p2, RatingLevel.NOT_SATISFIED, channel="link", at=timezone.now())
    login_verified(client, world.users["unit_head"])
    html = client.get(reverse("surveys:officials")).content.decode()
    assert "Trần Thị Bình" in html and "Đỗ Văn Cường" not in html
    login_verified(client, world.users["secretariat"])
    assert "Đỗ Văn Cường" in client.get(reverse("surveys:officials")).content.decode()
