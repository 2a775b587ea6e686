"""The scorecard figures of a periodic report: the unit's city-index card (points, the maximum of the
criteria scored so far, the criteria losing points with their solutions, tasks given and tasks done)
counted by hand, and its Decision 766 total equal to the row the 766 pages show for the same unit and
quarter."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.directives.actions_register import register_directive
from cchc.directives.models import TaskStatus
from cchc.lib.dossier_period import Period
from cchc.reports import drafting
from cchc.reports.tests.helpers import Q2, quarter_set
from cchc.scorecards import actions, actions_solutions, ledger766
from cchc.scorecards.queries766 import city_area
from cchc.scorecards.tests.card_helpers import open_year, score_of

pytestmark = pytest.mark.django_db


def directive(world):
    return register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "issued", "issuer": "UBND thành phố", "number": "7190", "symbol": "UBND-NV",
            "date": dt.date(2022, 3, 15), "place": "Vũng Tàu", "doc_type": "cong_van", "subject": "CCHC",
            "signer_authority": "KT.", "signer_position": "Phó Chủ tịch", "signer_name": "Vũ Hồng Thuận",
        },
    )  # fmt: skip


def test_the_city_index_card_is_counted_with_its_losses_and_solutions(world):
    cards = open_year(world)
    actions.self_assess(world.users["ward_officer"], score_of(cards["p1"], "1.1"), points="1", note="")
    actions.self_assess(world.users["ward_officer"], score_of(cards["p1"], "4.1"), points="7", note="")
    actions.self_assess(world.users["other_ward_officer"], score_of(cards["p2"], "1.1"), points="2", note="")
    sol = actions_solutions.add_solution(
        world.users["leader"], score_of(cards["p1"], "1.1"), text="Ban hành sớm"
    )
    actions_solutions.add_solution(
        world.users["leader"], score_of(cards["p1"], "1.1"), text="Phân công theo dõi"
    )
    task = actions_solutions.make_task(
        world.users["leader"], sol, directive=directive(world), due=dt.date(2030, 1, 1)
    )
    task.status = TaskStatus.DONE
    task.save(update_fields=["status"])

    figures = drafting.unit_figures(world.units["p1"], Q2)["scorecards"]
    assert {k: v for k, v in figures.items() if k != "losses"} == {
        "year": "2022",
        "cards": 1,
        "final": 0,
        "points": 8.0,  # 1 of 3 for 1.1, 7 of 8 for 4.1; criteria without points are left out
        "max_points": 11.0,
    }
    assert {
        code: {k: v for k, v in loss.items() if k != "title"} for code, loss in figures["losses"].items()
    } == {
        "1.1": {"lost": 2.0, "units": 1, "solutions": 2, "tasks": 1, "tasks_done": 1},
        "4.1": {"lost": 1.0, "units": 1, "solutions": 0, "tasks": 0, "tasks_done": 0},
    }
    lines = drafting.figure_lines(drafting.unit_figures(world.units["p1"], Q2))["chi_dao"]
    assert (
        "Chỉ số cải cách hành chính năm 2022: 1 phiếu chấm điểm (0 đã chốt điểm); đạt 8 trên 11 điểm của "
        "các tiêu chí đã chấm, tỷ lệ 72,7 %."
    ) in lines
    first = next(line for line in lines if line.startswith("Tiêu chí 1.1 "))
    assert first.endswith("mất 2 điểm (1 đơn vị); giải pháp khắc phục: 2, đã giao 1 nhiệm vụ, hoàn thành 1.")
    # The other ward's card is not in Phường 1's report.
    assert drafting.unit_figures(world.units["p2"], Q2)["scorecards"]["points"] == 2.0


def test_a_period_before_any_index_year_says_there_is_no_index_yet(world):
    open_year(world)
    figures = drafting.unit_figures(world.units["p1"], Period(dt.date(2021, 1, 1), dt.date(2021, 3, 31)))
    assert figures["scorecards"]["cards"] == 0 and figures["scorecards"]["year"] == ""
    assert (
        "Chưa có bộ Chỉ số cải cách hành chính của thành phố cho kỳ báo cáo."
        in drafting.figure_lines(figures)["chi_dao"]
    )


def test_the_decision_766_total_is_the_row_the_766_pages_show(world):
    quarter_set(world)
    doc = ledger766.city_document(city_area(world.jurisdictions["p1"]), Q2)
    rows = {u["unit"]: u for u in doc["units"]}
    for key, code in (("p1", "P1"), ("p2", "P2")):
        got = drafting.unit_figures(world.units[key], Q2)["index766"]
        assert rows[code]["total"] is not None
        assert got == {"units": 1, "points": rows[code]["total"], "max_points": rows[code]["max_total"]}
    p1 = drafting.unit_figures(world.units["p1"], Q2)
    total, top = p1["index766"]["points"], p1["index766"]["max_points"]
    assert drafting.index766_lines(p1["index766"])[0].endswith(
        f"đạt {drafting.points(total)}/{drafting.points(top)} điểm."
    )
    # A unit without dossiers or petitions in the quarter has no Decision 766 score.
    assert drafting.unit_figures(world.units["nv"], Q2)["index766"]["units"] == 0
