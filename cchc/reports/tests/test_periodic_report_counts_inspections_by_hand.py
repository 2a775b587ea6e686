"""The inspection figures of a periodic report, counted by hand on a set of visits with one edge each:
a visit before, in and after the quarter, a cancelled one, one to another ward; findings of a visit
concluded in the quarter (serious, recurring, remedied on the quarter's last day, left without a
recommendation) and of one concluded before it; recommendations overdue at the quarter's end, due on
its last day, verified after it, and on a visit not concluded yet."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from cchc.deadlines.models import Deadline
from cchc.oversight.models import (
    Finding,
    Inspection,
    InspectionStatus,
    Recommendation,
    Severity,
)
from cchc.oversight.tests.scene import one_stop
from cchc.reports import actions, drafting, periods
from cchc.reports.tests.helpers import Q2

pytestmark = pytest.mark.django_db
D = dt.date
_ids = itertools.count(1)


def visit(world: Any, unit: str, *, visited: dt.date | None, concluded: dt.date | None = None, **kw: Any):
    status = kw.pop(
        "status",
        InspectionStatus.CONCLUDED if concluded else InspectionStatus.IN_PROGRESS if visited else "planned",
    )
    return Inspection.objects.create(
        jurisdiction=world.jurisdictions["city"],
        unit=world.units[unit],
        topic="Công tác cải cách hành chính",
        template=one_stop(),
        planned_on=visited or D(2022, 5, 1),
        status=status,
        visited_on=visited,
        concluded_on=concluded,
    )


def finding(world: Any, insp: Inspection, unit: str = "p1", **kw: Any) -> Finding:
    return Finding.objects.create(
        inspection=insp,
        text="Tồn tại",
        severity=kw.pop("severity", Severity.MINOR),
        unit=world.units[unit],
        **kw,
    )


def recommendation(world: Any, f: Finding, *, due: dt.date, verified: dt.date | None = None) -> None:
    clock = Deadline.objects.create(
        object_type="oversight.recommendation",
        object_id=str(next(_ids)),
        title="Khắc phục",
        jurisdiction=world.jurisdictions["city"],
        unit=f.unit,
        start_date=D(2022, 3, 1),
        due=due,
    )
    Recommendation.objects.create(
        finding=f, text="Khắc phục", unit=f.unit, deadline=clock, verified_on=verified
    )


def test_each_inspection_figure_counts_its_edges(world):
    before = visit(world, "p1", visited=D(2022, 3, 20), concluded=D(2022, 3, 28))
    old = finding(world, before)
    recommendation(world, old, due=D(2022, 5, 1))  # still open at the quarter's end, due before it: overdue

    main = visit(world, "p1", visited=D(2022, 4, 10), concluded=D(2022, 5, 5))
    serious = finding(world, main, severity=Severity.SERIOUS)
    recommendation(world, serious, due=D(2022, 6, 1), verified=D(2022, 6, 30))  # verified on the last day
    two = finding(world, main)
    recommendation(world, two, due=D(2022, 5, 20), verified=D(2022, 6, 1))
    recommendation(world, two, due=D(2022, 6, 15), verified=D(2022, 7, 5))  # verified after: overdue at end
    finding(world, main, recurs=old)  # no recommendation: not remedied
    last_day = finding(world, main)
    recommendation(world, last_day, due=D(2022, 6, 30))  # due on the last day: not overdue yet

    open_visit = visit(world, "p1", visited=D(2022, 6, 28))  # carried out, not concluded
    recommendation(world, finding(world, open_visit), due=D(2022, 6, 29))  # not concluded: not counted
    visit(world, "p1", visited=D(2022, 7, 2))  # after the quarter
    visit(world, "p1", visited=None, status=InspectionStatus.CANCELLED)
    other = visit(world, "p2", visited=D(2022, 4, 12), concluded=D(2022, 4, 20))
    finding(world, other, unit="p2", severity=Severity.SERIOUS)

    figures = drafting.unit_figures(world.units["p1"], Q2)["inspections"]
    assert figures == {
        "visits": 2,
        "concluded": 1,
        "findings": 4,
        "findings_serious": 1,
        "findings_recurring": 1,
        "findings_remedied": 1,
        "recommendations_overdue": 2,
    }
    p2 = drafting.unit_figures(world.units["p2"], Q2)["inspections"]
    assert (p2["visits"], p2["concluded"], p2["findings"], p2["findings_serious"]) == (1, 1, 1, 1)

    lines = drafting.figure_lines(drafting.unit_figures(world.units["p1"], Q2))["chi_dao"]
    assert (
        "Kiểm tra công tác cải cách hành chính: 2 cuộc kiểm tra thực hiện trong kỳ, 1 cuộc đã có kết luận; "
        "phát hiện 4 tồn tại, hạn chế (nghiêm trọng 1, lặp lại 1), đã khắc phục xong 1; 2 kiến nghị khắc "
        "phục quá hạn chưa được xác nhận đến cuối kỳ."
    ) in lines


def test_an_approved_report_keeps_its_inspection_figures_and_a_new_count_shows_the_change(world):
    main = visit(world, "p1", visited=D(2022, 4, 10), concluded=D(2022, 5, 5))
    finding(world, main)
    report = actions.draft(world.users["ward_officer"], world.units["p1"], periods.slot("quarter", 2022, 2))
    report = actions.approve(world.users["unit_head"], report)
    assert report.figures["inspections"]["findings"] == 1
    finding(world, main, severity=Severity.SERIOUS)  # recorded after the approval
    changed = {
        drafting.label(path): (sent, now)
        for path, sent, now in drafting.differences(report.figures, actions.current_figures(report))
    }
    assert changed["Kiểm tra cải cách hành chính — tồn tại, hạn chế phát hiện"] == (1, 2)
    assert changed["Kiểm tra cải cách hành chính — tồn tại nghiêm trọng"] == (0, 1)
