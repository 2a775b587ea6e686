"""Every figure on a first page opens the list that proves it, and that list has exactly as many rows
(late dossier counts open the late list filtered to the same unit and period; the equality with the
league table is in ``test_one_figure_per_fact_on_every_page``)."""

import re
from urllib.parse import urlsplit

import pytest

from cchc.home.tests.test_home_scene import by_testid, count_rows, html_of, setup_scene, text
from cchc.testing.personas import login_verified


@pytest.fixture
def scene(world, settings, tmp_path):
    return setup_scene(world, settings, tmp_path)


LISTS = {
    "/chi-dao/qua-han/": "overdue-table",
    "/phan-anh/": "petition-table",
    "/ho-so/tre-han/": "late-table",
    "/ho-so/": "dossier-table",
}


def list_count(client, url):
    path = urlsplit(url).path
    return count_rows(html_of(client.get(url)), LISTS[path])


def figures(doc, testid):
    return [(int(text(a).replace(".", "")), a.get("href")) for a in by_testid(doc, testid)]


def test_the_leaders_figures_equal_the_lists_they_open(client, scene):
    login_verified(client, scene.world.users["leader"])
    doc = html_of(client.get("/"))
    checked = 0
    for row in by_testid(doc, "slipping-row"):
        unit = text(row.xpath('.//*[@data-testid="slipping-unit"]')[0])
        for testid in ("slipping-tasks", "slipping-petitions"):
            for a in row.xpath(f'.//*[@data-testid="{testid}"]'):
                assert int(text(a)) == list_count(client, a.get("href")), (unit, testid)
                checked += 1
        for testid in ("slipping-month", "slipping-ytd"):
            for a in row.xpath(f'.//*[@data-testid="{testid}"]'):
                assert int(text(a)) == list_count(client, a.get("href")), (unit, testid)
                checked += 1
    for testid in ("total-tasks", "total-petitions"):
        ((value, href),) = figures(doc, testid)
        assert value == list_count(client, href)
    for testid in ("total-month-late", "total-ytd-late"):
        ((value, href),) = figures(doc, testid)
        assert value == list_count(client, href)
    assert checked >= 8


def test_the_offices_figures_equal_the_lists_they_open(client, scene):
    from cchc.directives.actions import report_completion, request_extension

    world = scene.world
    report_completion(world.users["unit_head"], scene.tasks["p1_overdue"][0], note="Đã niêm yết")
    request_extension(
        world.users["unit_head"],
        scene.tasks["p1_due_today"],
        proposed_due=scene.today.replace(year=scene.today.year + 1),
        reason="Chờ số liệu",
    )
    login_verified(client, world.users["office"])
    doc = html_of(client.get("/"))
    ((overdue, href),) = figures(doc, "board-overdue")
    assert overdue == list_count(client, href) == 2  # one P1 task was reported done: awaiting, not overdue
    for a in doc.xpath('//*[@data-testid="board-units"]//tbody//a'):
        assert int(text(a)) == list_count(client, a.get("href"))
    inbox = client.get(figures(doc, "board-awaiting")[0][1]).content.decode()
    assert figures(doc, "board-awaiting")[0][0] == 1
    assert "Báo cáo hoàn thành chờ xác nhận (1)" in inbox
    assert figures(doc, "board-extensions")[0][0] == 1
    assert "Đề nghị gia hạn chờ quyết định (1)" in inbox
    ((late, href),) = figures(doc, "stats-late")
    assert late == list_count(client, href) == 5


def test_the_unit_heads_figures_equal_the_lists_they_open(client, scene):
    login_verified(client, scene.world.users["unit_head"])
    doc = html_of(client.get("/"))
    ((tasks, href),) = figures(doc, "unit-tasks-overdue")
    assert tasks == list_count(client, href) == 2
    ((petitions, href),) = figures(doc, "unit-petitions-overdue")
    assert petitions == list_count(client, href) == 1
    ((late, href),) = figures(doc, "unit-late-month")
    assert late == list_count(client, href) == 4
    listed = by_testid(doc, "panel-unit-late")[0].xpath(".//li/a")
    assert len(listed) == 4  # the dossiers themselves, with their causes
    assert "Bước xử lý quá hạn: 4" in text(by_testid(doc, "unit-late-causes")[0])


