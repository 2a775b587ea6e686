"""The monthly list: drafted by the Office, approved by a leader, published, withdrawn with a reason."""

import datetime as dt

import pytest

from cchc.core.models import AuditEvent
from cchc.dossiers.actions.late_lists import (
    LateListError,
    approve_late_list,
    draft_late_list,
    publish_late_list,
    withdraw_late_list,
)
from cchc.dossiers.models import LateList, LateListStatus
from cchc.dossiers.tests.factories import APPLICANTS, add_facts, build_ledger
from cchc.testing.personas import login_verified

JUNE = dt.date(2022, 6, 1)


@pytest.fixture
def ledger(world):
    ledger = build_ledger(world)
    add_facts(ledger.all)
    return ledger


def test_office_drafts_the_month_from_its_data(world, ledger):
    ll = draft_late_list(world.users["office"], JUNE, note="Số liệu đến hết 30/6")
    assert ll.status == LateListStatus.DRAFT and ll.drafted_by == world.users["office"]
    assert ll.jurisdiction == world.jurisdictions["city"]
    units = [r for r in ll.rows if not r["official"]]
    officials = [r for r in ll.rows if r["official"]]
    assert units == [
        {
            "unit": "P1",
            "unit_name": "UBND Phường 1",
            "official": None,
            "late": 1,
            "finished": 1,
            "late_rate": 1.0,
        }
    ]
    assert [(r["official"], r["unit_name"], r["late"], r["finished"]) for r in officials] == [
        ("Trần Thị Bình", "UBND Phường 1", 1, 1)
    ]
    text = str(ll.rows)
    for value in APPLICANTS[0].values():
        assert value not in text
    assert AuditEvent.objects.filter(verb="dossiers.latelist_drafted", object_id=str(ll.pk)).exists()


def test_leader_approves_and_the_list_is_published(world, ledger):
    ll = draft_late_list(world.users["office"], JUNE)
    ll = approve_late_list(world.users["leader"], ll)
    assert ll.status == LateListStatus.PUBLISHED and ll.approved_by == world.users["leader"]
    assert ll.published_at is not None
    verbs = list(AuditEvent.objects.filter(object_id=str(ll.pk)).values_list("verb", flat=True))
    assert {"dossiers.latelist_approved", "dossiers.latelist_published"} <= set(verbs)


def test_approval_without_publishing_then_publication(world, ledger):
    ll = approve_late_list(world.users["leader"], draft_late_list(world.users["office"], JUNE), publish=False)
    assert ll.status == LateListStatus.APPROVED and ll.published_at is None
    ll = publish_late_list(world.users["office"], ll)
    assert ll.status == LateListStatus.PUBLISHED


@pytest.mark.parametrize("persona", ["leader", "secretariat", "auditor", "unit_head", "one_stop", "front"])
def test_only_the_office_drafts(world, ledger, persona):
    with pytest.raises(LateListError, match="Chỉ Văn phòng"):
        draft_late_list(world.users[persona], JUNE)
    assert not LateList.objects.exists()


@pytest.mark.parametrize("persona", ["office", "secretariat", "auditor", "unit_head", "front"])
def test_only_a_leader_approves(world, ledger, persona):
    ll = draft_late_list(world.users["office"], JUNE)
    with pytest.raises(LateListError, match="Chỉ lãnh đạo"):
        approve_late_list(world.users[persona], ll)
    ll.refresh_from_db()
    assert ll.status == LateListStatus.DRAFT


def test_an_approved_list_cannot_be_redrafted_or_approved_again(world, ledger):
    ll = approve_late_list(world.users["leader"], draft_late_list(world.users["office"], JUNE))
    with pytest.raises(LateListError, match="cần thu hồi trước khi lập lại"):
        draft_late_list(world.users["office"], JUNE)
    with pytest.raises(LateListError, match="không phải dự thảo"):
        approve_late_list(world.users["leader"], ll)
    with pytest.raises(LateListError, match="chưa được phê duyệt"):
        publish_late_list(world.users["leader"], ll)


