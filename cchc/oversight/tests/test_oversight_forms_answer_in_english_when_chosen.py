"""The oversight forms with English chosen: an ad-hoc inspection and opening a case read in English, and
what they or the steps of a visit refuse is said in English, naming the field ("Choose the unit.");
with Vietnamese, the same refusals read exactly as before ("Cần chọn đơn vị.")."""

import pytest
from django.urls import reverse

from cchc.oversight.models import Inspection
from cchc.oversight.tests.scene import one_stop, started_visit
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspector(client, world):
    login_verified(client, world.users["secretariat"])
    return client


def test_the_ad_hoc_inspection_and_the_case_form_read_in_english(inspector):
    choose_english(inspector)
    for name in ("oversight:ad_hoc", "oversight:case_create"):
        page = inspector.get(reverse(name)).content.decode()
        assert '<html lang="en">' in page, name
        assert not vietnamese_shown(page), (name, vietnamese_shown(page))


def test_an_ad_hoc_inspection_refused_names_its_field_in_english(inspector, world):
    choose_english(inspector)
    before = Inspection.objects.count()
    response = inspector.post(reverse("oversight:ad_hoc"), {"reason": "x"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the unit." in page
    assert not vietnamese_shown(page), vietnamese_shown(page)
    data = {
        "unit": world.units["p1"].pk,
        "template": one_stop().pk,
        "planned_on": "2024-13-40",
        "reason": "x",
    }
    page = inspector.post(reverse("oversight:ad_hoc"), data).content.decode()
    assert "The inspection date is not a valid date." in page
    data["planned_on"] = "0001-01-01"
    page = inspector.post(reverse("oversight:ad_hoc"), data).content.decode()
    assert "The inspection date: The date 01/01/0001 is outside the plausible range" in page
    assert Inspection.objects.count() == before


def test_a_step_of_the_visit_refused_says_why_in_english(inspector, world):
    insp = started_visit(world)
    choose_english(inspector)
    response = inspector.post(reverse("oversight:answer", args=[insp.pk]), {"code": "ZZ-99", "result": "dat"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Item &#x27;ZZ-99&#x27; is not on this inspection&#x27;s checklist." in page
    assert '<html lang="en">' in page
    assert not vietnamese_shown(page), vietnamese_shown(page)


def test_the_same_refusals_stay_vietnamese_by_default(inspector, world):
    page = inspector.post(reverse("oversight:ad_hoc"), {"reason": "x"}).content.decode()
    assert "Cần chọn đơn vị." in page
    data = {
        "unit": world.units["p1"].pk,
        "template": one_stop().pk,
        "planned_on": "2024-13-40",
        "reason": "x",
    }
    page = inspector.post(reverse("oversight:ad_hoc"), data).content.decode()
    assert "Ngày kiểm tra không phải là ngày hợp lệ." in page
