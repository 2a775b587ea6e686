"""One definition per figure: the late dossiers of a unit and a period read the same on the leader's home,
the Office's home, the unit head's home, the late list filtered to the same unit and period, the units'
ranking and the period summary every other reader (exports, reports, the operations centre) takes from
``cchc.dossiers.figures`` — and each home figure opens exactly the dossiers it counts."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from cchc.dossiers.figures import late_finished_count, late_finished_dossiers, period_summary
from cchc.home.tests.test_home_scene import by_testid, html_of, setup_scene, text
from cchc.testing.personas import login_verified


@pytest.fixture
def scene(world, settings, tmp_path):
    return setup_scene(world, settings, tmp_path)


def number(s: str) -> int:
    """A figure as printed on a page ("18.929" in the Vietnamese format) back to an int."""
    return int(s.split()[0].replace(".", ""))


def late_list_count(client, href: str) -> int:
    doc = html_of(client.get(href))
    return number(text(by_testid(doc, "late-count")[0]))


def league_late(client, date_from: str, date_to: str, unit_name: str | None) -> int:
    doc = html_of(client.get(f"/ho-so/xep-hang/don-vi/?date_from={date_from}&date_to={date_to}"))
    if unit_name is None:
        return number(text(doc.xpath('//*[@data-testid="league-table"]/tfoot/tr/td')[-2]))
    for testid in ("league-table", "league-too-few"):
        for row in doc.xpath(f'//*[@data-testid="{testid}"]/tbody/tr'):
            cells = [text(td) for td in row.xpath("./td")]
            if unit_name in cells:
                return number(cells[-2])
    return 0


def period_of(href: str) -> tuple[str, str]:
    q = parse_qs(urlsplit(href).query)
    return q["finished_from"][0], q["finished_to"][0]


def test_the_leaders_late_figures_equal_the_late_list_the_ranking_and_the_summary(client, scene):
    world = scene.world
    leader = world.users["leader"]
    login_verified(client, leader)
    doc = html_of(client.get("/"))
    checked = 0
    for row in by_testid(doc, "slipping-row"):
        unit_name = text(row.xpath('.//*[@data-testid="slipping-unit"]')[0])
        unit = next(u for u in world.units.values() if u.name == unit_name)
        for testid in ("slipping-month", "slipping-ytd"):
            for a in row.xpath(f'.//*[@data-testid="{testid}"]'):
                href = a.get("href")
                assert urlsplit(href).path == "/ho-so/tre-han/"
                assert parse_qs(urlsplit(href).query)["unit"] == [str(unit.pk)]
                first, last = period_of(href)
                shown = number(text(a))
                assert shown == late_list_count(client, href), (unit_name, testid)
                assert shown == league_late(client, first, last, unit_name), (unit_name, testid)

                d1, d2 = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
                assert shown == late_finished_count(leader, d1, d2, unit=unit)
                assert shown == late_finished_dossiers(leader, d1, d2, unit=unit).count()
                checked += 1
    assert checked >= 4
    for testid in ("total-month-late", "total-ytd-late"):
        (a,) = by_testid(doc, testid)
        href = a.get("href")
        first, last = period_of(href)
        shown = number(text(a))
        assert shown == late_list_count(client, href) == league_late(client, first, last, None)

        summary = period_summary(leader, dt.date.fromisoformat(first), dt.date.fromisoformat(last))
        assert shown == summary.late
    assert number(text(by_testid(doc, "total-month-late")[0])) == 5  # the scene: 4 + 1 + 0


def test_the_office_and_the_unit_head_read_the_same_late_figure_as_their_lists(client, scene):
    world = scene.world
    login_verified(client, world.users["office"])
    (a,) = by_testid(html_of(client.get("/")), "stats-late")
    assert number(text(a)) == late_list_count(client, a.get("href")) == 5
    client.logout()
    login_verified(client, world.users["unit_head"])
    (a,) = by_testid(html_of(client.get("/")), "unit-late-month")
    assert number(text(a)) == late_list_count(client, a.get("href")) == 4


def test_the_late_lists_banner_counts_only_the_filtered_dossiers_without_a_letter(client, scene):
    world = scene.world
    login_verified(client, world.users["leader"])
    everything = html_of(client.get("/ho-so/tre-han/"))
    p2 = html_of(client.get(f"/ho-so/tre-han/?unit={world.units['p2'].pk}"))
    all_missing = number(text(by_testid(everything, "missing-count")[0]).split()[0])
    p2_missing = number(text(by_testid(p2, "missing-count")[0]).split()[0])
    assert p2_missing == 1  # Phường 2's one late dossier, no letter
    assert all_missing > p2_missing
    assert "trong danh sách đang lọc" in text(by_testid(p2, "missing-count")[0])


@pytest.mark.parametrize("persona", ["leader", "office", "one_stop"])
def test_the_definition_of_every_figure_is_one_click_away(client, scene, persona):
    login_verified(client, scene.world.users[persona])
    (a,) = by_testid(html_of(client.get("/")), "definitions-link")
    page = html_of(client.get(a.get("href")))
    anchors = {el.get("id") for el in page.xpath("//dt[@id]")}
    assert {"ho-so-tre-han", "nhiem-vu-qua-han", "phan-anh-qua-han", "chua-co-phieu-xin-loi"} <= anchors
    client.logout()
    assert client.get(a.get("href").split("#")[0]).status_code == 200  # public: no sign-in needed


def test_from_a_slipping_unit_the_leader_reaches_its_officials_and_their_dossiers(client, scene):
    world = scene.world
    login_verified(client, world.users["leader"])
    row = by_testid(html_of(client.get("/")), "slipping-row")[0]
    assert text(row.xpath('.//*[@data-testid="slipping-unit"]')[0]) == "UBND Phường 1"
    (a,) = row.xpath('.//*[@data-testid="slipping-officials"]')
    assert f"unit={world.units['p1'].pk}" in a.get("href")
    officials = html_of(client.get(a.get("href")))
    assert "hồ sơ do UBND Phường 1 giải quyết" in text(officials)
    for late in by_testid(officials, "league-late"):
        assert number(text(late)) == late_list_count(client, late.get("href"))
