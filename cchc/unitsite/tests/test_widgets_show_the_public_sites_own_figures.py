"""The widgets show what the public site computes, from its functions: the late-list widget is the latest
published list of the unit's area reduced to the unit (rows as ``group_rows`` orders them, a draft never
shown), and the look-up widget answers like the public look-up, without a CSRF cookie a framed page
cannot keep."""

from __future__ import annotations

import datetime as dt

import lxml.html
from django.test import Client
from django.utils import timezone

from cchc.dossiers.models import LateList, LateListStatus
from cchc.portal.views import NOT_FOUND
from cchc.unitsite.widgets import WIDGETS

WIDGET = {w.key: w for w in WIDGETS}


def _rows(response, testid: str) -> list[list[str]]:
    doc = lxml.html.fromstring(response.content)
    return [
        [c.text_content().strip() for c in tr.xpath("./td")]
        for tr in doc.xpath(f"//table[@data-testid='{testid}']/tbody/tr")
    ]


def test_the_late_list_widget_shows_the_units_rows_of_the_latest_published_list(client, world):
    city = world.jurisdictions["city"]
    rows = [
        {
            "unit": "P2",
            "unit_name": "UBND Phường 2",
            "official": None,
            "late": 4,
            "finished": 40,
            "late_rate": 0.1,
        },
        {
            "unit": "P1",
            "unit_name": "UBND Phường 1",
            "official": None,
            "late": 3,
            "finished": 1000,
            "late_rate": 0.003,
        },
        {
            "unit": "",
            "unit_name": "UBND Phường 1",
            "official": "Trần Thị Bình",
            "late": 2,
            "finished": 9,
            "late_rate": 0.2222,
        },
        {
            "unit": "",
            "unit_name": "UBND Phường 2",
            "official": "Đỗ Văn Cường",
            "late": 1,
            "finished": 5,
            "late_rate": 0.2,
        },
    ]
    now = timezone.now()
    LateList.objects.create(
        jurisdiction=city,
        month=dt.date(2024, 4, 1),
        status=LateListStatus.PUBLISHED,
        rows=rows,
        published_at=now,
    )
    LateList.objects.create(
        jurisdiction=city, month=dt.date(2024, 5, 1), status=LateListStatus.DRAFT, rows=[]
    )
    response = client.get(WIDGET["late"].path(world.units["p1"]))
    body = response.content.decode()
    assert "tháng 04/2024" in body
    assert _rows(response, "latelist-units") == [["UBND Phường 1", "3", "1.000", "0,3%"]]
    assert _rows(response, "latelist-officials") == [["Trần Thị Bình", "UBND Phường 1", "2", "9"]]
    assert "Phường 2" not in body.split("<h1", 1)[1].split("</main>")[0].replace("UBND Phường 1", "")


def test_the_late_list_widget_says_so_when_nothing_is_published(client, world):
    response = client.get(WIDGET["late"].path(world.units["p1"]))
    assert "Chưa có danh sách hồ sơ trễ hạn nào được công khai" in response.content.decode()


def test_the_lookup_widget_answers_a_post_without_a_csrf_cookie_like_the_public_lookup(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        WIDGET["lookup"].path(world.units["p1"]), {"code": "000.00.00.H00-240101-0001", "phone": "0912345678"}
    )
    assert response.status_code == 200
    assert str(NOT_FOUND) in lxml.html.fromstring(response.content).text_content()
