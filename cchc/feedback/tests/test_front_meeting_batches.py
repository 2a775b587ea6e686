"""The Front enters the opinions gathered at one meeting in one go; each becomes its own tracked
petition, routed on its own; one bad row saves nothing; the answer goes back to the Front."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cchc.feedback import actions
from cchc.feedback.models import FrontMeeting, Petition
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls("cchc.feedback.tests.urls")


def batch(world, categories, rows):
    data = {
        "held_on": timezone.localdate().isoformat(),
        "kind": "Hội nghị tiếp xúc cử tri",
        "place": "Nhà văn hoá khu phố 3, Phường 1",
        "ward": str(world.jurisdictions["p1"].pk),
        "attendees": "85",
        "note": "",
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "60",
    }
    for i, row in enumerate(rows):
        for k, v in row.items():
            data[f"form-{i}-{k}"] = v
    return data


def test_each_opinion_of_a_meeting_is_tracked_on_its_own(
    client, world, categories, django_capture_on_commit_callbacks
):
    world.units["mttq"].email = "mttq@vungtau.example.gov.vn"
    world.units["mttq"].save()
    login_verified(client, world.users["front"])
    rows = [
        {
            "category": categories["DT"].pk,
            "text": "Cử tri đề nghị giải toả chợ tạm lấn chiếm đường Ba Cu.",
            "consent_publish": "on",
        },
        {
            "category": categories["CB"].pk,
            "text": "Cử tri phản ánh cán bộ tiếp dân chậm, hẹn nhiều lần.",
            "citizen_name": "Ông Võ Văn Lành",
        },
        {"category": "", "text": ""},  # a blank row is ignored
    ]
    response = client.post(reverse("feedback:meeting_new"), batch(world, categories, rows))
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = FrontMeeting.objects.get()
    opinions = list(Petition.objects.filter(meeting=meeting).order_by("pk"))
    assert len(opinions) == 2 and len({p.code for p in opinions}) == 2
    assert [p.unit for p in opinions] == [world.units["p1"], world.units["nv"]]
    assert {p.channel for p in opinions} == {"front"}
    assert opinions[0].citizen_name == "Cử tri Phường 1"
    assert all(p.submitted_by_unit == world.units["mttq"] for p in opinions)
    page = client.get(response["Location"]).content.decode()
    assert opinions[0].code in page and opinions[1].code in page

    with django_capture_on_commit_callbacks(execute=True):
        actions.approve_answer(
            world.users["unit_head"],
            actions.draft_answer(
                world.users["ward_officer"],
                opinions[0],
                text="Phường đã giải toả chợ tạm trên đường Ba Cu từ ngày 1/12.",
            ),
        )
    from django.core import mail

    assert any(m.to == ["mttq@vungtau.example.gov.vn"] and opinions[0].code in m.body for m in mail.outbox)
    detail = client.get(reverse("feedback:detail", args=[opinions[0].code])).content.decode()
    assert "giải toả chợ tạm" in detail  # the Front follows the answer


def test_one_bad_row_saves_nothing_and_names_the_row(client, world, categories):
    login_verified(client, world.users["front"])
    rows = [
        {"category": categories["DT"].pk, "text": "Cử tri đề nghị lắp thêm đèn chiếu sáng hẻm 21."},
        {"category": "", "text": "Ý kiến không chọn lĩnh vực về nước sinh hoạt."},
    ]
    response = client.post(reverse("feedback:meeting_new"), batch(world, categories, rows))
    assert response.status_code == 200
    assert "Dòng 2: chọn lĩnh vực." in response.content.decode()
    assert not FrontMeeting.objects.exists() and not Petition.objects.exists()


def test_only_the_front_enters_batches(client, world, categories):
    login_verified(client, world.users["ward_officer"])
    assert client.get(reverse("feedback:meeting_new")).status_code == 403
