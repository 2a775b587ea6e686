"""The approved report's DOCX and PDF print the frozen scorecard and inspection figures under the
outline's first section (direction: the index and the inspections) and the Decision 766 total under the
third (administrative procedures)."""

from __future__ import annotations

import datetime as dt

from cchc.core.official_documents import docx_text, pdf_text
from cchc.oversight.models import Finding, Inspection, InspectionStatus, Severity
from cchc.oversight.tests.scene import one_stop
from cchc.reports import actions, periods
from cchc.reports.tests.helpers import quarter_set
from cchc.scorecards import actions as score_actions
from cchc.scorecards.tests.card_helpers import open_year, score_of
from cchc.testing.personas import login_verified


def test_docx_and_pdf_print_the_index_the_inspections_and_decision_766(world, client):
    quarter_set(world)
    cards = open_year(world)
    score_actions.self_assess(world.users["ward_officer"], score_of(cards["p1"], "1.1"), points="1", note="")
    insp = Inspection.objects.create(
        jurisdiction=world.jurisdictions["city"],
        unit=world.units["p1"],
        topic="Công tác cải cách hành chính",
        template=one_stop(),
        planned_on=dt.date(2022, 5, 2),
        status=InspectionStatus.CONCLUDED,
        visited_on=dt.date(2022, 5, 2),
        concluded_on=dt.date(2022, 5, 9),
    )
    Finding.objects.create(inspection=insp, text="Tồn tại", severity=Severity.SERIOUS, unit=world.units["p1"])
    report = actions.draft(world.users["ward_officer"], world.units["p1"], periods.slot("quarter", 2022, 2))
    actions.approve(world.users["unit_head"], report)
    login_verified(client, world.users["leader"])
    text = docx_text(client.get(f"/bao-cao/dinh-ky/{report.pk}.docx").content)
    direction = text[text.index("1. Công tác chỉ đạo") : text.index("2. Cải cách thể chế")]
    assert "Kiểm tra công tác cải cách hành chính: 1 cuộc kiểm tra thực hiện trong kỳ" in direction
    assert "phát hiện 1 tồn tại, hạn chế (nghiêm trọng 1, lặp lại 0)" in direction
    assert "Chỉ số cải cách hành chính năm 2022: 1 phiếu chấm điểm" in direction
    assert "Tiêu chí 1.1 «" in direction and "mất 2 điểm (1 đơn vị)" in direction
    procedures = text[text.index("3. Cải cách thủ tục hành chính") : text.index("4. Cải cách tổ chức")]
    assert "(Quyết định 766/QĐ-TTg): đạt " in procedures
    pdf = pdf_text(client.get(f"/bao-cao/dinh-ky/{report.pk}.pdf").content)
    assert "Quyết định 766/QĐ-TTg" in " ".join(pdf.split())
