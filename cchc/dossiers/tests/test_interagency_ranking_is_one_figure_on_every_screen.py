"""The leader's ranking of who holds overdue inter-agency steps: each unit's count is the number of steps
its drill-down lists, the cards (phones) and the table show the same figures, the export carries them,
and each person sees only the dossiers of their scope."""

import io

import lxml.html
import pytest
from django.utils import timezone
from python_calamine import CalamineWorkbook

from cchc.dossiers import interagency
from cchc.dossiers.tests.interagency_helpers import TAX, land_dossier
from cchc.testing.personas import login_verified

RANKING = "/ho-so/lien-thong/"
STEPS = "/ho-so/lien-thong/buoc-qua-han/"


@pytest.fixture
def overdue(world):
    land_dossier(world, "IA-P1-A")
    land_dossier(world, "IA-P1-B")
    land_dossier(world, "IA-TAX-A", at_step=3)
    land_dossier(world, "IA-P2-A", ward="p2")
    interagency.refresh(timezone.localdate())
    return world


def doc(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def number(text: str) -> int:
    return int(text.strip().split()[0].replace(".", ""))


def sheet(response) -> list[list]:
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_each_units_count_is_the_steps_its_drill_down_lists(client, overdue):
    leader = overdue.users["leader"]
    login_verified(client, leader)
    ranking = interagency.holder_ranking(leader, timezone.localdate())
    # Most overdue steps first; equal counts by the oldest deadline (the tax office's 5/9 before 7/9).
    assert [(r.name, r.overdue) for r in ranking] == [("UBND Phường 1", 2), (TAX, 1), ("UBND Phường 2", 1)]
    page = doc(client, RANKING)
    cards = page.xpath('//*[@data-testid="interagency-card"]')
    table = [number(td.text_content()) for td in page.xpath('//*[@data-testid="interagency-count"]')]
    assert table == [r.overdue for r in ranking]
    assert len(cards) == len(ranking)
    total = number(page.xpath('//*[@data-testid="interagency-total"]/strong')[0].text_content())
    assert total == sum(table) == 4
    for card, row in zip(cards, ranking, strict=True):
        href = card.get("href")
        steps = doc(client, href)
        listed = steps.xpath('//*[@data-testid="interagency-step-card"]')
        assert len(listed) == row.overdue
        assert (
            number(steps.xpath('//*[@data-testid="interagency-steps-count"]')[0].text_content())
            == row.overdue
        )


def test_the_export_carries_the_figures_on_screen(client, overdue):
    login_verified(client, overdue.users["leader"])
    rows = sheet(client.get(RANKING, {"xuat": "xlsx"}))
    ranking = interagency.holder_ranking(overdue.users["leader"], timezone.localdate())
    body = rows[3:]
    assert [int(r[2]) for r in body] == [r.overdue for r in ranking]
    steps = sheet(client.get(STEPS, {"xuat": "xlsx"}))[3:]
    assert sorted(r[0] for r in steps) == ["IA-P1-A", "IA-P1-B", "IA-P2-A", "IA-TAX-A"]


def test_a_ward_sees_its_own_dossiers_only(client, overdue):
    login_verified(client, overdue.users["unit_head"])
    html = client.get(RANKING).content.decode()
    assert "UBND Phường 1" in html and "UBND Phường 2" not in html
    html = client.get(STEPS).content.decode()
    assert "IA-P1-A" in html and "IA-P2-A" not in html
    client.logout()
    login_verified(client, overdue.users["other_ward_officer"])
    html = client.get(STEPS).content.decode()
    assert "IA-P2-A" in html and "IA-P1-A" not in html
    assert "IA-P1-A" not in client.get(STEPS, {"noi_giu": f"u{overdue.units['p1'].pk}"}).content.decode()


@pytest.mark.parametrize("url", [RANKING, STEPS])
def test_the_front_has_no_business_here_and_visitors_sign_in(client, overdue, url):
    response = client.get(url)
    assert response.status_code == 302
    login_verified(client, overdue.users["front"])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("value", ["u", "x:", "u99999", "x:" + "a" * 400, "zzz", "u1' OR 1=1"])
def test_an_unknown_or_hostile_holder_lists_nothing(client, overdue, value):
    login_verified(client, overdue.users["leader"])
    page = doc(client, STEPS, {"noi_giu": value})
    assert page.xpath('//*[@data-testid="interagency-step-card"]') == []


def test_a_nul_byte_in_the_holder_is_refused(client, overdue):
    login_verified(client, overdue.users["leader"])
    assert client.get(STEPS, {"noi_giu": "u1\x00"}).status_code == 400


def test_the_dossier_page_shows_the_deadline_the_machine_holds_for_a_step(client, overdue):
    login_verified(client, overdue.users["leader"])
    page = doc(client, "/ho-so/ho-so/IA-P1-A/")
    assert [e.text_content() for e in page.xpath('//*[@data-testid="step-due"]')] == ["07/09/2022"]
    assert "Quá hạn bước" in page.xpath('//*[@data-testid="steps"]')[0].text_content()
