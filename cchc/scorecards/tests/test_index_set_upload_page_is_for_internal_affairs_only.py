"""Only Internal Affairs (the reform secretariat) opens the index-set page, uploads a year's set and
downloads a year's file to edit; every other role is refused (403) and a refused upload changes
nothing. A good upload replaces the year's set and gives open cards a row per new criterion."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cchc.core.models import AuditEvent
from cchc.scorecards.audit_events import ScorecardsEvents
from cchc.scorecards.models import IndexVersion
from cchc.scorecards.tests.card_helpers import open_year
from cchc.scorecards.tests.index_set_helpers import good, text
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db

OTHERS = [
    "leader",
    "office",
    "auditor",
    "unit_head",
    "ward_officer",
    "other_ward_officer",
    "one_stop",
    "front",
]


def _client(world, persona):
    return login_verified(Client(), world.users[persona])


def _upload(doc, year="2022"):
    return {
        "nam": year,
        "file": SimpleUploadedFile("city-2023.json", text(doc).encode(), "application/json"),
    }


@pytest.mark.parametrize("persona", OTHERS)
def test_other_roles_are_refused_and_change_nothing(world, persona):
    open_year(world)
    before = list(IndexVersion.objects.values_list("pk", "text"))
    c = _client(world, persona)
    assert c.get(reverse("scorecards:index_sets")).status_code == 403
    assert c.get(reverse("scorecards:index_set_file", args=[2022])).status_code == 403
    assert c.post(reverse("scorecards:index_sets"), _upload(good())).status_code == 403
    assert list(IndexVersion.objects.values_list("pk", "text")) == before


def test_internal_affairs_sees_each_year_and_downloads_its_file(world):
    cards = open_year(world)
    c = _client(world, "secretariat")
    page = c.get(reverse("scorecards:index_sets"))
    assert page.status_code == 200
    assert "Năm 2022" in page.content.decode()
    file = c.get(reverse("scorecards:index_set_file", args=[2022]))
    assert file.status_code == 200
    assert file.content.decode() == cards["p1"].version.text
    assert c.get(reverse("scorecards:index_set_file", args=[2031])).status_code == 404


def test_a_good_upload_replaces_the_year_and_opens_rows_for_new_criteria(world):
    cards = open_year(world)
    c = _client(world, "secretariat")
    r = c.post(reverse("scorecards:index_sets"), _upload(good()))
    assert r.status_code == 302
    version = IndexVersion.objects.get(year=2022)
    assert version.file_name == "city-2023.json" and '"Tự kiểm tra CCHC"' in version.text
    assert {"1.1", "1.2"} <= set(cards["p1"].scores.values_list("code", flat=True))
    assert AuditEvent.objects.filter(
        verb=ScorecardsEvents.VERSION_LOADED, actor=world.users["secretariat"]
    ).exists()
    page = c.get(reverse("scorecards:index_sets")).content.decode()
    assert "Bộ chỉ số CCHC thành phố năm 2023" in page


def test_a_new_year_can_be_loaded_before_any_card(world):
    c = _client(world, "secretariat")
    assert c.post(reverse("scorecards:index_sets"), _upload(good(), "2023")).status_code == 302
    assert IndexVersion.objects.get().year == 2023
