"""The council changes a proposed result only with a reason, recorded by its secretary; only the chair
(the leader) approves; an approved round is frozen — no change, no recomputation, no second approval —
and each step leaves a typed audit event."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.core.models import AuditEvent
from cchc.emulation import actions
from cchc.emulation.audit_events import EmulationEvents
from cchc.emulation.models import Change, Entry, Grade, Kind, RoundStatus, Title
from cchc.emulation.tests import scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def rnd(world, directive, settings):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 10
    scene.build(world, directive)
    return scene.proposed(world)


def _unit(rnd, code, kind=Kind.UNIT):
    return rnd.entries.get(unit__code=code, kind=kind)


def test_a_change_without_a_reason_is_refused_and_nothing_changes(world, rnd):
    entry = _unit(rnd, "VP")
    for reason in ("", "   ", "\x00"):
        with pytest.raises(ValidationError) as err:
            actions.adjust(world.users["secretariat"], entry, grade=Grade.DONE, title="", reason=reason)
        assert "reason" in err.value.message_dict
    entry.refresh_from_db()
    assert (entry.grade, entry.title) == (Grade.GOOD, Title.ADVANCED)
    assert not Change.objects.exists()


def test_a_change_with_its_reason_is_kept_beside_the_proposal(world, rnd):
    entry = _unit(rnd, "VP")
    change = actions.adjust(
        world.users["secretariat"],
        entry,
        grade=Grade.DONE,
        title="",
        reason="Hội đồng: phong trào thi đua của đơn vị chưa thường xuyên",
    )
    entry.refresh_from_db()
    assert (entry.proposed_grade, entry.grade, entry.title) == (Grade.GOOD, Grade.DONE, "")
    assert entry.changed and (change.old_grade, change.new_grade) == (Grade.GOOD, Grade.DONE)
    assert change.old_title == Title.ADVANCED and change.by == world.users["secretariat"]
    event = AuditEvent.objects.get(verb=EmulationEvents.ADJUSTED)
    assert event.data["reason"].startswith("Hội đồng: phong trào")


@pytest.mark.parametrize(
    ("grade", "title", "field"),
    [
        ("tot-lam", "", "grade"),
        (Grade.GOOD, "co-thi-dua", "title"),
        (Grade.GOOD, Title.EXCELLENT, "title"),  # the excellent collective needs the excellent level
        (Grade.DONE, Title.ADVANCED, "title"),  # the advanced collective needs "good" or better
    ],
)
def test_an_impossible_result_is_refused(world, rnd, grade, title, field):
    with pytest.raises(ValidationError) as err:
        actions.adjust(world.users["secretariat"], _unit(rnd, "VP"), grade=grade, title=title, reason="Lý do")
    assert field in err.value.message_dict
    assert not Change.objects.exists()


def test_a_head_gets_a_level_but_no_collective_title(world, rnd):
    with pytest.raises(ValidationError):
        actions.adjust(
            world.users["secretariat"],
            _unit(rnd, "P1", Kind.HEAD),
            grade=Grade.GOOD,
            title=Title.ADVANCED,
            reason="x",
        )


@pytest.mark.parametrize("who", ["leader", "office", "auditor", "unit_head", "ward_officer", "front"])
def test_only_the_councils_secretary_records_changes(world, rnd, who):
    with pytest.raises(PermissionDenied):
        actions.adjust(world.users[who], _unit(rnd, "VP"), grade=Grade.DONE, title="", reason="Lý do")


@pytest.mark.parametrize("who", ["secretariat", "office", "auditor", "unit_head", "front"])
def test_only_the_chair_approves(world, rnd, who):
    with pytest.raises(PermissionDenied):
        actions.approve(world.users[who], rnd)
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.COUNCIL


def test_an_approved_round_is_frozen(world, rnd):
    actions.adjust(world.users["secretariat"], _unit(rnd, "TTr"), grade=Grade.DONE, title="", reason="Lý do")
    actions.approve(world.users["leader"], rnd)
    rnd.refresh_from_db()
    assert rnd.frozen and rnd.approved_by == world.users["leader"]
    before = list(Entry.objects.order_by("pk").values())
    with pytest.raises((PermissionDenied, ValidationError)):
        actions.adjust(
            world.users["secretariat"], _unit(rnd, "VP"), grade=Grade.DONE, title="", reason="Lý do"
        )
    with pytest.raises((PermissionDenied, ValidationError)):
        actions.recompute(world.users["secretariat"], rnd)
    with pytest.raises((PermissionDenied, ValidationError)):
        actions.approve(world.users["leader"], rnd)
    assert list(Entry.objects.order_by("pk").values()) == before
    assert AuditEvent.objects.filter(verb=EmulationEvents.APPROVED).count() == 1


def test_recomputing_is_refused_once_the_council_has_changed_something(world, rnd):
    again = actions.recompute(world.users["secretariat"], rnd, today=scene.TODAY)
    assert again.entries.count() == 6
    actions.adjust(world.users["secretariat"], _unit(again, "VP"), grade=Grade.DONE, title="", reason="Lý do")
    with pytest.raises(ValidationError):
        actions.recompute(world.users["secretariat"], again, today=scene.TODAY)


def test_a_year_is_proposed_once_and_never_in_the_future(world, rnd):
    sec = world.users["secretariat"]
    for year in (scene.YEAR, 2024, 1999):
        with pytest.raises(ValidationError) as err:
            actions.propose(sec, world.jurisdictions["city"], year=year, today=scene.TODAY)
        assert "year" in err.value.message_dict
