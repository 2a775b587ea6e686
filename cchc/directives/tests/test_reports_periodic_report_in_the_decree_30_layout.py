"""The report "Báo cáo tình hình thực hiện nhiệm vụ" for a period, DOCX and PDF, in the Nghị định
30/2020 layout (docs/rules/official-documents.md): issuing body under its parent, national motto, "Số:
…/BC-VP", place and date, the type name in capitals with the summary, "Kính gửi", the figures, "Nơi nhận", the
signer."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse

from cchc.directives.report import docx_text
from cchc.directives.tests.conftest import URLS
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)

QUERY = {
    "first": "2022-08-01",
    "last": "2022-10-10",
    "number": "215",
    "symbol": "BC-VP",
    "addressee": "Chủ tịch UBND thành phố",
    "signer_authority": "KT.",
    "signer_for": "Chánh Văn phòng",
    "signer_position": "Phó Chánh Văn phòng",
    "signer_name": "Phạm Quốc Huy",
}


def download(client, fmt: str):
    return client.get(reverse("directives:report"), {**QUERY, "dinh_dang": fmt})


def test_the_docx_report_has_the_decree_30_parts_and_the_figures(client, world, history, on_10_october):
    login_verified(client, world.users["office"])
    response = download(client, "docx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    text = docx_text(response.content)
    for part in (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU",
        "VĂN PHÒNG HĐND VÀ UBND THÀNH PHỐ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 215/BC-VP",
        "Vũng Tàu, ngày 10 tháng 10 năm 2022",
        "BÁO CÁO",
        "Tình hình thực hiện nhiệm vụ được giao từ ngày 01/08/2022 đến ngày 10/10/2022",
        "Kính gửi: Chủ tịch UBND thành phố",
        "Nơi nhận:",
        "KT. CHÁNH VĂN PHÒNG",
        "PHÓ CHÁNH VĂN PHÒNG",
        "Phạm Quốc Huy",
    ):
        assert part in text, part
    assert "tổng số nhiệm vụ theo dõi là 7 nhiệm vụ" in text
    assert "hoàn thành đúng hạn 2; hoàn thành quá hạn 1" in text
    assert "quá hạn 1; không có thời hạn 1" in text
    # Late against the original: the late one, the overdue one and the one done within its extension.
    assert "Tính theo hạn ban đầu (không kể gia hạn): 3 nhiệm vụ trễ hạn; 1 nhiệm vụ được gia hạn." in text
    # The overdue task with its head and working days.
    assert "Rà soát trang thiết bị Bộ phận một cửa" in text and "Hoàng Minh Đức" in text


def test_a_past_period_is_judged_as_of_its_last_day(client, world, history, on_10_october):
    login_verified(client, world.users["office"])
    response = client.get(
        reverse("directives:report"),
        {**QUERY, "first": "2022-08-01", "last": "2022-09-20", "dinh_dang": "docx"},
    )
    text = docx_text(response.content)
    # On 20/9 only the first task was done; the late one (reported 21/9) was open and overdue; the
    # others, reported later or due later, were within time.
    assert "Đã hoàn thành 1 nhiệm vụ, trong đó: hoàn thành đúng hạn 1; hoàn thành quá hạn 0" in text
    assert "Chưa hoàn thành 6 nhiệm vụ, trong đó: trong hạn 4; quá hạn 1; không có thời hạn 1." in text


def test_the_pdf_report_is_a_pdf_with_the_same_text(client, world, history, on_10_october):
    pypdf = pytest.importorskip("pypdf")
    login_verified(client, world.users["office"])
    response = download(client, "pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "BÁO CÁO" in text and "Kính gửi: Chủ tịch UBND thành phố" in text
    assert "Hoàng Minh Đức" in text


def test_a_period_ending_before_it_starts_is_refused(client, world, history, on_10_october):
    login_verified(client, world.users["office"])
    response = client.get(reverse("directives:report"), {**QUERY, "last": "2022-07-01", "dinh_dang": "docx"})
    assert response.status_code == 200 and "Ngày cuối kỳ phải sau ngày đầu kỳ." in response.content.decode()


def test_units_have_no_report_of_the_whole_jurisdiction(client, world):
    login_verified(client, world.users["unit_head"])
    assert client.get(reverse("directives:report")).status_code == 403
    assert dt.date(2022, 10, 10)