def test_withdrawal_needs_a_reason_and_reopens_drafting(world, ledger):
    ll = approve_late_list(world.users["leader"], draft_late_list(world.users["office"], JUNE))
    with pytest.raises(LateListError, match="Lý do thu hồi"):
        withdraw_late_list(world.users["leader"], ll, reason="  ")
    with pytest.raises(LateListError, match="Chỉ lãnh đạo"):
        withdraw_late_list(world.users["office"], ll, reason="Số liệu sai")
    ll = withdraw_late_list(world.users["leader"], ll, reason="Số liệu Phường 1 nhập thiếu")
    assert ll.status == LateListStatus.WITHDRAWN
    event = AuditEvent.objects.get(verb="dossiers.latelist_withdrawn")
    assert event.data == {"reason": "Số liệu Phường 1 nhập thiếu", "was_public": True}
    with pytest.raises(LateListError, match="chưa được phê duyệt"):
        withdraw_late_list(world.users["leader"], ll, reason="Lần nữa")
    again = draft_late_list(world.users["office"], JUNE)
    assert again.pk == ll.pk and again.status == LateListStatus.DRAFT and again.approved_by is None


def test_a_month_not_yet_over_cannot_be_drafted(world, ledger):
    with pytest.raises(LateListError, match="chưa kết thúc"):
        draft_late_list(world.users["office"], JUNE, today=dt.date(2022, 6, 30))
    assert draft_late_list(world.users["office"], JUNE, today=dt.date(2022, 7, 1)).pk


def test_the_whole_cycle_through_the_screens(client, world, ledger):
    login_verified(client, world.users["office"])
    response = client.post("/ho-so/danh-sach-tre-han/lap/", {"month": "2022-06", "note": ""}, follow=True)
    html = response.content.decode()
    assert "Đã lập dự thảo danh sách tháng 06/2022" in html and "Trần Thị Bình" in html
    ll = LateList.objects.get()
    assert "Phê duyệt danh sách" not in html  # the Office does not approve
    client.logout()
    login_verified(client, world.users["leader"])
    html = client.get(f"/ho-so/danh-sach-tre-han/{ll.pk}/").content.decode()
    assert "Phê duyệt danh sách" in html
    # Publishing first shows what will become public, and changes nothing yet.
    html = client.post(f"/ho-so/danh-sach-tre-han/{ll.pk}/phe-duyet/", {"publish": "on"}).content.decode()
    assert "Xác nhận phê duyệt và công khai" in html and "Trần Thị Bình" in html
    ll.refresh_from_db()
    assert ll.status == LateListStatus.DRAFT
    assert "Trần Thị Bình" not in client.get("/cong-khai/danh-sach-tre-han/").content.decode()
    html = client.post(
        f"/ho-so/danh-sach-tre-han/{ll.pk}/phe-duyet/", {"publish": "on", "confirmed": "1"}, follow=True
    ).content.decode()
    assert "Đã phê duyệt và công khai" in html and "Đã công khai" in html
    public = client.get("/cong-khai/danh-sach-tre-han/").content.decode()
    assert "UBND Phường 1" in public and "Trần Thị Bình" in public and "06/2022" in public
    html = client.post(
        f"/ho-so/danh-sach-tre-han/{ll.pk}/thu-hoi/", {"reason": "ab"}, follow=True
    ).content.decode()
    assert "ít nhất 5 ký tự" in html
    html = client.post(
        f"/ho-so/danh-sach-tre-han/{ll.pk}/thu-hoi/", {"reason": "Số liệu sai"}, follow=True
    ).content.decode()
    assert "Đã thu hồi danh sách" in html and "Số liệu sai" in html
    public = client.get("/cong-khai/danh-sach-tre-han/").content.decode()
    assert "Trần Thị Bình" not in public and "Chưa có danh sách nào được công khai" in public


def test_bad_month_is_refused_with_a_message(client, world, ledger):
    login_verified(client, world.users["office"])
    html = client.post("/ho-so/danh-sach-tre-han/lap/", {"month": "2022-13"}, follow=True).content.decode()
    assert "Tháng: “2022-13” không có tháng 13." in html
    html = client.post("/ho-so/danh-sach-tre-han/lap/", {"month": "tháng sáu"}, follow=True).content.decode()
    assert "không đúng dạng năm-tháng" in html
    assert not LateList.objects.exists()


@pytest.mark.parametrize("persona", ["secretariat", "auditor"])
def test_secretariat_and_auditor_read_lists_without_buttons(client, world, ledger, persona):
    ll = draft_late_list(world.users["office"], JUNE)
    login_verified(client, world.users[persona])
    html = client.get(f"/ho-so/danh-sach-tre-han/{ll.pk}/").content.decode()
    assert "Trần Thị Bình" in html
    for button in ("Phê duyệt danh sách", "Thu hồi danh sách", "Lập lại dự thảo", "Công khai trên Cổng"):
        assert button not in html
    client.post(f"/ho-so/danh-sach-tre-han/{ll.pk}/phe-duyet/", {"publish": "on"})
    ll.refresh_from_db()
    assert ll.status == LateListStatus.DRAFT
