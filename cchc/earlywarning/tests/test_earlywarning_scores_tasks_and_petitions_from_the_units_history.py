"""Tasks and petitions get a risk too: time left against how long the unit's finished ones took; with
no history, the legal time decides and the item says "chưa đủ dữ liệu"."""

import datetime as dt

import pytest

from cchc.deadlines.models import Deadline
from cchc.earlywarning.models import Kind, Risk
from cchc.earlywarning.queries import risks_for
from cchc.earlywarning.refresh import refresh
from cchc.earlywarning.tests.scene import TODAY, workdays_before


def _deadline(world, n, *, object_type="directives.task", start, due, done=None, official="ward_officer"):
    return Deadline.objects.create(
        object_type=object_type,
        object_id=str(n),
        title=f"Việc số {n}",
        url=f"/chi-dao/nhiem-vu/{n}/",
        jurisdiction=world.jurisdictions["p1"],
        unit=world.units["p1"],
        official=world.officials[official] if official else None,
        start_date=start,
        due=due,
        original_due=due,
        reported_on=done,
    )


def workdays_after(d, n):
    while n:
        d += dt.timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


@pytest.fixture
def scene(world, settings):
    settings.CCHC_EARLY_WARNING_MIN_HISTORY = 5
    # Ten finished tasks of Phường 1, each reported ten weekdays after its start (8 to 10 working days:
    # the holidays of 30/4 and 1/5 fall inside some of them).
    for n in range(10):
        start = workdays_before(TODAY, 30 + n)
        _deadline(
            world,
            100 + n,
            start=start,
            due=start + dt.timedelta(days=30),
            done=workdays_before(TODAY, 20 + n),
        )
    return world


def test_a_task_with_less_time_left_than_the_unit_usually_needs_is_at_risk(scene):
    _deadline(scene, 1, start=workdays_before(TODAY, 3), due=workdays_after(TODAY, 1))  # 2 days left
    _deadline(scene, 2, start=workdays_before(TODAY, 3), due=workdays_after(TODAY, 14))  # 15 days left
    refresh(TODAY)
    tight, roomy = (Risk.objects.get(kind=Kind.TASK, title=f"Việc số {n}") for n in (1, 2))
    assert tight.risk == 1.0 and roomy.risk == 0.0
    assert "10 trường hợp so sánh" in tight.explanation and tight.level == "unit"
    assert tight.official_id == scene.officials["ward_officer"].pk


def test_a_petition_with_no_history_is_marked_insufficient_and_goes_to_the_head(scene):
    _deadline(scene, 3, object_type="feedback.clock", start=workdays_before(TODAY, 3),
              due=workdays_after(TODAY, 1), official=None)  # fmt: skip
    refresh(TODAY)
    r = Risk.objects.get(kind=Kind.PETITION)
    assert r.insufficient and "chưa đủ dữ liệu" in r.explanation
    assert r.official_id == scene.officials["unit_head"].pk  # nobody holds it: the ward's head
    assert list(risks_for(scene.users["other_ward_officer"]).filter(kind=Kind.PETITION)) == []
