"""The forms that change units, officials and heads, with English chosen: the page, its labels and the
errors of the form and of the action behind it are English (names of units and people aside, marked
``lang="vi"``); with Vietnamese, the same errors read exactly as before."""

import pytest
from django.urls import reverse

from cchc.org.models import Official, Unit
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client, world):
    login_verified(client, world.users["secretariat"])
    return client


def _pages(world):
    unit = world.units["p1"]
    official = Official.objects.filter(unit=unit, is_active=True).first()
    assert official is not None
    head = unit.heads.first()
    pages = [
        reverse("org:unit_create"),
        reverse("org:unit_edit", args=[unit.pk]),
        reverse("org:unit_close", args=[unit.pk]),
        reverse("org:unit_merge", args=[unit.pk]),
        reverse("org:unit_delete", args=[unit.pk]),
        reverse("org:unit_set_head", args=[unit.pk]),
        reverse("org:official_create"),
        reverse("org:official_edit", args=[official.pk]),
        reverse("org:official_deactivate", args=[official.pk]),
    ]
    if head is not None:
        pages.append(reverse("org:head_end", args=[unit.pk, head.pk]))
    return pages


def test_every_org_form_reads_in_english(secretariat, world):
    choose_english(secretariat)
    for url in _pages(world):
        page = secretariat.get(url).content.decode()
        assert '<html lang="en">' in page, url
        assert not vietnamese_shown(page), (url, vietnamese_shown(page))


def test_a_unit_refused_by_the_form_or_the_action_is_told_why_in_english(secretariat, world):
    choose_english(secretariat)
    unit = world.units["p1"]
    data = {"code": "ZZ", "name": "", "kind": "other", "jurisdiction": unit.jurisdiction_id}
    page = secretariat.post(reverse("org:unit_create"), data).content.decode()
    assert "This field is required." in page
    assert not vietnamese_shown(page), vietnamese_shown(page)
    data |= {"name": "To", "valid_from": "2024-05-01", "valid_to": "2024-01-01"}
    page = secretariat.post(reverse("org:unit_create"), data).content.decode()
    assert "The end date of validity must come after its start date." in page
    assert not vietnamese_shown(page), vietnamese_shown(page)
    assert not Unit.objects.filter(code="ZZ").exists()


def test_a_date_typed_wrong_is_refused_in_english(secretariat, world):
    choose_english(secretariat)
    unit = world.units["p1"]
    page = secretariat.post(
        reverse("org:unit_close", args=[unit.pk]), {"last_day": "31/02/2024"}
    ).content.decode()
    assert "The date is not valid (dd/mm/yyyy)." in page
    assert not vietnamese_shown(page), vietnamese_shown(page)


def test_the_same_refusal_stays_vietnamese_by_default(secretariat, world):
    unit = world.units["p1"]
    data = {"code": "ZZ", "name": "Tổ", "kind": "other", "jurisdiction": unit.jurisdiction_id}
    data |= {"valid_from": "2024-05-01", "valid_to": "2024-01-01"}
    page = secretariat.post(reverse("org:unit_create"), data).content.decode()
    assert "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực." in page
    page = secretariat.post(
        reverse("org:unit_close", args=[unit.pk]), {"last_day": "31/02/2024"}
    ).content.decode()
    assert "Ngày không hợp lệ (dd/mm/yyyy)." in page
