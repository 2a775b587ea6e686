"""The proposal list and the yearly register download as workbooks (``?xuat=xlsx``) holding exactly the
rows the page shows to that reader under the same filters, with Vietnamese headers and dates as dates;
whoever may not read the page gets no workbook either."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
from django.utils import timezone

from cchc.dossiers.tests.test_exports_carry_the_filters_and_columns_on_screen import sheet
from cchc.proposals import actions
from cchc.proposals.tests.conftest import drafted
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(world, procedure):
    drafted(world)
    sent = drafted(world, title="Đơn giản hóa chứng thực bản sao", kind="simplify", procedure=procedure)
    actions.submit(world.users["unit_head"], sent)
    drafted(
        world,
        who="other_ward_officer",
        title="Đề xuất của Phường 2",
        proposing_unit=world.units["p2"],
        to_unit=world.units["p2"],
    )
    today = timezone.localdate()
    actions.add_review(
        world.users["secretariat"],
        world.jurisdictions["city"],
        year=today.year,
        procedure=procedure,
        unit=world.units["p1"],
        reviewed_on=today,
        conclusion="keep",
        note="Giữ nguyên",
    )
    return world


def card_titles(html: str) -> list[str]:
    doc = lxml.html.fromstring(html)
    return [h.text_content().strip() for h in doc.xpath('//*[@data-testid="proposal-card"]//h2')]


@pytest.mark.parametrize("who", ["leader", "ward_officer", "other_ward_officer"])
@pytest.mark.parametrize("params", [{}, {"trang_thai": "submitted"}, {"loai": "delegate"}])
def test_the_proposal_workbook_holds_exactly_the_cards_on_the_page(client, scene, who, params):
    login_verified(client, scene.users[who])
    page = client.get("/de-xuat-cai-cach/", params)
    assert page.status_code == 200
    assert 'data-testid="export-xlsx"' in page.content.decode()
    title, *rest = sheet(client.get("/de-xuat-cai-cach/", {**params, "xuat": "xlsx"}))
    assert title[0] == "Đề xuất phân cấp, ủy quyền, đơn giản hóa thủ tục"
    headers_at = next(i for i, row in enumerate(rest) if row[0] == "Tên đề xuất")
    assert rest[headers_at][:3] == ["Tên đề xuất", "Loại đề xuất", "Tình trạng"]
    data = rest[headers_at + 1 :]
    assert [row[0] for row in data] == card_titles(page.content.decode())


def test_the_scope_differs_between_readers_so_the_comparison_means_something(client, scene):
    login_verified(client, scene.users["leader"])
    wide = [r[0] for r in sheet(client.get("/de-xuat-cai-cach/", {"xuat": "xlsx"}))[2:]]
    login_verified(client, scene.users["other_ward_officer"])
    own = [r[0] for r in sheet(client.get("/de-xuat-cai-cach/", {"xuat": "xlsx"}))[2:]]
    assert len(wide) == 3 and own == ["Đề xuất của Phường 2"]


def test_a_sent_proposal_carries_its_sending_date_as_a_date(client, scene):
    login_verified(client, scene.users["leader"])
    rows = sheet(client.get("/de-xuat-cai-cach/", {"trang_thai": "submitted", "xuat": "xlsx"}))
    assert rows[1][0].startswith("Lọc: ")
    (row,) = rows[3:]
    assert isinstance(row[11], dt.date) and row[11] == timezone.localdate()


@pytest.mark.parametrize("who", ["leader", "unit_head"])
def test_the_register_workbook_holds_the_years_procedures_on_the_page(client, scene, who):
    login_verified(client, scene.users[who])
    year = timezone.localdate().year
    page = client.get("/de-xuat-cai-cach/ra-soat/", {"nam": year}).content.decode()
    rows = sheet(client.get("/de-xuat-cai-cach/ra-soat/", {"nam": year, "xuat": "xlsx"}))
    assert rows[0][0] == f"Thủ tục hành chính đã rà soát năm {year}"
    assert rows[1][:5] == ["Mã thủ tục", "Tên thủ tục", "Đơn vị rà soát", "Ngày rà soát", "Kết quả rà soát"]
    doc = lxml.html.fromstring(page)
    on_page = [
        li.xpath(".//strong")[0].text_content().split(" — ")[0]
        for li in doc.xpath('//*[@data-testid="register"]/li[.//strong]')
    ]
    assert [r[0] for r in rows[2:]] == on_page == ["1.001612"]
    assert rows[2][3] == timezone.localdate()  # a date cell (dd/mm/yyyy), not text


@pytest.mark.parametrize("path", ["/de-xuat-cai-cach/", "/de-xuat-cai-cach/ra-soat/"])
def test_who_may_not_read_the_page_gets_no_workbook(client, world, path):
    login_verified(client, world.users["front"])
    assert client.get(path, {"xuat": "xlsx"}).status_code == 403
    client.logout()
    response = client.get(path, {"xuat": "xlsx"})
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]
