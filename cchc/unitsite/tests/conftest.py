"""Fixtures of the unit-website tests: small valid files, and a register for Phường 1 with a decision
in force, one it replaced and an expired plan."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.unitsite import actions
from cchc.unitsite.models import UnitDocument

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf(name: str = "quyet-dinh.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name: str = "ke-hoach.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def document_data(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "kind": "decision",
        "number": "15/QĐ-UBND",
        "issued_on": dt.date(2024, 3, 1),
        "subject": "Ban hành Quy chế tiếp nhận và trả kết quả tại Bộ phận một cửa phường",
        "issuer": "UBND Phường 1",
        "validity": "in_force",
        "replaced_by": None,
    }
    data.update(changes)
    return data


@pytest.fixture
def register(world) -> dict[str, UnitDocument]:
    p1, officer = world.units["p1"], world.users["ward_officer"]
    new = actions.add_document(officer, p1, document_data(), pdf())
    old = actions.add_document(
        officer,
        p1,
        document_data(
            number="7/QĐ-UBND", issued_on=dt.date(2022, 5, 10), validity="replaced", replaced_by=new
        ),
        pdf("quyet-dinh-cu.pdf"),
    )
    plan = actions.add_document(
        officer,
        p1,
        document_data(
            kind="plan",
            number="30/KH-UBND",
            issued_on=dt.date(2023, 2, 1),
            subject="Kế hoạch cải cách hành chính năm 2023",
            validity="expired",
        ),
        docx(),
    )
    return {"new": new, "old": old, "plan": plan}
