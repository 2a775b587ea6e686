"""The list of visits and the list of outside audit and inspection conclusions download as workbooks
(``?xuat=xlsx`` on the page's own address) holding exactly the rows the page shows that reader, one row
per visit and one per required correction, with Vietnamese headers and dates as dates; the Front, which
may not read oversight, gets no workbook."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import lxml.html
import pytest
from django.utils import timezone

from cchc.dossiers.tests.test_exports_carry_the_filters_and_columns_on_screen import sheet
from cchc.oversight.actions import conclusions
from cchc.oversight.tests.scene import ad_hoc_visit, started_visit
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db

READERS = ["leader", "office", "unit_head", "other_ward_officer"]


def _conclusion(world, number: str, unit_key: str, *, corrections: int = 1):
    today = timezone.localdate()
    c = conclusions.record_conclusion(
        world.users["office"],
        world.jurisdictions["city"],
        issuer="Thanh tra tỉnh",
        number=number,
        issued_on=today - dt.timedelta(days=5),
        subject="Quản lý, sử dụng ngân sách",
    )
    for i in range(corrections):
        conclusions.add_correction(
            world.users["office"],
            c,
            text=f"Yêu cầu khắc phục {i + 1} của {number}",
            unit=world.units[unit_key],
            due=today + dt.timedelta(days=30),
            amount=Decimal(1_500_000),
        )
    return c


@pytest.fixture
def scene(world):
    started_visit(world)
    ad_hoc_visit(world, unit_key="p2")
    _conclusion(world, "12/KL-TTr", "p1", corrections=2)
    _conclusion(world, "30/KL-TTr", "p2")
    return world


def _page(client, path: str) -> lxml.html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    return lxml.html.fromstring(body)


def _data(rows: list[list], first_header: str) -> list[list]:
    at = next(i for i, row in enumerate(rows) if row and row[0] == first_header)
    return rows[at + 1 :]


@pytest.mark.parametrize("who", READERS)
def test_the_visit_workbook_holds_the_visits_on_the_page_in_its_order(client, scene, who):
    login_verified(client, scene.users[who])
    doc = _page(client, "/kiem-tra/")
    cards = [
        (c.xpath(".//h3")[0].text_content().strip(), c.xpath(".//p")[0].text_content().strip())
        for c in doc.xpath('//*[@data-testid="visit-card"]')
    ]
    rows = sheet(client.get("/kiem-tra/", {"xuat": "xlsx"}))
    assert rows[0][0] == "Kế hoạch và cuộc kiểm tra"
    data = _data(rows, "Đơn vị được kiểm tra")
    assert [(r[0], r[1]) for r in data] == cards
    if cards:
        assert doc.xpath('//*[@data-testid="export-xlsx"]')
        assert all(isinstance(r[4], dt.date) for r in data)  # dates as date cells (dd/mm/yyyy)
    if who == "leader":
        assert {r[2] for r in data} == {"Theo kế hoạch", "Đột xuất"}


@pytest.mark.parametrize("who", READERS)
def test_the_conclusion_workbook_holds_each_listed_conclusion_with_its_corrections(client, scene, who):
    login_verified(client, scene.users[who])
    doc = _page(client, "/kiem-tra/ket-luan/")
    assert doc.xpath('//*[@data-testid="export-xlsx"]')
    numbers = [
        c.xpath(".//h2/a")[0].text_content().strip() for c in doc.xpath('//*[@data-testid="conclusion-card"]')
    ]
    rows = sheet(client.get("/kiem-tra/ket-luan/", {"xuat": "xlsx"}))
    assert rows[0][0] == "Kết luận thanh tra, kiểm toán"
    data = _data(rows, "Cơ quan kết luận")
    assert list(dict.fromkeys(r[1] for r in data)) == numbers
    expected = {"leader": 3, "office": 3, "unit_head": 2, "other_ward_officer": 1}[who]
    assert len(data) == expected
    assert all(r[6] == 1_500_000 and isinstance(r[7], dt.date) for r in data)


@pytest.mark.parametrize("path", ["/kiem-tra/", "/kiem-tra/ket-luan/"])
def test_the_front_and_an_anonymous_visitor_get_no_workbook(client, world, path):
    login_verified(client, world.users["front"])
    assert client.get(path, {"xuat": "xlsx"}).status_code == 403
    client.logout()
    response = client.get(path, {"xuat": "xlsx"})
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


@pytest.mark.parametrize("who", ["leader", "auditor"])
def test_the_plan_workbook_holds_the_plans_visits_in_the_pages_order(client, world, who):
    insp = started_visit(world)
    login_verified(client, world.users[who])
    path = f"/kiem-tra/ke-hoach/{insp.plan_id}/"
    doc = _page(client, path)
    assert doc.xpath('//*[@data-testid="export-xlsx"]')
    on_page = [
        c.xpath(".//h3")[0].text_content().strip() for c in doc.xpath('//*[@data-testid="plan-visit"]')
    ]
    rows = sheet(client.get(path, {"xuat": "xlsx"}))
    assert rows[0][0] == insp.plan.title and "phê duyệt ngày" in rows[1][0]
    data = _data(rows, "Đơn vị được kiểm tra")
    assert [r[0] for r in data] == on_page == [insp.unit.name]
    assert data[0][2] == "Theo kế hoạch" and data[0][4] == insp.planned_on


@pytest.mark.parametrize("who", ["unit_head", "front"])
def test_who_may_not_read_the_plan_gets_no_workbook(client, world, who):
    insp = started_visit(world)
    login_verified(client, world.users[who])
    path = f"/kiem-tra/ke-hoach/{insp.plan_id}/"
    expected = client.get(path).status_code
    assert expected in (403, 404)
    assert client.get(path, {"xuat": "xlsx"}).status_code == expected
