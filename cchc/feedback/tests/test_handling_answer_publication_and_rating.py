"""From receipt to closing through the staff screens and the tracking page: the ward drafts, its head
approves, the answer goes by the citizen's channel and is published masked (only with consent); the
citizen rates it and may reopen once with a reason."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.feedback import actions
from cchc.feedback.actions.citizen import close_answered, rate, reopen
from cchc.feedback.models import AnswerStatus, ClockKind, Petition, Status
from cchc.feedback.tests.conftest import local
from cchc.notify.channels import RecordingChannel
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls("cchc.feedback.tests.urls")
ANSWER = (
    "UBND Phường 1 đã kiểm tra, lập biên bản và giải toả vỉa hè trước chợ ngày 10/6. "
    "Bà Phạm Thị Hồng Nhung có thể gọi 0912345678 nếu tái diễn."
)


def act(client, p, action, **data):
    return client.post(reverse("feedback:act", args=[p.code, action]), data)


def track(client, p, phone="0912345678"):
    return client.post(reverse("feedback_public:track"), {"code": p.code, "contact": phone})


def test_draft_approve_send_publish_and_rate(
    client, world, file_petition, django_capture_on_commit_callbacks
):
    p = file_petition(consent_publish=True, at=timezone.now())
    RecordingChannel.reset()
    login_verified(client, world.users["ward_officer"])
    assert act(client, p, "du-thao", text=ANSWER, legal_basis="Nghị định 100/2019/NĐ-CP").status_code == 302
    p.refresh_from_db()
    assert p.status == Status.AWAITING_APPROVAL
    # The officer cannot approve their own draft.
    assert (
        act(
            client,
            p,
            "duyet",
            publish_now="on",
            public_title="x",
            public_text="y" * 20,
            public_answer="z" * 20,
        ).status_code
        == 403
    )

    login_verified(client, world.users["unit_head"])
    page = client.get(reverse("feedback:detail", args=[p.code])).content.decode()
    assert "[đã ẩn]" in page  # the suggested public texts are masked
    leaky = act(
        client,
        p,
        "duyet",
        publish_now="on",
        public_title="Lấn chiếm vỉa hè",
        public_text="Vỉa hè trước chợ bị lấn chiếm.",
        public_answer=ANSWER,
    )
    assert leaky.status_code == 400
    assert "còn thông tin cá nhân" in leaky.content.decode()
    masked = ANSWER.replace("Bà Phạm Thị Hồng Nhung", "Người gửi").replace("0912345678", "[đã ẩn]")
    with django_capture_on_commit_callbacks(execute=True):
        ok = act(
            client,
            p,
            "duyet",
            publish_now="on",
            public_title="Lấn chiếm vỉa hè trước chợ",
            public_text="Vỉa hè trước chợ Phường 1 bị lấn chiếm để bán hàng.",
            public_answer=masked,
        )
    assert ok.status_code == 302
    p.refresh_from_db()
    assert (p.status, p.handled_on_time, p.published_at is not None) == (Status.ANSWERED, True, True)
    assert p.answers.get().status == AnswerStatus.SENT
    assert p.clocks.get(kind=ClockKind.PUBLISH).on_time is True
    sms = [m for m in RecordingChannel.outbox if "trả lời" in m.body]
    assert sms and sms[0].recipient == "0912345678"

    public = client.get(reverse("feedback_public:published_detail", args=[p.code])).content.decode()
    assert "giải toả vỉa hè" in public and "Nhung" not in public and "0912345678" not in public

    client.logout()
    assert track(client, p, "0999999999").status_code == 200  # wrong phone: not found
    response = track(client, p)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "giải toả vỉa hè" in page and "0912345678" not in page and "Hồng Nhung" not in page
    assert (
        client.post(reverse("feedback_public:track_rate", args=[p.code]), {"satisfied": "1"}).status_code
        == 302
    )
    p.refresh_from_db()
    assert (p.satisfied, p.status) == (True, Status.CLOSED)


def test_without_consent_nothing_is_published(world, file_petition):
    p = file_petition(consent_publish=False)
    answer = actions.draft_answer(world.users["ward_officer"], p, text=ANSWER)
    with pytest.raises(Exception, match="không đồng ý công khai"):
        actions.approve_answer(
            world.users["unit_head"],
            answer,
            publish_now=True,
            public_title="t",
            public_text="x" * 20,
            public_answer="y" * 20,
        )
    actions.approve_answer(world.users["unit_head"], actions.pending_answer(p))
    p.refresh_from_db()
    assert p.published_at is None
    assert not p.clocks.filter(kind=ClockKind.PUBLISH).exists()


def test_the_head_returns_a_draft_and_the_unit_redrafts(client, world, file_petition):
    p = file_petition()
    actions.draft_answer(world.users["ward_officer"], p, text="Đang kiểm tra, sẽ trả lời sau ít hôm nữa.")
    login_verified(client, world.users["unit_head"])
    assert act(client, p, "tra-lai", note="Cần nêu kết quả kiểm tra cụ thể").status_code == 302
    p.refresh_from_db()
    assert p.status == Status.PROCESSING
    assert p.answers.get().status == AnswerStatus.RETURNED


def test_the_citizen_reopens_once_with_a_reason_and_a_new_round_starts(world, file_petition):
    p = file_petition()
    actions.approve_answer(
        world.users["unit_head"], actions.draft_answer(world.users["ward_officer"], p, text=ANSWER)
    )
    with pytest.raises(Exception, match="lý do"):
        reopen(p, reason="không")
    reopen(p, reason="Vỉa hè vẫn bị lấn chiếm sau khi phường trả lời.")
    p.refresh_from_db()
    assert (p.status, p.satisfied) == (Status.PROCESSING, False)
    assert p.clocks.filter(kind=ClockKind.PROCESS, round=2, closed_on__isnull=True).exists()
    first_verdict = (p.handled_on, p.handled_on_time)
    actions.approve_answer(
        world.users["unit_head"],
        actions.draft_answer(world.users["ward_officer"], p, text=ANSWER + " Lần 2."),
    )
    p.refresh_from_db()
    assert (p.handled_on, p.handled_on_time) == first_verdict  # the first answer is what is judged
    with pytest.raises(Exception, match="một lần"):
        reopen(p, reason="Lại chưa đồng ý với trả lời lần hai.")


def test_a_rating_is_given_once_and_answered_petitions_close_after_the_window(world, file_petition):
    p = file_petition()
    actions.approve_answer(
        world.users["unit_head"], actions.draft_answer(world.users["ward_officer"], p, text=ANSWER)
    )
    rate(p, satisfied=False, comment="Chưa thấy thay đổi")
    with pytest.raises(Exception, match="đã được đánh giá"):
        rate(p, satisfied=True)
    q = file_petition(citizen_phone="0987654321", text="Đèn đường hẻm 9 bị hỏng cả tháng chưa sửa.")
    actions.approve_answer(
        world.users["unit_head"],
        actions.draft_answer(world.users["ward_officer"], q, text=ANSWER),
        at=local(2022, 6, 8),
    )
    assert close_answered() >= 1
    q.refresh_from_db()
    assert q.status == Status.CLOSED


def test_an_accountability_request_goes_through_acceptance_suspension_and_answer(
    client, world, file_petition
):
    p = file_petition(
        kind="accountability",
        category="CB",
        ward=None,
        text="Đề nghị Phòng Nội vụ giải trình việc chậm giải quyết chế độ thôi việc.",
    )
    assert p.unit == world.units["nv"]
    login_verified(client, world.users["secretariat"])
    drafted = act(client, p, "du-thao", text="x" * 30, legal_basis="Nghị định 59/2019/NĐ-CP")
    assert drafted.status_code == 302  # refused: acceptance first
    p.refresh_from_db()
    assert p.status == Status.RECEIVED
    assert act(client, p, "tiep-nhan").status_code == 302
    assert (
        act(client, p, "tam-dinh-chi", reason="Chờ ý kiến của Sở Nội vụ về chế độ áp dụng").status_code == 302
    )
    assert act(client, p, "tiep-tuc").status_code == 302
    assert act(client, p, "gia-han", days="10", reason="Cần xác minh hồ sơ lưu trữ").status_code == 302
    login_verified(client, world.users["leader"])
    assert act(client, p, "quyet-dinh-gia-han", approve="1", note="Đồng ý").status_code == 302
    p.refresh_from_db()
    clock = p.clocks.get(kind=ClockKind.ANSWER)
    assert clock.deadline.extensions.get().status == "approved"
    assert p.due_on > clock.deadline.original_due


def test_a_complaint_is_recognised_closed_and_the_citizen_told_where_to_send_it(
    client, world, file_petition, django_capture_on_commit_callbacks
):
    p = file_petition(
        text="Tôi khiếu nại quyết định xử phạt vi phạm hành chính số 15/QĐ-XPHC của UBND phường."
    )
    login_verified(client, world.users["ward_officer"])
    with django_capture_on_commit_callbacks(execute=True):
        response = act(
            client,
            p,
            "huong-dan",
            kind="complaint",
            explanation="Khiếu nại quyết định hành chính được giải quyết theo Luật Khiếu nại năm 2011.",
            address="Chủ tịch UBND Phường 1, 12 Lý Thường Kiệt",
        )
    assert response.status_code == 302
    p.refresh_from_db()
    assert (p.kind, p.status, p.handled_how) == ("complaint", Status.REDIRECTED, "redirected")
    assert (
        "Luật Khiếu nại" in RecordingChannel.outbox[-1].body
        or "khiếu nại" in RecordingChannel.outbox[-1].body
    )
    assert not Petition.objects.filter(pk=p.pk, clocks__closed_on__isnull=True).exists()


def test_the_office_transfers_with_a_reason_and_the_clock_follows(client, world, file_petition):
    p = file_petition(category="KHAC", ward=None)
    assert p.unit == world.units["vp"]
    login_verified(client, world.users["office"])
    missing = act(client, p, "chuyen", unit=str(world.units["p2"].pk), reason="")
    assert missing.status_code == 400 and "Cần nhập «Lý do chuyển»" in missing.content.decode()
    assert (
        act(
            client, p, "chuyen", unit=str(world.units["p2"].pk), reason="Việc thuộc địa bàn Phường 2"
        ).status_code
        == 302
    )
    p.refresh_from_db()
    assert p.unit == world.units["p2"]
    assert {c.deadline.unit_id for c in p.clocks.all()} == {world.units["p2"].pk}
    assert p.clocks.first().deadline.url == reverse("feedback:detail", args=[p.code])


def test_information_requested_and_supplied_on_the_tracking_page(client, world, file_petition):
    p = file_petition()
    actions.request_info(world.users["ward_officer"], p, what="Xin cho biết số nhà gần nhất.")
    track(client, p)
    response = client.post(
        reverse("feedback_public:track_supplement", args=[p.code]), {"text": "Gần số nhà 45 Ba Cu."}
    )
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == Status.PROCESSING and "45 Ba Cu" in p.text


def test_the_tracking_page_needs_the_phone_first(client, file_petition):
    p = file_petition()
    response = client.get(reverse("feedback_public:track_detail", args=[p.code]))
    assert response.status_code == 302 and reverse("feedback_public:track") in response["Location"]
    assert (
        client.post(reverse("feedback_public:track_rate", args=[p.code]), {"satisfied": "1"}).status_code
        == 302
    )
    p.refresh_from_db()
    assert p.rated_at is None
