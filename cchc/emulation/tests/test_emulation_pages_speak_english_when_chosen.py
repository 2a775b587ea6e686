"""Emulation rounds with English chosen: the years, a round with its tally and cards, one entry with its
criteria and the council's change read in English (units, people, criteria and their evidence are
Vietnamese data, marked ``lang="vi"``); a change refused says why in English."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cchc.emulation import actions
from cchc.emulation.models import Grade, Kind
from cchc.emulation.tests import scene
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def rnd(world, directive, settings):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 10
    scene.build(world, directive)
    return scene.proposed(world)


def test_the_emulation_pages_read_in_english(client, world, rnd):
    entry = rnd.entries.get(unit__code="VP", kind=Kind.UNIT)
    actions.adjust(world.users["secretariat"], entry, grade=Grade.DONE, title="", reason="Hội đồng xét lại")
    head = rnd.entries.filter(kind=Kind.HEAD).first()
    login_verified(client, world.users["secretariat"])
    choose_english(client)
    urls = [
        reverse("emulation:index"),
        reverse("emulation:round", args=[rnd.pk]),
        reverse("emulation:entry", args=[rnd.pk, entry.pk]),
    ]
    if head is not None:
        urls.append(reverse("emulation:entry", args=[rnd.pk, head.pk]))
    for url in urls:
        page = client.get(url).content.decode()
        assert '<html lang="en">' in page, url
        assert not vietnamese_shown(page), (url, vietnamese_shown(page))


def test_a_year_typed_wrong_is_refused_in_english(client, world, rnd):
    login_verified(client, world.users["secretariat"])
    choose_english(client)
    page = client.post(reverse("emulation:propose"), {"year": "20x5"}).content.decode()
    assert "The year assessed must be a four-digit number from 2000 to" in page
    assert not vietnamese_shown(page), vietnamese_shown(page)
