"""A simplification without its procedure, a delegation without from/to, no saving, a decision before
the review, an approval without a deadline or document: each refused with a Vietnamese message naming
the field, and nothing changes (no task, no status)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.directives.models import Task
from cchc.proposals import actions
from cchc.proposals.models import Proposal, Status
from cchc.proposals.tests.conftest import drafted


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "simplify", "procedure": None}, "procedure"),
        ({"to_unit": None}, "to_unit"),
        ({"days_saved": None, "cost_saved": None}, "days_saved"),
        ({"legal_basis": "  "}, "legal_basis"),
        ({"kind": "xyz"}, "kind"),
        ({"days_saved": -3}, "days_saved"),
    ],
)
def test_an_incomplete_proposal_is_refused_naming_the_field(world, changes, field):
    with pytest.raises(ValidationError) as caught:
        drafted(world, **changes)
    assert field in caught.value.message_dict
    assert not Proposal.objects.exists()


def test_a_decision_before_the_review_is_refused(world, proposal, directive):
    actions.submit(world.users["unit_head"], proposal)
    with pytest.raises(PermissionDenied):
        actions.decide(
            world.users["leader"],
            proposal,
            approve=True,
            decision_number="1/QĐ",
            note="",
            directive=directive,
            due=dt.date.today(),
        )
    with pytest.raises(ValidationError, match="chưa được thẩm định"):
        actions.decide(
            "kiểm thử",
            proposal,
            approve=True,
            decision_number="1/QĐ",
            note="",
            directive=directive,
            due=dt.date.today(),
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED and not Task.objects.exists()


def test_an_approval_without_a_deadline_or_document_is_refused(world, proposal, directive):
    actions.submit(world.users["unit_head"], proposal)
    actions.review(world.users["secretariat"], proposal, opinion="support", note="Đồng ý")
    with pytest.raises(ValidationError) as caught:
        actions.decide(
            world.users["leader"],
            proposal,
            approve=True,
            decision_number="1/QĐ",
            note="",
            directive=None,
            due=None,
        )
    assert {"directive", "due"} <= set(caught.value.message_dict)
    with pytest.raises(ValidationError, match="trước ngày quyết định"):
        actions.decide(
            world.users["leader"],
            proposal,
            approve=True,
            decision_number="1/QĐ",
            note="",
            directive=directive,
            due=dt.date.today() - dt.timedelta(days=1),
        )
    proposal.refresh_from_db()
    assert proposal.status == Status.REVIEWED and proposal.task is None and not Task.objects.exists()


@pytest.mark.parametrize(
    "who", ["leader", "office", "auditor", "ward_officer", "unit_head", "front", "one_stop"]
)
def test_only_internal_affairs_reviews(world, proposal, who):
    actions.submit(world.users["unit_head"], proposal)
    with pytest.raises(PermissionDenied):
        actions.review(world.users[who], proposal, opinion="support", note="x")
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


@pytest.mark.parametrize("who", ["secretariat", "office", "auditor", "unit_head", "front"])
def test_only_the_leader_decides(world, proposal, directive, who):
    actions.submit(world.users["unit_head"], proposal)
    actions.review(world.users["secretariat"], proposal, opinion="support", note="Đồng ý")
    with pytest.raises(PermissionDenied):
        actions.decide(world.users[who], proposal, approve=False, decision_number="1", note="Không")
    proposal.refresh_from_db()
    assert proposal.status == Status.REVIEWED


def test_a_unit_proposes_only_for_itself(world):
    with pytest.raises(PermissionDenied):
        drafted(world, "other_ward_officer")
    with pytest.raises(PermissionDenied):
        drafted(world, "front")
    assert drafted(world, "secretariat").proposing_unit == world.units["p1"]
