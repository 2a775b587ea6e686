"""City → unit → official → dossiers: in the rankings every unit's name opens the officials who handled
that unit's dossiers, every late count opens the late list filtered to exactly the dossiers it counts,
and the list's count is the ranking's."""

import re
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from cchc.dossiers.facts import rebuild
from cchc.dossiers.models import Dossier, Outcome
from cchc.dossiers.tests.factories import LOCAL, StepSpec, at, dossier, late_dossier
from cchc.testing.personas import login_verified

JUNE = {"date_from": "2022-06-01", "date_to": "2022-06-30"}


@pytest.fixture
def june(world, settings):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 1
    settings.CCHC_LEAGUE_CACHE_SECONDS = 0
    for i in range(2):
        dossier(
            world,
            f"OK-{i}",
            end=at(2022, 6, 3),
            outcome=Outcome.ON_TIME,
            steps=[StepSpec("p1", "ward_officer", at(2022, 6, 1), at(2022, 6, 2), at(2022, 6, 3))],
        )
    late_dossier(world, "LATE-1")
    late_dossier(world, "LATE-2", causes=[{"kind": "step_overrun", "unit": "P1", "official": "CB-P1-CV"}])
    late_dossier(world, "LATE-3", causes=[{"kind": "software_closing", "unit": "P1", "official": ""}])
    late_dossier(world, "LATE-P2", handling="p2", receiving="p2", causes=[])
    # The day processing ended, as the write path stores it (the factory leaves it to the caller).
    for d in Dossier.objects.exclude(end_at=None):
        Dossier.objects.filter(pk=d.pk).update(finished_on=d.end_at.astimezone(LOCAL).date())
    rebuild()
    return world


def page(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def figure(el) -> int:
    return int(el.text_content().strip().replace(".", ""))


def late_count(client, href) -> int:
    doc = page(client, href)
    return int(doc.xpath('//*[@data-testid="late-count"]')[0].text_content().split()[0].replace(".", ""))


def test_every_late_count_of_the_units_ranking_opens_exactly_its_dossiers(client, june):
    login_verified(client, june.users["leader"])
    doc = page(client, "/ho-so/xep-hang/don-vi/", JUNE)
    links = doc.xpath('//*[@data-testid="league-late"]') + doc.xpath('//*[@data-testid="league-total-late"]')
    assert len(links) == 3  # Phường 1, Phường 2, the total
    for a in links:
        query = parse_qs(urlsplit(a.get("href")).query)
        assert query["finished_from"] == ["2022-06-01"] and query["finished_to"] == ["2022-06-30"]
        assert figure(a) == late_count(client, a.get("href"))
    assert sorted(figure(a) for a in links) == [1, 3, 4]


def test_a_units_name_opens_its_officials_and_each_officials_count_opens_her_dossiers(client, june):
    login_verified(client, june.users["leader"])
    doc = page(client, "/ho-so/xep-hang/don-vi/", JUNE)
    p1 = next(a for a in doc.xpath('//*[@data-testid="league-name"]') if a.text_content() == "UBND Phường 1")
    officials = page(client, p1.get("href"))
    assert "hồ sơ do" in officials.text_content() and "UBND Phường 1" in officials.text_content()
    names = [a.text_content() for a in officials.xpath('//*[@data-testid="league-name"]')]
    assert names == ["Trần Thị Bình"]  # the only official a cause blames; the one-stop officer has none
    (late,) = officials.xpath('//*[@data-testid="league-late"]')
    assert figure(late) == 2 == late_count(client, late.get("href"))
    listed = page(client, late.get("href"))
    codes = re.findall(r"LATE-\w+", listed.xpath('//*[@data-testid="late-table"]')[0].text_content())
    assert sorted(set(codes)) == ["LATE-1", "LATE-2"]


def test_the_officials_ranking_of_a_unit_reads_only_that_units_dossiers(client, june):
    login_verified(client, june.users["leader"])
    p2 = june.units["p2"]
    doc = page(client, "/ho-so/xep-hang/can-bo/", {**JUNE, "unit": p2.pk})
    rows = [[td.text_content().strip() for td in tr.xpath("./td")] for tr in doc.xpath("//tbody/tr")]
    # Phường 2's one dossier: its cause names nobody, so the official who handled a step of it has
    # one finished and none late (her four Phường 1 dossiers are not read).
    assert [r[1:4] for r in rows if "Trần Thị Bình" in r] == [["Trần Thị Bình", "UBND Phường 1", "1"]]
    assert not doc.xpath('//*[@data-testid="league-late"]')


def test_the_rankings_chart_draws_the_tables_rates_beside_the_overall_rate(client, june):
    import json

    login_verified(client, june.users["leader"])
    doc = page(client, "/ho-so/xep-hang/don-vi/", JUNE)
    data = json.loads(doc.xpath('//script[@id="chart-league-data"]')[0].text)
    ranked = [
        a.text_content() for a in doc.xpath('//*[@data-testid="league-table"]//*[@data-testid="league-name"]')
    ]
    assert data["labels"] == ranked == ["UBND Phường 2", "UBND Phường 1"]  # 1/1 then 3/5
    bars, overall = data["series"]
    assert bars["values"] == [100.0, 60.0] and overall["values"] == [66.7, 66.7]
    table = doc.xpath('//*[@data-testid="chart-table-chart-league"]//tbody/tr')
    assert [tr.xpath("./td")[0].text_content() for tr in table] == ["100,0%", "60,0%"]
