"""Hostile or careless input is refused with a Vietnamese message and changes nothing: an answer for a
question that is not in the visit's checklist, a follow-up without a deadline, a decision without the
explanation step, a file that is not what its name says."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cchc.core.models import AuditEvent
from cchc.deadlines.models import Deadline
from cchc.oversight.actions import cases, followups, inspections
from cchc.oversight.models import Answer, EvidenceFile, Recommendation
from cchc.oversight.tests.scene import photo, started_visit

pytestmark = pytest.mark.django_db


def test_an_answer_for_a_question_not_in_the_template_is_refused(world):
    insp = started_visit(world)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        inspections.answer(world.users["secretariat"], insp, code="CC-01", result="met")
    assert "không có trong phiếu kiểm tra" in str(exc.value)
    assert not Answer.objects.exists()
    assert AuditEvent.objects.count() == before


def test_a_follow_up_without_a_deadline_is_refused(world):
    insp = started_visit(world)
    finding = followups.add_finding(
        world.users["secretariat"], insp, code="MC-02", text="Thiếu tờ khai", severity="minor"
    )
    deadlines = Deadline.objects.count()
    with pytest.raises(ValidationError) as exc:
        followups.add_recommendation(world.users["secretariat"], finding, text="In đủ tờ khai", due=None)
    assert "phải có thời hạn" in str(exc.value)
    assert not Recommendation.objects.exists()
    assert Deadline.objects.count() == deadlines


def test_a_decision_without_the_explanation_step_is_refused(world):
    case = cases.open_case(
        world.users["secretariat"], world.officials["ward_officer"], grounds="Hồ sơ trễ hạn"
    )
    cases.add_evidence(world.users["secretariat"], case, kind="late_dossiers", summary="5 hồ sơ trễ hạn")
    with pytest.raises(ValidationError) as exc:
        cases.decide(world.users["unit_head"], case, decision="khien-trach", text="Vi phạm")
    assert "giải trình" in str(exc.value)
    case.refresh_from_db()
    assert case.decision == "" and case.stage == "gathering"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("anh.png", b"MZ\x90\x00 not a picture"),
        ("anh.exe", b"MZ\x90\x00"),
        ("rong.jpg", b""),
        ("bao-cao.docx", b"PK\x03\x04 broken zip"),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused(world, name, data):
    insp = started_visit(world)
    with pytest.raises(ValidationError) as exc:
        inspections.add_evidence(world.users["secretariat"], insp, uploaded=photo(name, data))
    assert name in str(exc.value)
    assert not EvidenceFile.objects.exists()


def test_a_photo_too_large_is_refused(world, settings):
    settings.CCHC_EVIDENCE_MAX_MB = 0
    insp = started_visit(world)
    with pytest.raises(ValidationError):
        inspections.add_evidence(world.users["secretariat"], insp, uploaded=photo())
    assert not EvidenceFile.objects.exists()
