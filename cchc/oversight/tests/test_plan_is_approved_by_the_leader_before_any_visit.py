"""The year's plan: Internal Affairs drafts and submits it, only the leader approves or returns it, and
no planned visit starts before the approval; an unannounced visit is hidden from the unit until the
team starts it; a visit with findings is concluded only after the unit's explanation."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.oversight.actions import followups, inspections
from cchc.oversight.queries import inspections_for
from cchc.oversight.tests.scene import answer_all, one_stop, planned_visit, started_visit

pytestmark = pytest.mark.django_db


def test_only_the_leader_approves_and_no_visit_starts_before(world):
    insp = planned_visit(world, approve=False)
    plan = insp.plan
    with pytest.raises(ValidationError):
        inspections.start_visit(world.users["secretariat"], insp)
    inspections.submit_plan(world.users["secretariat"], plan)
    for persona in ("secretariat", "office", "auditor", "unit_head"):
        with pytest.raises(PermissionDenied):
            inspections.approve_plan(world.users[persona], plan)
    with pytest.raises(ValidationError):
        inspections.return_plan(world.users["leader"], plan, note="")
    inspections.return_plan(world.users["leader"], plan, note="Bổ sung Phường 2")
    plan.refresh_from_db()
    assert plan.status == "draft"
    inspections.submit_plan(world.users["secretariat"], plan)
    inspections.approve_plan(world.users["leader"], plan)
    insp.refresh_from_db()
    assert inspections.start_visit(world.users["secretariat"], insp).status == "in_progress"


def test_a_submitted_plan_takes_no_more_units(world):
    insp = planned_visit(world)
    with pytest.raises(ValidationError):
        inspections.add_inspection(
            world.users["secretariat"],
            jurisdiction=world.jurisdictions["city"],
            unit=world.units["p2"],
            template=one_stop(),
            planned_on=insp.planned_on,
            topic="Thêm",
            plan=insp.plan,
        )


def test_an_unannounced_visit_is_hidden_from_the_unit_until_it_starts(world):
    ia = world.users["secretariat"]
    insp = inspections.add_inspection(
        ia,
        jurisdiction=world.jurisdictions["city"],
        unit=world.units["p1"],
        template=one_stop(),
        planned_on=planned_visit(world).planned_on,
        topic="Đột xuất",
        reason="Phản ánh",
    )
    head = world.users["unit_head"]
    assert not inspections_for(head).filter(pk=insp.pk).exists()
    assert inspections_for(world.users["leader"]).filter(pk=insp.pk).exists()
    inspections.start_visit(ia, insp)
    assert inspections_for(head).filter(pk=insp.pk).exists()


def test_findings_need_the_units_explanation_before_the_conclusion(world):
    ia = world.users["secretariat"]
    insp = started_visit(world)
    answer_all(world, insp, not_met=("MC-03",))
    followups.add_finding(ia, insp, code="MC-03", text="Không niêm yết giờ làm việc", severity="minor")
    with pytest.raises(ValidationError):
        inspections.conclude(ia, insp, text="Kết luận")
    inspections.ask_explanation(ia, insp)
    with pytest.raises(ValidationError):
        inspections.conclude(ia, insp, text="Kết luận")
    with pytest.raises(PermissionDenied):
        inspections.explain(world.users["ward_officer"], insp, text="Giải trình")
    inspections.explain(world.users["unit_head"], insp, text="Đã niêm yết lại")
    for persona in ("unit_head", "leader"):
        with pytest.raises(PermissionDenied):
            inspections.conclude(world.users[persona], insp, text="Kết luận")
    assert inspections.conclude(ia, insp, text="Kết luận").status == "concluded"


def test_asking_for_the_explanation_needs_every_item_answered(world):
    insp = started_visit(world)
    with pytest.raises(ValidationError) as exc:
        inspections.ask_explanation(world.users["secretariat"], insp)
    assert "MC-01" in str(exc.value)
