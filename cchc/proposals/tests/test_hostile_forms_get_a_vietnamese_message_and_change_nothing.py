"""Bad input on the proposal screens: a delegation without the authority it moves to, a simplification
without its procedure, a decision without its deadline. Each answers with a Vietnamese message naming
the field, never a server error, and nothing is written."""

from django.urls import reverse

from cchc.directives.models import Task
from cchc.proposals import actions
from cchc.proposals.models import Proposal, Status
from cchc.testing.personas import login_verified


def _form(world, **kw):
    data = {
        "kind": "delegate",
        "title": "Ủy quyền chứng thực",
        "content": "Nội dung",
        "power": "Chứng thực",
        "proposing_unit": world.units["p1"].pk,
        "from_unit": world.units["ubnd"].pk,
        "to_unit": world.units["p1"].pk,
        "days_saved": "2",
        "legal_basis": "Luật Tổ chức chính quyền địa phương 2025",
    }
    data.update(kw)
    return {k: v for k, v in data.items() if v is not None}


def test_incomplete_proposals_are_sent_back_naming_the_field(client, world):
    login_verified(client, world.users["unit_head"])
    url = reverse("proposals:proposal_create")
    for changes, words in (
        ({"to_unit": None}, "Cần ghi thẩm quyền chuyển từ cơ quan nào sang cơ quan nào."),
        ({"kind": "simplify"}, "Đề xuất đơn giản hóa cần chọn thủ tục hành chính."),
        ({"days_saved": "-1"}, "Số ngày tiết kiệm phải từ 0 đến 3650."),
        ({"days_saved": "abc"}, "Chưa lưu được: hãy sửa các mục được đánh dấu bên dưới."),
    ):
        response = client.post(url, _form(world, **changes))
        assert response.status_code == 400, changes
        body = response.content.decode()
        assert words in body and "Enter a number" not in body, changes
    assert not Proposal.objects.exists()


def test_a_decision_without_a_deadline_is_refused_and_opens_no_task(client, world, proposal, directive):
    actions.submit(world.users["unit_head"], proposal)
    actions.review(world.users["secretariat"], proposal, opinion="support", note="Phù hợp")
    login_verified(client, world.users["leader"])
    response = client.post(
        reverse("proposals:proposal_decide", args=[proposal.pk]),
        {"decision": "approve", "decision_number": "1/QĐ-UBND", "directive": directive.pk, "due": ""},
        follow=True,
    )
    assert "Nhiệm vụ triển khai cần hạn hoàn thành." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.REVIEWED and not Task.objects.exists()
