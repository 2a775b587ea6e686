"""A report approved before the scorecard and inspection figures were counted keeps what it was approved
with: its page, DOCX and PDF open without those groups (no error, no made-up zeros), and a new count does
not list groups the sent report never had as changed figures."""

from __future__ import annotations

from cchc.core.official_documents import docx_text, pdf_text
from cchc.reports import actions, drafting, periods
from cchc.reports.models import PeriodicReport
from cchc.reports.tests.helpers import quarter_set
from cchc.testing.personas import login_verified

NEW_GROUPS = ("scorecards", "index766", "inspections")


def test_an_old_report_without_the_new_groups_opens_and_compares(world, client):
    quarter_set(world)
    report = actions.draft(world.users["ward_officer"], world.units["p1"], periods.slot("quarter", 2022, 2))
    report = actions.approve(world.users["unit_head"], report)
    old = {k: v for k, v in report.figures.items() if k not in NEW_GROUPS}
    PeriodicReport.objects.filter(pk=report.pk).update(figures=old)
    report.refresh_from_db()

    lines = drafting.figure_lines(report.figures)
    assert not any("Kiểm tra công tác" in s or "Chỉ số cải cách" in s for s in lines["chi_dao"])
    assert not any("766" in s for s in lines["tthc"])
    assert drafting.differences(report.figures, actions.current_figures(report)) == []

    login_verified(client, world.users["leader"])
    page = client.get(f"/bao-cao/dinh-ky/{report.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Tổng số hồ sơ thủ tục hành chính tiếp nhận, giải quyết trong kỳ: 8" in body
    assert 'data-testid="changed"' not in body
    docx = client.get(f"/bao-cao/dinh-ky/{report.pk}.docx")
    assert docx.status_code == 200 and "Số: 01/BC-P1" in docx_text(docx.content)
    pdf = client.get(f"/bao-cao/dinh-ky/{report.pk}.pdf")
    assert pdf.status_code == 200 and "BÁO CÁO" in pdf_text(pdf.content)


def test_the_city_assembles_old_and_new_unit_reports_without_error(world):
    old = {"from": "2022-04-01", "to": "2022-06-30", "tasks": {"total": 2}, "dossiers": {"finished": 3}}
    new = {
        "tasks": {"total": 1},
        "dossiers": {"finished": 1},
        "scorecards": {
            "year": "2022",
            "cards": 1,
            "final": 0,
            "points": 8.5,
            "max_points": 11.0,
            "losses": {},
        },
        "inspections": {"visits": 1, "findings": 2},
    }
    city = drafting.assemble([old, new], periods.slot("quarter", 2022, 2).period)
    assert city["tasks"]["total"] == 3 and city["dossiers"]["finished"] == 4
    assert city["scorecards"]["points"] == 8.5 and city["inspections"]["findings"] == 2
    lines = drafting.figure_lines(city)
    assert any("đạt 8,5 trên 11 điểm" in s for s in lines["chi_dao"])
