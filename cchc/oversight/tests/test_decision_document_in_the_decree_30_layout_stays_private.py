"""The competent head's decision prints as a decision in the Decree 30 layout (a notice for a reminder):
grounds, the explanation heard, the form, signed by the head — downloadable only by those who may read
the record, each download written to the audit trail."""

from __future__ import annotations

import pytest

from cchc.core.models import AuditEvent
from cchc.core.official_documents import docx_text
from cchc.oversight.actions import cases
from cchc.testing.personas import PERSONAS, login_verified

pytestmark = pytest.mark.django_db

READERS = {"secretariat", "unit_head", "ward_officer"}


def _decided(world, decision):
    ia = world.users["secretariat"]
    case = cases.open_case(ia, world.officials["ward_officer"], grounds="Hồ sơ trễ hạn")
    cases.add_evidence(ia, case, kind="late_dossiers", summary="5 hồ sơ")
    cases.request_explanation(ia, case)
    cases.explain(world.users["ward_officer"], case, text="Tôi xin nhận khuyết điểm")
    return cases.decide(world.users["unit_head"], case, decision=decision, text="Vi phạm thời hạn nhiều lần")


def test_a_reprimand_prints_as_a_decision_signed_by_the_head(client, world):
    case = _decided(world, "khien-trach")
    login_verified(client, world.users["ward_officer"])
    response = client.get(f"/kiem-tra/trach-nhiem/{case.pk}/quyet-dinh.docx")
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "QUYẾT ĐỊNH" in text and "Thi hành kỷ luật khiển trách" in text
    assert "Nghị định số 112/2020/NĐ-CP" in text and "Xét bản giải trình ngày" in text
    assert world.officials["unit_head"].full_name in text
    assert AuditEvent.objects.filter(verb="oversight.case_viewed", actor=world.users["ward_officer"]).exists()
    assert client.get(f"/kiem-tra/trach-nhiem/{case.pk}/quyet-dinh.pdf").content.startswith(b"%PDF")


def test_a_reminder_prints_as_a_notice(client, world):
    case = _decided(world, "nhac-nho")
    login_verified(client, world.users["unit_head"])
    text = docx_text(client.get(f"/kiem-tra/trach-nhiem/{case.pk}/quyet-dinh.docx").content)
    assert "THÔNG BÁO" in text and "Nhắc nhở" in text


@pytest.mark.parametrize("persona", [p[0] for p in PERSONAS])
def test_only_those_who_read_the_record_download_it(client, world, persona):
    case = _decided(world, "canh-cao")
    login_verified(client, world.users[persona])
    status = client.get(f"/kiem-tra/trach-nhiem/{case.pk}/quyet-dinh.docx").status_code
    assert status == (200 if persona in READERS else 404)
