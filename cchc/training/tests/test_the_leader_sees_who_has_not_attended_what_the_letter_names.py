"""Coverage of the letter's compulsory topics: the audience in the reader's scope, who attended a held
class on the topic (counted once), and who has not, grouped by unit. A unit's head sees only their
unit's people; a class not yet held counts nobody."""

from cchc.training import actions
from cchc.training.models import Attendance
from cchc.training.queries import coverage
from cchc.training.tests.conftest import make_class


def _by_code(rows):
    return {row.topic.code: row for row in rows}


def test_attendance_moves_an_official_from_untrained_to_trained(world, held_class, course):
    sec = world.users["secretariat"]
    before = _by_code(coverage(world.users["leader"]))
    assert set(before) == {"dich-vu-cong-truc-tuyen", "so-hoa-ho-so", "giao-tiep-ung-xu"}
    online = before["dich-vu-cong-truc-tuyen"]
    assert (online.audience, online.trained) == (1, 0)  # the one-stop officer of Phường 1
    assert [p.code for gap in online.units for p in gap.untrained] == ["CB-P1-MC"]

    later = make_class(world, course, days_from_today=4, name="Lớp 2")
    actions.invite(sec, later, [world.officials["one_stop"]])
    assert _by_code(coverage(world.users["leader"]))["dich-vu-cong-truc-tuyen"].trained == 0

    (row,) = actions.invite(sec, held_class, [world.officials["one_stop"]])
    actions.record_attendance(sec, held_class, {row.pk: Attendance.PRESENT})
    after = _by_code(coverage(world.users["leader"]))
    assert (after["dich-vu-cong-truc-tuyen"].trained, after["dich-vu-cong-truc-tuyen"].units) == (1, [])
    assert after["dich-vu-cong-truc-tuyen"].percent == 100
    assert after["so-hoa-ho-so"].trained == 0


def test_a_unit_head_sees_their_units_people_and_another_ward_sees_none(world):
    head = _by_code(coverage(world.users["unit_head"]))
    assert head["so-hoa-ho-so"].audience == 1
    other = _by_code(coverage(world.users["other_ward_officer"]))
    assert other["so-hoa-ho-so"].audience == 0 and other["so-hoa-ho-so"].percent is None
