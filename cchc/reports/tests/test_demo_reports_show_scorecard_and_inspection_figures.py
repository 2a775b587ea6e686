"""On the demo, the periodic reports carry the scorecard and inspection figures: every approved ward or
agency report froze its city-index card, and the demo ward's draft for the latest quarter (the quarter
of the demo's concluded visit to its one-stop desk) prints that visit's findings."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from cchc.reports import actions, drafting
from cchc.reports.models import PeriodicReport, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, monkeypatch):
    settings.CCHC_DEMO = True
    monkeypatch.setenv("CCHC_DEMO_TODAY", "2026-11-20")
    call_command("load_demo", "--only", "org,calendar,scorecards,oversight,reports", verbosity=0)


def test_demo_reports_show_the_index_and_the_inspections(demo):
    approved = PeriodicReport.objects.filter(is_city=False, state__in=[State.APPROVED, State.SUBMITTED])
    assert approved.exists()
    assert all(r.figures["scorecards"]["cards"] == 1 for r in approved)
    assert any(r.figures["scorecards"]["losses"] for r in approved)
    latest = PeriodicReport.objects.filter(is_city=False).order_by("-year", "-part").first()
    assert latest is not None
    ward = PeriodicReport.objects.get(
        unit__code="UBND-P1", kind=latest.kind, year=latest.year, part=latest.part, is_city=False
    )
    assert ward.state == State.DRAFT
    figures = actions.current_figures(ward)
    assert figures["inspections"]["concluded"] == 1 and figures["inspections"]["findings"] == 2
    lines = drafting.figure_lines(figures)["chi_dao"]
    assert any(line.startswith("Kiểm tra công tác cải cách hành chính: 1 cuộc") for line in lines)
    assert any(line.startswith("Chỉ số cải cách hành chính năm 2026: 1 phiếu chấm điểm") for line in lines)