def test_the_one_stop_officers_figures_equal_the_lists_they_open(client, scene):
    login_verified(client, scene.world.users["one_stop"])
    doc = html_of(client.get("/"))
    ((received, href),) = figures(doc, "received-today")
    assert received == list_count(client, href) == 1
    ((missing, href),) = figures(doc, "missing-apology")
    # Four late P1 dossiers, one with a letter, plus the open one past its appointment.
    assert missing == list_count(client, href) == 4
    assert text(by_testid(doc, "due-soon-count")[0]) == "1"
    assert "HOME-P1-DUE-SOON" in text(by_testid(doc, "panel-due-soon")[0])


def test_the_fronts_figures_equal_the_lists_they_open(client, scene):
    login_verified(client, scene.world.users["front"])
    doc = html_of(client.get("/"))
    ((total, href),) = figures(doc, "opinions-total")
    assert total == list_count(client, href) == 1
    for a in by_testid(doc, "panel-opinions")[0].xpath(".//li//a"):
        assert int(text(a)) == list_count(client, a.get("href"))


@pytest.mark.parametrize("persona", ["secretariat", "ward_officer"])
def test_the_own_task_counts_are_the_tasks_listed(client, scene, persona):
    login_verified(client, scene.world.users[persona])
    doc = html_of(client.get("/"))
    panel = by_testid(doc, "panel-own-tasks")[0]
    listed = len(panel.xpath(".//li"))
    overdue = int(text(by_testid(doc, "own-overdue")[0]))
    due_soon = int(text(by_testid(doc, "own-due-soon")[0]))
    assert listed == overdue + due_soon
    if persona == "ward_officer":
        assert (overdue, due_soon) == (2, 1)
        assert re.search(r"Báo cáo CCHC quý của Phường 1", text(panel))
        # Her petition and her overrun step: each count is the rows listed under it.
        assert (
            text(by_testid(doc, "my-petitions")[0])
            == "1"
            == str(len(by_testid(doc, "panel-my-petitions")[0].xpath(".//li")))
        )
        assert (
            text(by_testid(doc, "my-steps")[0])
            == "1"
            == str(len(by_testid(doc, "panel-my-steps")[0].xpath(".//li")))
        )


def test_the_secretariats_check_figure_equals_the_overdue_list(client, scene):
    login_verified(client, scene.world.users["secretariat"])
    doc = html_of(client.get("/"))
    ((overdue, href),) = figures(doc, "all-overdue")
    assert overdue == list_count(client, href) == 3
    assert "ở 2 đơn vị" in text(by_testid(doc, "panel-check")[0])


def test_a_wards_task_figure_counts_the_tasks_its_sub_units_lead_as_its_list_does(client, scene):
    """The overdue list of a ward (``?don_vi=``) includes its one-stop office's tasks, so the ward's
    figure on the leader's and the Office's pages counts them too."""
    import datetime as dt

    from cchc.directives.models import Task
    from cchc.directives.tests.conftest import make_task

    world = scene.world
    directive = Task.objects.get(pk=scene.tasks["p1_done"].pk).directive
    make_task(world, directive, "p1_mc", due=dt.date(2022, 9, 30), text="Cập nhật bảng niêm yết tại một cửa")
    for persona, testids in (("leader", ("slipping-tasks",)), ("office", ("board-unit-tasks",))):
        login_verified(client, world.users[persona])
        doc = html_of(client.get("/"))
        seen = {}
        for testid in testids:
            for a in by_testid(doc, testid):
                seen[a.get("href")] = int(text(a))
        p1 = [href for href in seen if f"don_vi={world.units['p1'].pk}" in href]
        assert p1, (persona, seen)
        for href, value in seen.items():
            assert value == list_count(client, href), (persona, href)
        assert seen[p1[0]] == 3  # two of Phường 1 itself, one of its one-stop office
        client.logout()
