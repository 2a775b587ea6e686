"""The city's report adds up its units' approved scorecard and inspection figures — what each ward
signed for — and works its rates out again from the sums (the index's percentage, the 766 average)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.oversight.models import Finding, Inspection, InspectionStatus, Severity
from cchc.oversight.tests.scene import one_stop
from cchc.reports import actions, drafting, periods
from cchc.reports.tests.helpers import quarter_set
from cchc.scorecards import actions as score_actions
from cchc.scorecards.tests.card_helpers import open_year, score_of

pytestmark = pytest.mark.django_db


def concluded_visit(world, unit: str, findings: int) -> None:
    insp = Inspection.objects.create(
        jurisdiction=world.jurisdictions["city"],
        unit=world.units[unit],
        topic="Công tác cải cách hành chính",
        template=one_stop(),
        planned_on=dt.date(2022, 5, 2),
        status=InspectionStatus.CONCLUDED,
        visited_on=dt.date(2022, 5, 2),
        concluded_on=dt.date(2022, 5, 9),
    )
    for _ in range(findings):
        Finding.objects.create(
            inspection=insp, text="Tồn tại", severity=Severity.MINOR, unit=world.units[unit]
        )


def test_the_city_adds_up_its_units_approved_scorecard_and_inspection_figures(world):
    quarter_set(world)
    cards = open_year(world)
    score_actions.self_assess(world.users["ward_officer"], score_of(cards["p1"], "1.1"), points="1", note="")
    score_actions.self_assess(world.users["ward_officer"], score_of(cards["p1"], "4.1"), points="7", note="")
    score_actions.self_assess(
        world.users["other_ward_officer"], score_of(cards["p2"], "1.1"), points="2", note=""
    )
    concluded_visit(world, "p1", 2)
    concluded_visit(world, "p2", 1)
    q2 = periods.slot("quarter", 2022, 2)
    city = world.jurisdictions["city"]
    actions.open_round(world.users["office"], city, q2)
    p1 = actions.approve(
        world.users["unit_head"], actions.draft(world.users["ward_officer"], world.units["p1"], q2)
    )
    # Phường 2's head has no account among the personas: the approval is recorded in their name.
    p2_draft = actions.draft(world.users["other_ward_officer"], world.units["p2"], q2)
    p2 = actions.record_approval("Chủ tịch UBND Phường 2", p2_draft, at=timezone.now())
    own = actions.draft(world.users["office"], world.units["ubnd"], q2, is_city=True)
    figures = actions.current_figures(own)

    a, b = p1.figures, p2.figures
    for key in a["inspections"]:
        assert figures["inspections"][key] == a["inspections"][key] + b["inspections"][key]
    assert figures["inspections"]["findings"] == 3 and figures["inspections"]["concluded"] == 2
    sc = figures["scorecards"]
    assert (sc["year"], sc["cards"], sc["points"], sc["max_points"]) == ("2022", 2, 10.0, 14.0)
    assert sc["losses"]["1.1"]["lost"] == 3.0 and sc["losses"]["1.1"]["units"] == 2  # 2 + 1 points lost
    assert sc["losses"]["4.1"] == a["scorecards"]["losses"]["4.1"]  # only Phường 1 loses it
    i766 = figures["index766"]
    assert i766["units"] == a["index766"]["units"] + b["index766"]["units"] == 2
    assert i766["points"] == round(a["index766"]["points"] + b["index766"]["points"], 2)

    lines = drafting.figure_lines(figures)
    assert any("2 phiếu chấm điểm" in line and "đạt 10 trên 14 điểm" in line and "71,4 %" in line
               for line in lines["chi_dao"])  # fmt: skip
    average = drafting.points(i766["points"] / 2)
    assert any(f"2 đơn vị có số liệu, điểm bình quân {average}/" in line for line in lines["tthc"])
