"""A 2022 scene on the shared personas, built so that every figure of the classification can be computed
by hand (docs/rules/emulation.md):

- Phường 1: city index 100 %; 20 dossiers finished in 2022, 1 late (5 %); no overdue task; a serious
  finding at a visit concluded on 5/11/2022; its ward officer given a warning (cảnh cáo) on 1/12/2022;
  its head's responsibility handled by a reminder (nhắc nhở) on 2/12/2022.
- Phường 2: city index 95 %; 10 dossiers finished on time; nothing else.
- Phòng Nội vụ: no card; 3 tasks it leads overdue since 30/9/2022.
- Văn phòng, Thanh tra: no card, no figure.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.factories import LOCAL, add_facts, at, dossier, late_dossier
from cchc.emulation import actions
from cchc.emulation.models import Round
from cchc.oversight.models import CaseStage, ResponsibilityCase
from cchc.scorecards import actions as sc_actions
from cchc.scorecards import cards

YEAR = 2022
TODAY = dt.date(2023, 1, 10)


def _score_card(card: Any, share: Fraction) -> None:
    s = cards.index_set(card.version)
    rows = {r.code: r for r in card.scores.all()}
    for top in s.children:
        for leaf in top.leaves():
            row = rows.get(leaf.code)
            if row is None or leaf.rule == "computed":
                continue
            row.appraised_points = Decimal(str(round(float(leaf.max_points * share), 2)))
            row.save(update_fields=["appraised_points"])


def _case(world: Any, who: str, head: str, decision: str, on: dt.date, *, as_head: bool = False) -> None:
    ResponsibilityCase.objects.create(
        jurisdiction=world.jurisdictions["city"],
        official=world.officials[who],
        competent_head=world.officials[head],
        as_head=as_head,
        grounds="Vi phạm trong giải quyết công việc",
        stage=CaseStage.DECIDED,
        opened_on=on - dt.timedelta(days=20),
        decision=decision,
        decision_text="Quyết định xử lý",
        decided_on=on,
    )


def build(world: Any, directive: Any) -> None:
    from cchc.directives.tests.conftest import make_task
    from cchc.oversight.actions import followups, inspections
    from cchc.oversight.tests.scene import ad_hoc_visit, answer_all

    version = sc_actions.load_version("tests", world.jurisdictions["city"], YEAR)
    p1, p2 = sc_actions.open_cards("tests", version, [world.units["p1"], world.units["p2"]])
    _score_card(p1, Fraction(1))
    _score_card(p2, Fraction(95, 100))

    made = [late_dossier(world, "P1-LATE", received=at(2022, 3, 1))]
    for i in range(19):
        made.append(dossier(world, f"P1-{i}", received=at(2022, 4, 1 + i), end=at(2022, 4, 3 + i)))
    for i in range(10):
        made.append(
            dossier(
                world,
                f"P2-{i}",
                handling="p2",
                receiving="p2",
                received=at(2022, 5, 1 + i),
                end=at(2022, 5, 3 + i),
            )
        )
    # The day processing ended, as the write path stores it (the factory leaves it to the caller).
    for d in made:
        assert d.end_at is not None
        Dossier.objects.filter(pk=d.pk).update(finished_on=d.end_at.astimezone(LOCAL).date())
    add_facts(made)

    for i in range(3):
        make_task(
            world, directive, "nv", due=dt.date(2022, 9, 30), text=f"Nhiệm vụ của Phòng Nội vụ số {i + 1}"
        )

    ia = world.users["secretariat"]
    insp = ad_hoc_visit(world, on=dt.date(2022, 11, 1))
    answer_all(world, insp, not_met=("MC-05",))
    followups.add_finding(
        ia, insp, code="MC-05", text="Yêu cầu thêm giấy tờ ngoài quy định", severity="serious"
    )
    inspections.ask_explanation(ia, insp)
    inspections.explain(world.users["unit_head"], insp, text="Đơn vị đã chấn chỉnh.", on=dt.date(2022, 11, 3))
    inspections.conclude(ia, insp, text="Yêu cầu chấn chỉnh.", on=dt.date(2022, 11, 5))

    _case(world, "ward_officer", "unit_head", "canh-cao", dt.date(2022, 12, 1))
    _case(world, "unit_head", "leader", "nhac-nho", dt.date(2022, 12, 2), as_head=True)


def proposed(world: Any) -> Round:
    return actions.propose(world.users["secretariat"], world.jurisdictions["city"], year=YEAR, today=TODAY)
