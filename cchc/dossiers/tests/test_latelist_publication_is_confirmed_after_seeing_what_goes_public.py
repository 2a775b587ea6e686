"""Nothing personal becomes public without a look at it first: approving the monthly list "with
publication", or publishing an approved one, shows exactly the names and counts the public site will
show, and only a second, explicit confirmation publishes; backing out, or approving only, publishes
nothing."""

import datetime as dt

import pytest

from cchc.dossiers.actions.late_lists import approve_late_list, draft_late_list
from cchc.dossiers.models import LateListStatus
from cchc.dossiers.tests.factories import add_facts, build_ledger
from cchc.testing.personas import login_verified

JUNE = dt.date(2022, 6, 1)
PUBLIC = "/cong-khai/danh-sach-tre-han/"


@pytest.fixture
def draft(world):
    add_facts(build_ledger(world).all)
    return draft_late_list(world.users["office"], JUNE)


def test_the_confirmation_page_shows_the_names_and_counts_that_will_be_public(client, world, draft):
    login_verified(client, world.users["leader"])
    html = client.post(f"/ho-so/danh-sach-tre-han/{draft.pk}/phe-duyet/", {"publish": "on"}).content.decode()
    assert 'data-testid="confirm-preview"' in html
    assert "Trần Thị Bình — UBND Phường 1</span>: 1 hồ sơ trễ hạn" in html
    assert 'data-testid="confirm-official-count">1<' in html and 'data-testid="confirm-unit-count">1<' in html
    draft.refresh_from_db()
    assert draft.status == LateListStatus.DRAFT and draft.approved_at is None


def test_approving_only_publishes_nothing_and_needs_no_confirmation(client, world, draft):
    login_verified(client, world.users["leader"])
    client.post(f"/ho-so/danh-sach-tre-han/{draft.pk}/phe-duyet/", {})
    draft.refresh_from_db()
    assert draft.status == LateListStatus.APPROVED and draft.published_at is None
    assert "Trần Thị Bình" not in client.get(PUBLIC).content.decode()


def test_publishing_an_approved_list_is_confirmed_too(client, world, draft):
    approve_late_list(world.users["leader"], draft, publish=False)
    login_verified(client, world.users["office"])
    html = client.post(f"/ho-so/danh-sach-tre-han/{draft.pk}/cong-khai/", {}).content.decode()
    assert "Xác nhận công khai" in html and "Trần Thị Bình" in html
    draft.refresh_from_db()
    assert draft.status == LateListStatus.APPROVED
    client.post(f"/ho-so/danh-sach-tre-han/{draft.pk}/cong-khai/", {"confirmed": "1"})
    draft.refresh_from_db()
    assert draft.status == LateListStatus.PUBLISHED
    assert "Trần Thị Bình" in client.get(PUBLIC).content.decode()


@pytest.mark.parametrize("persona", ["office", "secretariat", "auditor"])
def test_those_who_may_not_approve_never_see_a_confirmation_and_change_nothing(client, world, draft, persona):
    login_verified(client, world.users[persona])
    response = client.post(f"/ho-so/danh-sach-tre-han/{draft.pk}/phe-duyet/", {"publish": "on"}, follow=True)
    assert 'data-testid="confirm-form"' not in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == LateListStatus.DRAFT
