"""On the whole demo (the last twelve months of Vũng Tàu): the leader's late dossiers of the month and of
the year read the same on her home page, on the late list each figure opens, on the units' ranking and in
the period summary; a ward's row reads the same as the late list filtered to that ward; the one-stop
officer's "no apology letter" figure is the late list's banner for the same filter; and the late list's
XLSX for a ward holds as many rows as the page counts."""

import datetime as dt
import io
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from python_calamine import CalamineWorkbook

from cchc.accounts.models import User
from cchc.dossiers.figures import period_summary
from cchc.testing.personas import login_verified


@pytest.fixture
def demo(demo_db, settings):
    settings.CCHC_DEMO = True
    settings.CCHC_DEMO_WITHOUT_2FA = True


def doc_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.content.decode())


def number(text: str) -> int:
    return int(text.strip().split()[0].replace(".", ""))


def by_id(doc, name):
    return doc.xpath(f'//*[@data-testid="{name}"]')


def test_the_demo_leaders_figures_are_the_lists_the_ranking_and_the_summary(client, demo):
    leader = User.objects.get(username="lanhdao")
    login_verified(client, leader)
    home = doc_of(client, "/")
    for name in ("total-month-late", "total-ytd-late"):
        (a,) = by_id(home, name)
        shown = number(a.text_content())
        q = parse_qs(urlsplit(a.get("href")).query)
        first, last = dt.date.fromisoformat(q["finished_from"][0]), dt.date.fromisoformat(q["finished_to"][0])
        listed = number(by_id(doc_of(client, a.get("href")), "late-count")[0].text_content())
        league = doc_of(client, f"/ho-so/xep-hang/don-vi/?date_from={first}&date_to={last}")
        ranked_total = number(by_id(league, "league-total-late")[0].text_content())
        assert shown == listed == ranked_total == period_summary(leader, first, last).late, name
    assert number(by_id(home, "total-ytd-late")[0].text_content()) > 0

    row = by_id(home, "slipping-row")[0]
    (a,) = row.xpath('.//*[@data-testid="slipping-month"]') or row.xpath('.//*[@data-testid="slipping-ytd"]')
    href = a.get("href")
    ward_page = doc_of(client, href)
    assert number(a.text_content()) == number(by_id(ward_page, "late-count")[0].text_content())
    response = client.get(href + "&xuat=xlsx")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    assert len(sheet.get_sheet_by_index(0).to_python()) - 3 == number(a.text_content())


def test_the_demo_one_stop_figure_is_the_late_lists_banner(client, demo):
    officer = User.objects.filter(role="one_stop", is_demo=True).order_by("username").first()
    login_verified(client, officer)
    (a,) = by_id(doc_of(client, "/"), "missing-apology")
    listed = doc_of(client, a.get("href"))
    assert number(a.text_content()) == number(by_id(listed, "late-count")[0].text_content())
    assert number(a.text_content()) == number(by_id(listed, "missing-count")[0].text_content())
