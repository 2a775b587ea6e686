"""Draft → sent → reviewed by Internal Affairs → approved by the leader, which opens the follow-up task
on the directives' machinery (deadline, lead unit receiving the power); each step writes its event and
the proposing unit's head hears the decision after it commits."""

import datetime as dt

from django.core import mail

from cchc.core.models import AuditEvent
from cchc.directives.models import TaskStatus
from cchc.proposals import actions
from cchc.proposals.models import Status


def test_the_whole_path_ends_in_a_task_with_a_deadline(
    world, proposal, directive, django_capture_on_commit_callbacks
):
    actions.submit(world.users["unit_head"], proposal)
    assert proposal.status == Status.SUBMITTED
    actions.review(world.users["secretariat"], proposal, opinion="support", note="Phù hợp Điều 14 Luật 2025")
    assert proposal.status == Status.REVIEWED
    due = dt.date.today() + dt.timedelta(days=60)
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide(
            world.users["leader"],
            proposal,
            approve=True,
            decision_number="123/QĐ-UBND",
            note="Đồng ý",
            directive=directive,
            due=due,
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED and proposal.decided_on == dt.date.today()
    task = proposal.task
    assert task is not None and task.status == TaskStatus.OPEN
    assert task.lead_unit == world.units["p1"] and task.directive == directive
    assert task.deadline.due >= due and "123/QĐ-UBND" in task.text
    verbs = list(
        AuditEvent.objects.filter(object_type="proposals.proposal")
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["proposal.created", "proposal.submitted", "proposal.reviewed", "proposal.approved"]
    assert [m.to for m in mail.outbox] == [["unit_head@example.test"]]


def test_returning_sends_the_proposal_back_to_draft_for_its_unit(world, proposal):
    actions.submit(world.users["unit_head"], proposal)
    actions.review(world.users["secretariat"], proposal, opinion="return", note="Bổ sung căn cứ")
    proposal.refresh_from_db()
    assert proposal.status == Status.DRAFT and proposal.review_note == "Bổ sung căn cứ"
    actions.submit(world.users["ward_officer"], proposal)
    assert proposal.status == Status.SUBMITTED


def test_a_rejection_needs_a_reason_and_opens_no_task(world, proposal):
    actions.submit(world.users["unit_head"], proposal)
    actions.review(world.users["secretariat"], proposal, opinion="oppose", note="Chưa đủ điều kiện")
    actions.decide(
        world.users["leader"], proposal, approve=False, decision_number="45/TB-UBND", note="Chưa phù hợp"
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED and proposal.task is None
