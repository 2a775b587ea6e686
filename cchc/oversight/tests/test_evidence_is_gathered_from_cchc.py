"""Evidence for a responsibility record comes from what CCHC already holds, each from its own
definition: late dossiers whose causes name the official, tasks overdue today led by the unit of a head
answering for it, inspection findings naming the person. Nothing held: a clear refusal, nothing added."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cchc.directives.actions import create_task
from cchc.dossiers.tests.factories import late_dossier
from cchc.oversight.actions import cases, followups
from cchc.oversight.tests.scene import started_visit
from cchc.oversight.tests.test_plan_proposals_come_from_the_figures import _directive

pytestmark = pytest.mark.django_db


def _noon(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def test_late_dossiers_naming_the_officer_and_findings_naming_her(world):
    today = timezone.localdate()
    for n in range(3):
        received = _noon(today - dt.timedelta(days=40 + n))
        late_dossier(
            world, f"TRE-{n}", received=received, finished_on=(received + dt.timedelta(days=7)).date()
        )
    insp = started_visit(world)
    followups.add_finding(
        world.users["secretariat"],
        insp,
        code="MC-05",
        text="Yêu cầu thêm giấy tờ",
        severity="moderate",
        official=world.officials["ward_officer"],
    )
    case = cases.open_case(world.users["secretariat"], world.officials["ward_officer"], grounds="Trễ hạn")
    found = cases.gather_from_cchc(world.users["secretariat"], case)
    kinds = {e.kind: e for e in found}
    assert kinds["late_dossiers"].summary.startswith("3 hồ sơ trễ hạn")
    assert "Yêu cầu thêm giấy tờ" in kinds["finding"].summary
    assert "overdue_tasks" not in kinds  # she is not a head


def test_a_head_answers_for_the_overdue_tasks_of_the_unit(world):
    today = timezone.localdate()
    directive = _directive(world, today - dt.timedelta(days=60))
    for n in range(2):
        create_task(
            world.users["office"],
            directive,
            text=f"Việc {n}",
            lead_unit=world.units["p1"],
            assigner_unit=world.units["ubnd"],
            due=today - dt.timedelta(days=10),
            start=today - dt.timedelta(days=60),
        )
    case = cases.open_case(
        world.users["secretariat"],
        world.officials["unit_head"],
        grounds="Đơn vị không hoàn thành nhiệm vụ",
        as_head=True,
    )
    assert case.competent_head == world.officials["leader"]
    found = cases.gather_from_cchc(world.users["secretariat"], case)
    assert [e.kind for e in found] == ["overdue_tasks"]
    assert len(found[0].refs) == 2


def test_nothing_held_is_said_and_nothing_added(world):
    case = cases.open_case(
        world.users["secretariat"], world.officials["other_ward_officer"], grounds="Xem xét"
    )
    with pytest.raises(ValidationError):
        cases.gather_from_cchc(world.users["secretariat"], case)
    assert not case.evidence.exists()
