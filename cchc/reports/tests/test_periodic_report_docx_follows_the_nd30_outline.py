"""The approved report downloaded as DOCX: the unit under its parent, its number, "BÁO CÁO" and the
summary naming the period, "Kính gửi" the city's committee, the outline's sections with the unit's own
text and, under them, the frozen figures; the PDF opens too."""

from __future__ import annotations

from cchc.core.official_documents import docx_text, pdf_text
from cchc.reports import actions, periods
from cchc.reports.tests.helpers import quarter_set
from cchc.testing.personas import login_verified


def test_docx_carries_the_layout_the_text_and_the_frozen_figures(world, client):
    quarter_set(world)
    q2 = periods.slot("quarter", 2022, 2)
    report = actions.draft(world.users["ward_officer"], world.units["p1"], q2)
    actions.edit_sections(world.users["ward_officer"], report, {"ton_tai": "Một số hồ sơ đất đai còn chậm."})
    actions.approve(world.users["unit_head"], report)
    login_verified(client, world.users["leader"])
    r = client.get(f"/bao-cao/dinh-ky/{report.pk}.docx")
    assert r.status_code == 200
    text = docx_text(r.content)
    for expected in (
        "ỦY BAN NHÂN DÂN PHƯỜNG 1",
        "Số: 01/BC-P1",
        "BÁO CÁO",
        "Kết quả thực hiện công tác cải cách hành chính quý II năm 2022",
        "Kính gửi: Ủy ban nhân dân thành phố Vũng Tàu",
        "3. Cải cách thủ tục hành chính",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "Một số hồ sơ đất đai còn chậm.",
        "Đã giải quyết 5 hồ sơ: trước hạn 1, đúng hạn 2, quá hạn 2; tỷ lệ giải quyết đúng hạn 60,0 %",
        "Hoàng Minh Đức",
    ):
        assert expected in text, expected
    pdf = client.get(f"/bao-cao/dinh-ky/{report.pk}.pdf")
    assert pdf.status_code == 200 and "BÁO CÁO" in pdf_text(pdf.content)
