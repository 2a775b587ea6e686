"""The demo shows the scorecards with meaningful data: a card for every agency and ward with a spread
of scores and cards at every stage, the province's published results, solutions whose tasks are in
every state (one flagged: done while its criterion still loses points), and Decision 766 per ward
from demo dossiers that carry the new fields, with a spread of digitisation."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cchc.core import demo_clock
from cchc.dossiers.models import Dossier
from cchc.org.models import Jurisdiction, Unit
from cchc.scorecards import ledger766, periods, solutions
from cchc.scorecards.models import PublishedResult, Scorecard, Solution, Stage
from cchc.scorecards.queries import card_result

pytestmark = pytest.mark.django_db


def test_the_demo_scorecards(monkeypatch):
    monkeypatch.setenv("CCHC_DEMO_DOSSIERS", "4000")
    call_command("load_demo", "--only", "org,calendar,dossiers,directives,scorecards", verbosity=0)
    cards = list(Scorecard.objects.select_related("unit"))
    assert len(cards) == Unit.objects.filter(kind__in=["agency", "ward"]).count() > 20
    assert {c.stage for c in cards} == set(Stage)
    percents = [card_result(c).percent for c in cards if c.stage in (Stage.APPRAISED, Stage.SCORED)]
    assert max(percents) - min(percents) > 15, percents
    assert PublishedResult.objects.filter(family="parindex").exists()

    states = {solutions.state_of(s, 1.0).label for s in Solution.objects.select_related("task__deadline")}
    assert {"Chưa giao nhiệm vụ", "Nhiệm vụ đang thực hiện", "Nhiệm vụ quá hạn", "Nhiệm vụ đã hủy"} <= states
    assert any(label.startswith("Nhiệm vụ đã hoàn thành") for label in states)
    assert any(s.task and s.task.status == "awaiting" for s in Solution.objects.select_related("task"))

    assert Dossier.objects.filter(digitised_inputs__isnull=False).exists()
    city = Jurisdiction.objects.get(code="747")
    doc = ledger766.city_document(city, periods.parse(str(demo_clock.demo_year())).period)
    digitised = {
        u["unit"]: i["rate"]
        for u in doc["units"]
        for i in u["indicators"]
        if i["code"] == "4.2" and i["rate"] is not None and u["unit"].startswith("UBND-")
    }
    assert len(digitised) >= 10
    assert max(digitised.values()) - min(digitised.values()) > 0.2, digitised
