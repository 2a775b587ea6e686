"""The overdue inter-agency steps come a page at a time, as every list: the count above the list is every
step of the selection, each page shows its share in the same order on the phone's cards and in the table,
the pager keeps the holder chosen, and the export still carries every step."""

import io

import lxml.html
import pytest
from django.utils import timezone
from python_calamine import CalamineWorkbook

from cchc.dossiers import interagency, views_interagency
from cchc.dossiers.tests.interagency_helpers import land_dossier
from cchc.testing.personas import login_verified

STEPS = "/ho-so/lien-thong/buoc-qua-han/"


@pytest.fixture
def five_overdue(world, monkeypatch):
    monkeypatch.setattr(views_interagency, "PAGE_SIZE", 2)
    for i in range(4):
        land_dossier(world, f"IA-PG-{i}")
    land_dossier(world, "IA-PG-P2", ward="p2")
    interagency.refresh(timezone.localdate())
    return world


def card_codes(page) -> list[str]:
    return [
        el.text_content().strip() for el in page.xpath('//*[@data-testid="interagency-step-card"]//strong')
    ]


def table_codes(page) -> list[str]:
    return [
        td.text_content().strip()
        for td in page.xpath('//*[@data-testid="interagency-steps-table"]/tbody/tr/td[1]')
    ]


def test_each_page_lists_its_share_and_the_count_is_every_step(client, five_overdue):
    leader = five_overdue.users["leader"]
    login_verified(client, leader)
    expected = [row.step.dossier.code for row in interagency.step_rows(leader, timezone.localdate())]
    assert len(expected) == 5
    seen = []
    for number in (1, 2, 3):
        response = client.get(STEPS, {"trang": number})
        assert response.status_code == 200
        page = lxml.html.fromstring(response.content.decode())
        assert page.xpath('//*[@data-testid="interagency-steps-count"]')[0].text_content().startswith("5 ")
        cards = card_codes(page)
        assert cards == table_codes(page)
        assert len(cards) == (2 if number < 3 else 1)
        seen += cards
    assert seen == expected


def test_the_pager_keeps_the_holder_chosen(client, five_overdue):
    login_verified(client, five_overdue.users["leader"])
    holder = f"u{five_overdue.units['p1'].pk}"
    page = lxml.html.fromstring(client.get(STEPS, {"noi_giu": holder}).content.decode())
    assert page.xpath('//*[@data-testid="interagency-steps-count"]')[0].text_content().startswith("4 ")
    following = page.xpath('//nav//a[contains(@href, "trang=2")]/@href')
    assert following and f"noi_giu={holder}" in following[0]


def test_the_export_carries_every_step_not_one_page(client, five_overdue):
    login_verified(client, five_overdue.users["leader"])
    response = client.get(STEPS, {"xuat": "xlsx", "trang": 2})
    assert response.status_code == 200
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
        .get_sheet_by_index(0)
        .to_python()
    )
    listed = [r[0] for r in rows if isinstance(r[0], str) and r[0].startswith("IA-PG-")]
    assert len(listed) == 5
