"""The steps of the monthly late list (drafting, approving, the confirmation that shows what becomes
public, publishing, withdrawing) and the apology letter's form, with English chosen: the pages, their
messages and refusals are English (units, people and the letter's own Vietnamese text aside, marked
``lang="vi"``); with Vietnamese, the same pages and messages read exactly as before."""

import datetime as dt

import pytest
from django.urls import reverse

from cchc.dossiers.actions.late_lists import approve_late_list, draft_late_list
from cchc.dossiers.models import LateListStatus
from cchc.dossiers.tests.factories import add_facts, build_ledger
from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db

JUNE = dt.date(2022, 6, 1)


@pytest.fixture
def ledger(world):
    ledger = build_ledger(world)
    add_facts(ledger.all)
    return ledger


@pytest.fixture
def draft(world, ledger):
    return draft_late_list(world.users["office"], JUNE)


def _english(page: str) -> None:
    assert '<html lang="en">' in page
    assert not vietnamese_shown(page), vietnamese_shown(page)


def test_the_confirmation_before_publication_reads_in_english(client, world, draft):
    login_verified(client, world.users["leader"])
    choose_english(client)
    page = client.post(
        reverse("dossiers:latelist_approve", args=[draft.pk]), {"publish": "on"}
    ).content.decode()
    assert 'data-testid="confirm-preview"' in page and "Confirm approval and publication" in page
    _english(page)
    approve_late_list(world.users["leader"], draft, publish=False)
    login_verified(client, world.users["office"])
    choose_english(client)
    page = client.post(reverse("dossiers:latelist_publish", args=[draft.pk]), {}).content.decode()
    assert 'data-testid="confirm-form"' in page
    _english(page)


def test_each_step_tells_its_outcome_in_english(client, world, ledger):
    login_verified(client, world.users["office"])
    choose_english(client)
    page = client.post(reverse("dossiers:latelist_draft"), {"month": "2022-06"}, follow=True).content.decode()
    assert "Draft list for 06/2022 prepared." in page
    _english(page)
    page = client.post(reverse("dossiers:latelist_draft"), {"month": "2022-13"}, follow=True).content.decode()
    assert "has no month 13" in page
    _english(page)
    draft = draft_late_list(world.users["office"], JUNE)
    page = client.post(
        reverse("dossiers:latelist_approve", args=[draft.pk]), {}, follow=True
    ).content.decode()
    assert "leaders may approve the list of late dossiers" in page
    _english(page)
    login_verified(client, world.users["leader"])
    choose_english(client)
    page = client.post(
        reverse("dossiers:latelist_approve", args=[draft.pk]), {}, follow=True
    ).content.decode()
    assert "List approved (not published)." in page
    _english(page)
    url = reverse("dossiers:latelist_withdraw", args=[draft.pk])
    page = client.post(url, {"reason": "x"}, follow=True).content.decode()
    assert "at least 5 characters" in page
    _english(page)
    page = client.post(url, {"reason": "Số liệu tháng 6 sai"}, follow=True).content.decode()
    assert "List withdrawn" in page
    _english(page)
    draft.refresh_from_db()
    assert draft.status == LateListStatus.WITHDRAWN


def test_the_apology_form_reads_in_english_and_keeps_the_letter_vietnamese(client, world, ledger):
    login_verified(client, world.users["one_stop"])
    choose_english(client)
    url = reverse("dossiers:apology_new", args=[ledger.overdue.code])
    page = client.get(url).content.decode()
    assert "Apology letter" in page
    _english(page)
    page = client.post(url, {"reason": "", "new_date": "", "new_time": ""}).content.decode()
    assert "Reason for the delay" in page
    _english(page)
    past = {"reason": "Chờ xác minh", "new_date": "2020-01-01", "new_time": "16:00", "return_place": "P1"}
    page = client.post(
        url, past | {"signer_title": "CT", "signer_name": "A", "recipients": "X"}
    ).content.decode()
    assert "must be after the present time" in page
    _english(page)


def test_vietnamese_stays_the_default(client, world, draft, ledger):
    login_verified(client, world.users["leader"])
    page = client.post(
        reverse("dossiers:latelist_approve", args=[draft.pk]), {"publish": "on"}
    ).content.decode()
    assert '<html lang="vi">' in page and "Xác nhận phê duyệt và công khai" in page
    page = client.post(
        reverse("dossiers:latelist_approve", args=[draft.pk]), {}, follow=True
    ).content.decode()
    assert "Đã phê duyệt danh sách (chưa công khai)." in page
    login_verified(client, world.users["one_stop"])
    page = client.get(reverse("dossiers:apology_new", args=[ledger.overdue.code])).content.decode()
    assert "Lập phiếu xin lỗi và hẹn lại ngày trả kết quả" in page
