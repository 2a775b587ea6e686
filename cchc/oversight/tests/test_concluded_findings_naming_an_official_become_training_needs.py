"""A finding that names the official responsible becomes a training need once its visit is concluded,
through the hook training offers (training never imports oversight): the topic follows the checklist
item (attitude → conduct and communication, anything else → professional skills). A finding without an
official, or on a visit not yet concluded, proposes nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from cchc.oversight.actions import followups, inspections
from cchc.oversight.tests.scene import answer_all, started_visit
from cchc.oversight.training_needs import finding_needs
from cchc.training import needs
from cchc.training.models import NeedSource, TrainingNeed

pytestmark = pytest.mark.django_db


def _visit_with_findings(world, *, conclude: bool):
    ia = world.users["secretariat"]
    insp = started_visit(world)
    answer_all(world, insp, not_met=("MC-01", "MC-05", "MC-07"))
    followups.add_finding(
        ia,
        insp,
        code="MC-05",
        text="Yêu cầu thêm giấy tờ ngoài quy định",
        severity="serious",
        official=world.officials["one_stop"],
    )
    followups.add_finding(
        ia,
        insp,
        code="MC-01",
        text="Niêm yết bản thủ tục đã hết hiệu lực",
        severity="minor",
        official=world.officials["ward_officer"],
    )
    followups.add_finding(ia, insp, code="MC-07", text="Thiếu ghế chờ", severity="minor")
    if conclude:
        inspections.ask_explanation(ia, insp)
        inspections.explain(world.users["unit_head"], insp, text="Đơn vị đã khắc phục một phần.")
        inspections.conclude(ia, insp, text="Yêu cầu khắc phục các tồn tại.")
    return insp


def test_the_oversight_source_is_registered_with_training():
    assert finding_needs in needs._FINDING_SOURCES


def test_concluded_findings_with_an_official_become_needs_on_the_items_topic(world):
    _visit_with_findings(world, conclude=True)
    today = timezone.localdate()
    found = needs.propose_needs(world.users["secretariat"], world.jurisdictions["city"], today=today)
    assert found.counts["inspection"] == 2
    got = {
        (n.official.code, n.topic.code)
        for n in TrainingNeed.objects.filter(source=NeedSource.INSPECTION).select_related("official", "topic")
    }
    assert got == {("CB-P1-MC", "giao-tiep-ung-xu"), ("CB-P1-CV", "nghiep-vu-tthc")}
    need = TrainingNeed.objects.get(source=NeedSource.INSPECTION, official=world.officials["one_stop"])
    assert need.evidence.startswith("Kết luận kiểm tra UBND Phường 1") and "(MC-05)" in need.evidence

    again = needs.propose_needs(world.users["secretariat"], world.jurisdictions["city"], today=today)
    assert again.counts["inspection"] == 0


def test_a_visit_not_yet_concluded_proposes_nothing(world):
    _visit_with_findings(world, conclude=False)
    today = timezone.localdate()
    assert finding_needs(world.jurisdictions["city"], today.replace(month=1, day=1), today) == []


def test_another_area_sees_none_of_the_citys_findings(world):
    _visit_with_findings(world, conclude=True)
    today = timezone.localdate()
    assert finding_needs(world.jurisdictions["p2"], today.replace(month=1, day=1), today) == []
