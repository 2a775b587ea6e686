"""A head withdraws a published answer with a reason (personal data slipped through): it leaves the
public list, its public page answers 410 with a Vietnamese notice, Open311 stops returning its public
texts, an event records who, when and why; after correction it is published again through the usual
action, and the publication indicator still judges the first publication."""

import json

import pytest
from django.urls import reverse

from cchc.core.models import AuditEvent
from cchc.feedback import actions
from cchc.feedback.models import ClockKind, Petition
from cchc.feedback.queries import public_petitions, timeline
from cchc.feedback.tests.conftest import local
from cchc.testing.personas import PERSONA_KEYS, login_verified

pytestmark = pytest.mark.urls("cchc.feedback.tests.urls")

SLIPPED = "Hộ ông Trần Văn Lộc số 14 lấn chiếm vỉa hè trước chợ."
CORRECTED = "Một hộ kinh doanh lấn chiếm vỉa hè trước chợ."
ANSWER = "UBND Phường 1 đã lập biên bản và giải toả vỉa hè trước chợ; tổ dân phố tiếp tục giám sát."
REASON = "Nội dung công khai còn họ tên và số nhà của người bị phản ánh."
APPROVERS = {"leader", "unit_head"}
WRITERS = {"secretariat", "office", "ward_officer"}  # may handle, may not withdraw


@pytest.fixture
def published(world, file_petition):
    p = file_petition(consent_publish=True, at=local(2022, 6, 6))
    answer = actions.draft_answer(world.users["ward_officer"], p, text=ANSWER, at=local(2022, 6, 7))
    actions.approve_answer(
        world.users["unit_head"],
        answer,
        publish_now=True,
        public_title="Lấn chiếm vỉa hè trước chợ Phường 1",
        public_text=SLIPPED,
        public_answer=ANSWER,
        at=local(2022, 6, 8, 10),
    )
    p.refresh_from_db()
    return p


def withdraw(client, p, reason=REASON):
    return client.post(reverse("feedback:act", args=[p.code, "go-cong-khai"]), {"reason": reason})


def open311(client, p):
    response = client.get(reverse("open311:requests", args=["json"]) + f"?service_request_id={p.code}")
    assert response.status_code == 200
    return json.loads(response.content)[0]


def test_a_head_withdraws_and_it_disappears_from_every_public_place(client, world, published):
    p = published
    assert open311(client, p)["description"] == SLIPPED
    login_verified(client, world.users["unit_head"])
    assert withdraw(client, p).status_code == 302
    p.refresh_from_db()
    assert p.withdrawn_at is not None and p.withdrawal_reason == REASON
    client.logout()

    assert not public_petitions().filter(pk=p.pk).exists()
    listing = client.get(reverse("feedback_public:published")).content.decode()
    assert p.code not in listing and "Lấn chiếm vỉa hè" not in listing
    page = client.get(reverse("feedback_public:published_detail", args=[p.code]))
    assert page.status_code == 410
    html = page.content.decode()
    assert "Nội dung này đã được gỡ khỏi trang công khai" in html
    assert "Trần Văn Lộc" not in html and "Lấn chiếm vỉa hè" not in html
    row = open311(client, p)
    assert row["description"] is None and row["lat"] is None and row["long"] is None
    assert "Trần Văn Lộc" not in json.dumps(row, ensure_ascii=False)
    detail = client.get(reverse("open311:request", args=[p.code, "json"]))
    assert json.loads(detail.content)[0]["description"] is None


def test_the_withdrawal_is_recorded_who_when_why(client, world, published):
    login_verified(client, world.users["unit_head"])
    withdraw(client, published)
    event = AuditEvent.objects.get(verb="feedback.publication_withdrawn", object_id=str(published.pk))
    assert event.actor == world.users["unit_head"]
    assert event.data["reason"] == REASON and event.data["at"]
    steps = timeline(published, public=False)
    assert [s.summary for s in steps if s.label == "Gỡ khỏi trang công khai"] == [
        f"Gỡ khỏi trang công khai: {REASON}"
    ]
    # The public trail says that it happened, never why (the reason may quote the personal data).
    public = timeline(published, public=True)
    assert "Gỡ khỏi trang công khai" in [s.label for s in public]
    assert all(s.summary == "" for s in public)


