"""The demo's oversight year, dated from the demo clock: visits in every state, a finding flagged as
recurring, follow-ups verified, overdue and awaiting verification, one disciplinary record decided
after the explanation, an audit conclusion with corrections; loading again adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cchc.core import demo_clock
from cchc.deadlines.actions import state
from cchc.lib.deadlines import State
from cchc.oversight.models import (
    AuditConclusion,
    Finding,
    Inspection,
    InspectionPlan,
    InspectionStatus,
    Recommendation,
    ResponsibilityCase,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, monkeypatch):
    settings.CCHC_DEMO = True
    monkeypatch.setenv("CCHC_DEMO_TODAY", "2026-12-06")
    call_command("load_demo", "--only", "org,calendar,oversight", verbosity=0)


def test_every_visit_state_is_shown(demo):
    states = set(Inspection.objects.values_list("status", flat=True))
    assert states == set(InspectionStatus.values)
    assert Inspection.objects.filter(plan__isnull=True).exists()  # an unannounced visit
    assert InspectionPlan.objects.filter(year=demo_clock.today().year, status="approved").exists()


def test_follow_ups_in_each_state_and_a_recurring_finding(demo):
    today = demo_clock.today()
    seen = {state(r.deadline, today) for r in Recommendation.objects.select_related("deadline")}
    assert {State.DONE_ON_TIME, State.OPEN_OVERDUE, State.AWAITING_CONFIRMATION} <= seen
    assert Finding.objects.filter(recurs__isnull=False).count() == 1


def test_one_disciplinary_record_decided_after_the_explanation(demo):
    case = ResponsibilityCase.objects.get()
    assert case.decision == "khien-trach"
    assert case.explained_on is not None and case.explained_on <= case.decided_on


def test_an_audit_conclusion_with_its_corrections_and_loading_again_adds_nothing(demo):
    assert AuditConclusion.objects.get().corrections.count() == 3
    before = Inspection.objects.count()
    call_command("load_demo", "--only", "oversight", verbosity=0)
    assert Inspection.objects.count() == before
