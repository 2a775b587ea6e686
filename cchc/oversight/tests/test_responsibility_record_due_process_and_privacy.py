"""The handling of responsibility: evidence, a request to explain with a date, the person's written
explanation, then the competent head's decision; who the competent head is; and who may read the
record (the competent head, Internal Affairs, the person concerned — nobody else), each read audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cchc.core.models import AuditEvent
from cchc.oversight.actions import cases
from cchc.oversight.queries import case_access, cases_for

pytestmark = pytest.mark.django_db

READERS = {"secretariat", "unit_head", "ward_officer"}


@pytest.fixture
def case(world):
    c = cases.open_case(
        world.users["secretariat"], world.officials["ward_officer"], grounds="Nhiều hồ sơ hộ tịch trễ hạn"
    )
    cases.add_evidence(
        world.users["secretariat"], c, kind="late_dossiers", summary="7 hồ sơ trễ hạn", refs=["H1"]
    )
    return c


def test_the_competent_head_of_an_officer_is_the_head_of_the_unit(world, case):
    assert case.competent_head == world.officials["unit_head"]


def test_the_competent_head_of_a_ward_chairman_is_the_city_chairman(world):
    assert cases.competent_head_for(world.officials["unit_head"]) == world.officials["leader"]


def test_a_desk_without_its_own_head_goes_up_to_the_ward(world):
    assert cases.competent_head_for(world.officials["one_stop"]) == world.officials["unit_head"]


def test_the_whole_due_process(world, case):
    cases.request_explanation(world.users["secretariat"], case)
    case.refresh_from_db()
    assert case.explanation_due > timezone.localdate()
    with pytest.raises(PermissionDenied):
        cases.explain(world.users["unit_head"], case, text="Thay mặt")
    cases.explain(world.users["ward_officer"], case, text="Do phần mềm lỗi trong tháng 3")
    with pytest.raises(PermissionDenied):
        cases.decide(world.users["secretariat"], case, decision="nhac-nho", text="x")
    with pytest.raises(PermissionDenied):
        cases.decide(world.users["leader"], case, decision="nhac-nho", text="x")
    cases.decide(
        world.users["unit_head"], case, decision="kiem-diem", text="Kiểm điểm, rút kinh nghiệm trước đơn vị"
    )
    case.refresh_from_db()
    assert case.stage == "decided" and case.decision == "kiem-diem"


def test_a_lapsed_explanation_lets_the_head_decide_and_says_so(world, case):
    today = timezone.localdate()
    cases.request_explanation(
        world.users["secretariat"], case, on=today - dt.timedelta(days=20), due=today - dt.timedelta(days=10)
    )
    cases.decide(world.users["unit_head"], case, decision="nhac-nho", text="Nhắc nhở")
    case.refresh_from_db()
    assert "không giải trình trong thời hạn" in case.decision_text


def test_a_decision_form_not_in_force_is_refused(world, case):
    cases.request_explanation(world.users["secretariat"], case)
    cases.explain(world.users["ward_officer"], case, text="Giải trình")
    with pytest.raises(ValidationError):
        cases.decide(world.users["unit_head"], case, decision="phat-tien", text="x")


@pytest.mark.parametrize(
    "persona",
    [
        "leader",
        "secretariat",
        "office",
        "unit_head",
        "ward_officer",
        "other_ward_officer",
        "one_stop",
        "front",
        "auditor",
    ],
)
def test_only_the_entitled_read_the_record(world, case, persona):
    user = world.users[persona]
    assert cases_for(user).filter(pk=case.pk).exists() == (persona in READERS)
    assert case_access(user, case).read == (persona in READERS)


def test_the_site_administrator_does_not_read_it_either(world, case):
    from cchc.accounts.models import User

    admin = User.objects.create_superuser("quan-tri", "qt@example.test", "x-Mat-khau-9")
    assert not cases_for(admin).exists()


def test_the_audit_trail_names_no_one_but_records_each_read(world, case, client):
    from cchc.testing.personas import login_verified

    login_verified(client, world.users["unit_head"])
    assert client.get(f"/kiem-tra/trach-nhiem/{case.pk}/").status_code == 200
    ev = AuditEvent.objects.filter(verb="oversight.case_viewed", object_id=str(case.pk)).get()
    assert ev.actor == world.users["unit_head"]
    assert world.officials["ward_officer"].full_name not in " ".join(
        AuditEvent.objects.filter(object_type="oversight.responsibilitycase").values_list(
            "summary", flat=True
        )
    )