def test_the_citizen_still_reads_the_answer_on_the_tracking_page(client, world, published):
    login_verified(client, world.users["unit_head"])
    withdraw(client, published)
    client.logout()
    client.post(reverse("feedback_public:track"), {"code": published.code, "contact": "0912345678"})
    html = client.get(reverse("feedback_public:track_detail", args=[published.code])).content.decode()
    assert "giải toả vỉa hè trước chợ" in html


@pytest.mark.parametrize("persona", PERSONA_KEYS)
def test_only_whoever_may_approve_withdraws(client, world, published, persona):
    login_verified(client, world.users[persona])
    page = client.get(reverse("feedback:detail", args=[published.code]))
    if page.status_code == 200:
        offered = 'data-testid="open-go-cong-khai"' in page.content.decode()
        assert offered == (persona in APPROVERS)
    response = withdraw(client, published)
    expected = 302 if persona in APPROVERS else 403 if persona in WRITERS | {"auditor"} else 404
    assert response.status_code == expected
    assert (Petition.objects.get(pk=published.pk).withdrawn_at is not None) == (persona in APPROVERS)


def test_a_reason_is_required(client, world, published):
    login_verified(client, world.users["unit_head"])
    response = withdraw(client, published, reason="")
    assert response.status_code == 400 and "Cần nhập «Lý do»" in response.content.decode()
    response = withdraw(client, published, reason="sai")
    assert response.status_code == 400 and "ít nhất 10 ký tự" in response.content.decode()
    assert Petition.objects.get(pk=published.pk).withdrawn_at is None


def test_republished_after_correction_it_keeps_its_first_publication_for_the_indicator(
    client, world, published
):
    p = published
    first = p.published_at
    clock = p.clocks.get(kind=ClockKind.PUBLISH)
    judged = (clock.closed_on, clock.on_time)
    actions.withdraw_publication(world.users["unit_head"], p, reason=REASON, at=local(2022, 6, 20))
    with pytest.raises(Exception, match="không đang được công khai"):
        actions.withdraw_publication(world.users["unit_head"], p, reason=REASON, at=local(2022, 6, 20))

    login_verified(client, world.users["ward_officer"])
    page = client.get(reverse("feedback:detail", args=[p.code])).content.decode()
    assert 'data-testid="open-cong-khai"' in page and SLIPPED in page  # offered, with the old texts
    response = client.post(
        reverse("feedback:act", args=[p.code, "cong-khai"]),
        {
            "public_title": "Lấn chiếm vỉa hè trước chợ Phường 1",
            "public_text": CORRECTED,
            "public_answer": ANSWER,
        },
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.withdrawn_at is None and p.withdrawal_reason == ""
    assert p.published_at == first
    clock.refresh_from_db()
    assert (clock.closed_on, clock.on_time) == judged
    assert p.clocks.filter(kind=ClockKind.PUBLISH).count() == 1
    client.logout()
    page = client.get(reverse("feedback_public:published_detail", args=[p.code]))
    assert page.status_code == 200 and CORRECTED in page.content.decode()
    assert "Trần Văn Lộc" not in page.content.decode()
    assert open311(client, p)["description"] == CORRECTED
    again = AuditEvent.objects.filter(verb="feedback.published", object_id=str(p.pk)).order_by("id").last()
    assert again.data["again"] is True and again.actor == world.users["ward_officer"]


def test_a_petition_never_published_is_not_found_not_gone(client, file_petition):
    p = file_petition(consent_publish=True)
    assert client.get(reverse("feedback_public:published_detail", args=[p.code])).status_code == 404
