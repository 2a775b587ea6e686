"""Drafting a periodic report (/bao-cao/dinh-ky/lap/) with English chosen: a period that does not exist
is refused in English on the list of periodic reports, and a good one opens the draft in English; with
Vietnamese the same refusals read as before."""

import pytest

from cchc.reports.models import PeriodicReport
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db
URL = "/bao-cao/dinh-ky/lap/"


def _english(page: str, where: str) -> None:
    assert '<html lang="en">' in page, where
    assert not vietnamese_shown(page), (where, vietnamese_shown(page))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"kind": "half", "year": "2022", "part": "3"}, "Period 3 does not exist"),
        ({"kind": "quarter", "year": "20x2", "part": "1"}, "must be a number"),
        ({"kind": "quarter", "year": "1800", "part": "1"}, "too small"),
    ],
)
def test_an_impossible_period_is_refused_in_english(world, client, body, message):
    login_verified(client, world.users["office"])
    choose_english(client)
    response = client.post(URL, body)
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    _english(page, message)
    assert not PeriodicReport.objects.exists()


def test_a_good_period_opens_the_draft_in_english(world, client):
    login_verified(client, world.users["ward_officer"])
    choose_english(client)
    response = client.post(URL, {"kind": "quarter", "year": "2022", "part": "2"}, follow=True)
    assert response.status_code == 200 and PeriodicReport.objects.count() == 1
    _english(response.content.decode(), "draft")


def test_vietnamese_stays_the_default(world, client):
    login_verified(client, world.users["office"])
    page = client.post(URL, {"kind": "half", "year": "2022", "part": "3"}).content.decode()
    assert '<html lang="vi">' in page and "Kỳ 3 không có trong loại báo cáo đã chọn." in page
