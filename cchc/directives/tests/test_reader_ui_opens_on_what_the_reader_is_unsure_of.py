"""The review page opens on what the reader is least sure of: a "check first" panel above the
document's fields lists the uncertain task rows and every paragraph that reads like an assignment
but did not become a task, with its full text."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.directives.tests.conftest import URLS, seed_upload
from cchc.directives.views_reader import uncertain_parts
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)

PLAN = """ỦY BAN NHÂN DÂN
THÀNH PHỐ VŨNG TÀU
Số: 12/KH-UBND
Vũng Tàu, ngày 05 tháng 3 năm 2025

KẾ HOẠCH
Cải cách hành chính năm 2025

IV. TỔ CHỨC THỰC HIỆN

1. Phòng Nội vụ

- Chủ trì, phối hợp với Văn phòng HĐND và UBND thành phố tham mưu báo cáo cải cách hành chính hằng quý.

2. Về kiến nghị của các phường về trụ sở làm việc, sau khi rà soát,
khẩn trương tổng hợp báo cáo trước ngày 30/4/2025.

Nơi nhận:
- Như trên;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""


def _review_html(client, world, upload) -> str:
    login_verified(client, world.users["office"])
    response = client.post(reverse("directives:reader_upload"), {"file": upload})
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_a_paragraph_that_gives_work_but_names_no_unit_is_listed_first_in_full(client, world):
    upload = SimpleUploadedFile("12-KH-UBND.txt", PLAN.encode(), content_type="text/plain")
    html = _review_html(client, world, upload)
    panel = html.index('data-testid="check-first"')
    assert panel < html.index("Thông tin văn bản") < html.index('data-testid="task-row"')
    listed = html[panel : html.index("Thông tin văn bản")]
    assert "khẩn trương tổng hợp báo cáo trước ngày 30/4/2025" in " ".join(listed.split())


def test_the_founding_letter_has_nothing_to_check_first(client, world):
    html = _review_html(client, world, seed_upload())
    assert 'data-testid="check-first"' not in html
    assert 'data-testid="unsure-badge"' not in html


def test_uncertain_rows_come_least_sure_first():
    proposal = {
        "confidence": {"issuer": 0.9, "subject": 0.5},
        "tasks": [
            {"text": "a", "lead": ["Sở Nội vụ"], "confidence": 0.65},
            {"text": "b", "lead": [], "confidence": 0.2},
            {"text": "c", "lead": ["Sở Y tế"], "confidence": 0.9},
        ],
        "unconverted": [],
    }
    parts = uncertain_parts(proposal)
    assert [r["number"] for r in parts["rows"]] == [2, 1]
    assert parts["rows"][0]["no_lead"] is True
    assert [f["name"] for f in parts["fields"]] == ["subject"]
