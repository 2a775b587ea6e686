"""Paper forms keyed in twice by two different people: matching entries are stored, mismatches are
listed for reconciliation against the paper, and nothing counts before."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cchc.surveys.actions import paper
from cchc.surveys.collection import Answers
from cchc.surveys.models import PaperStatus, Response, ResponseChannel
from cchc.surveys.tests.conftest import URLS
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)
DAY = dt.date(2022, 9, 12)


def enter(world, campaign, who, answers, serial="P1-0042", unit="p1", day=DAY):
    return paper.enter(
        world.users[who],
        campaign,
        serial=serial,
        unit=world.units[unit],
        filled_on=day,
        answers=Answers(answers=answers),
    )


def test_two_matching_entries_store_one_paper_response_dated_on_the_form(world, campaign):
    form = enter(world, campaign, "one_stop", {"E1.1": 4, "E2.1": 5})
    assert form.status == PaperStatus.AWAITING_SECOND and not Response.objects.exists()
    form = enter(world, campaign, "secretariat", {"E1.1": 4, "E2.1": 5})
    assert form.status == PaperStatus.MATCHED
    r = Response.objects.get()
    assert r.channel == ResponseChannel.PAPER and r.answers == {"E1.1": 4, "E2.1": 5}
    assert r.submitted_at.date() == DAY and r.entered_by == world.users["secretariat"]


def test_the_second_entry_must_be_someone_else(world, campaign):
    enter(world, campaign, "one_stop", {"E1.1": 4})
    with pytest.raises(ValidationError) as err:
        enter(world, campaign, "one_stop", {"E1.1": 4})
    assert "người khác" in str(err.value)


def test_a_mismatch_lists_every_differing_cell_and_stores_nothing(world, campaign):
    enter(world, campaign, "one_stop", {"E1.1": 4, "E2.1": 5, "E3.1": 2})
    form = enter(world, campaign, "secretariat", {"E1.1": 4, "E2.1": 3}, day=DAY + dt.timedelta(days=1))
    assert form.status == PaperStatus.MISMATCH and not Response.objects.exists()
    cells = {d["field"]: (d["first"], d["second"]) for d in form.mismatches}
    assert cells == {
        "filled_on": ("12/09/2022", "13/09/2022"),
        "q_E2.1": ("5", "3"),
        "q_E3.1": ("2", "(để trống)"),
    }


def test_a_mismatched_form_is_reconciled_against_the_paper(client, world, campaign):
    enter(world, campaign, "one_stop", {"E1.1": 4, "E2.1": 5})
    form = enter(world, campaign, "secretariat", {"E1.1": 4, "E2.1": 3})
    login_verified(client, world.users["secretariat"])
    page = client.get(reverse("surveys:paper_reconcile", args=[form.pk])).content.decode()
    assert "Câu E2.1" in page
    response = client.post(
        reverse("surveys:paper_reconcile", args=[form.pk]),
        {
            "serial": form.serial,
            "unit": world.units["p1"].pk,
            "filled_on": "12/09/2022",
            "q_E1.1": "4",
            "q_E2.1": "5",
        },
    )
    assert response.status_code == 302
    form.refresh_from_db()
    assert form.status == PaperStatus.RESOLVED and form.response.answers == {"E1.1": 4, "E2.1": 5}


def test_a_form_entered_twice_already_cannot_be_entered_again(world, campaign):
    enter(world, campaign, "one_stop", {"E1.1": 4})
    enter(world, campaign, "secretariat", {"E1.1": 4})
    with pytest.raises(ValidationError) as err:
        enter(world, campaign, "one_stop", {"E1.1": 4})
    assert "đã được nhập đủ hai lần" in str(err.value)


def test_the_entry_screen_keys_a_form_and_reports_a_bad_cell(client, world, campaign):
    login_verified(client, world.users["one_stop"])
    url = reverse("surveys:paper_entry")
    bad = client.post(
        url,
        {
            "campaign": campaign.pk,
            "serial": "7",
            "unit": world.units["p1"].pk,
            "filled_on": "12/09/2022",
            "q_E1.1": "7",
        },
    )
    assert bad.status_code == 400 and "E1.1" in bad.content.decode()
    ok = client.post(
        url,
        {
            "campaign": campaign.pk,
            "serial": "7",
            "unit": world.units["p1"].pk,
            "filled_on": "12/09/2022",
            "q_E1.1": "4",
        },
    )
    assert ok.status_code == 302
    assert campaign.paper_forms.get(serial="7").status == PaperStatus.AWAITING_SECOND


def test_a_one_stop_officer_cannot_key_forms_for_another_ward(world, campaign):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        enter(world, campaign, "one_stop", {"E1.1": 4}, unit="p2")
