"""Keying in paper survey forms and reconciling two entries that disagree, with English chosen: the
pages, the messages and the refusals are English; the round's name, the questions, the units and the
values read off the paper are Vietnamese data, marked ``lang="vi"``. With Vietnamese, the same pages
read as before."""

import datetime as dt

import pytest
from django.urls import reverse

from cchc.surveys.actions import paper
from cchc.surveys.collection import Answers
from cchc.surveys.tests.conftest import URLS
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)
DAY = dt.date(2022, 9, 12)


def _english(page: str, where: str) -> None:
    assert '<html lang="en">' in page, where
    assert not vietnamese_shown(page), (where, vietnamese_shown(page))


def _enter(world, campaign, who, answers, day=DAY):
    return paper.enter(
        world.users[who],
        campaign,
        serial="P1-0042",
        unit=world.units["p1"],
        filled_on=day,
        answers=Answers(answers=answers),
    )


def test_keying_in_a_paper_form_reads_in_english(client, world, campaign):
    login_verified(client, world.users["one_stop"])
    choose_english(client)
    url = reverse("surveys:paper_entry")
    _english(client.get(url).content.decode(), "entry")
    body = {"campaign": campaign.pk, "serial": "7", "unit": world.units["p1"].pk, "filled_on": "12/09/2022"}
    page = client.post(url, body).content.decode()
    _english(page, "no answers")
    response = client.post(url, body | {"q_E1.1": "4"}, follow=True)
    page = response.content.decode()
    assert "Someone else must key it in a second time" in page
    _english(page, "first entry")
    page = client.post(url, body | {"q_E1.1": "4"}).content.decode()
    assert "second entry must be made by someone else" in page
    _english(page, "same person twice")


def test_reconciling_two_entries_reads_in_english(client, world, campaign):
    _enter(world, campaign, "one_stop", {"E1.1": 4, "E2.1": 5})
    form = _enter(world, campaign, "secretariat", {"E1.1": 4, "E2.1": 3}, day=DAY + dt.timedelta(days=1))
    login_verified(client, world.users["secretariat"])
    choose_english(client)
    url = reverse("surveys:paper_reconcile", args=[form.pk])
    page = client.get(url).content.decode()
    assert "Question E2.1" in page
    _english(page, "reconcile")
    body = {"serial": form.serial, "unit": world.units["p1"].pk, "filled_on": "12/09/2022", "q_E1.1": "4"}
    response = client.post(url, body | {"q_E2.1": "5"}, follow=True)
    _english(response.content.decode(), "reconciled")


def test_vietnamese_stays_the_default(client, world, campaign):
    _enter(world, campaign, "one_stop", {"E1.1": 4, "E2.1": 5})
    form = _enter(world, campaign, "secretariat", {"E1.1": 4, "E2.1": 3})
    login_verified(client, world.users["secretariat"])
    page = client.get(reverse("surveys:paper_reconcile", args=[form.pk])).content.decode()
    assert '<html lang="vi">' in page and "Câu E2.1" in page and "Đối chiếu phiếu giấy số" in page
