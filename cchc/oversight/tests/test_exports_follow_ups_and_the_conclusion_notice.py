"""Files: the follow-up list as a workbook with the page's rows and states (only what the reader may
see), and a concluded visit's notice in the Decree 30 layout, as Word and PDF, signed by the team lead;
a visit without a conclusion has no notice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.core.official_documents import docx_text
from cchc.directives.tests.conftest import xlsx_rows
from cchc.oversight.actions import followups, inspections
from cchc.oversight.tests.scene import answer_all, started_visit
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def concluded(world):
    ia = world.users["secretariat"]
    insp = started_visit(world)
    answer_all(world, insp, not_met=("MC-09",))
    f = followups.add_finding(ia, insp, code="MC-09", text="Thiếu giấy hẹn trả kết quả", severity="moderate")
    followups.add_recommendation(
        ia, f, text="Lập giấy hẹn cho mọi hồ sơ", due=timezone.localdate() + dt.timedelta(days=15)
    )
    inspections.ask_explanation(ia, insp)
    inspections.explain(world.users["unit_head"], insp, text="Do máy in hỏng")
    inspections.conclude(ia, insp, text="Đơn vị khắc phục trong 15 ngày.")
    return insp


def test_the_follow_up_workbook_lists_what_the_reader_may_see(client, world, concluded):
    login_verified(client, world.users["unit_head"])
    response = client.get("/kiem-tra/kien-nghi/xuat.xlsx")
    assert response.status_code == 200
    values = [c for row in xlsx_rows(response.content) for c in row if c]
    assert "Lập giấy hẹn cho mọi hồ sơ" in values and "Chưa hoàn thành – trong hạn" in values
    client.logout()
    login_verified(client, world.users["other_ward_officer"])
    rows = xlsx_rows(client.get("/kiem-tra/kien-nghi/xuat.xlsx").content)
    assert "Lập giấy hẹn cho mọi hồ sơ" not in [c for row in rows for c in row]


def test_the_conclusion_notice_in_word_and_pdf(client, world, concluded):
    login_verified(client, world.users["leader"])
    docx = client.get(f"/kiem-tra/cuoc/{concluded.pk}/ket-luan.docx")
    assert docx.status_code == 200
    text = docx_text(docx.content)
    assert "THÔNG BÁO" in text and "Thiếu giấy hẹn trả kết quả" in text
    assert "TRƯỞNG ĐOÀN KIỂM TRA" in text and world.users["secretariat"].get_full_name() in text
    assert "Do máy in hỏng" in text
    pdf = client.get(f"/kiem-tra/cuoc/{concluded.pk}/ket-luan.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_no_notice_before_the_conclusion_nor_for_another_ward(client, world):
    insp = started_visit(world)
    login_verified(client, world.users["secretariat"])
    assert client.get(f"/kiem-tra/cuoc/{insp.pk}/ket-luan.docx").status_code == 404
    client.logout()
    login_verified(client, world.users["other_ward_officer"])
    assert client.get(f"/kiem-tra/cuoc/{insp.pk}/ket-luan.pdf").status_code == 404
