"""Each role's first page has its own panels, and a unit-scoped person never sees another unit's
figures or rows (a ward officer never sees another ward's)."""

import pytest

from cchc.home.tests.test_home_scene import by_testid, html_of, setup_scene, text
from cchc.testing.personas import login_verified


@pytest.fixture
def scene(world, settings, tmp_path):
    return setup_scene(world, settings, tmp_path)


PANELS = {
    "leader": {"panel-slipping", "panel-late-lists", "panel-satisfaction"},
    "auditor": {"panel-slipping", "panel-late-lists", "panel-satisfaction"},
    "office": {"panel-task-board", "panel-dossier-stats", "panel-late-list-state"},
    "secretariat": {
        "panel-check",
        "panel-own-tasks",
        "panel-satisfaction",
        "panel-surveys",
        "panel-org-health",
    },
    "unit_head": {"panel-unit-tasks", "panel-unit-petitions", "panel-unit-late", "panel-satisfaction"},
    "ward_officer": {"panel-own-tasks", "panel-my-petitions", "panel-my-steps"},
    "other_ward_officer": {"panel-own-tasks", "panel-my-petitions", "panel-my-steps"},
    "one_stop": {"panel-due-soon", "panel-missing-apology"},
    "front": {"panel-opinions"},
}
ALL_PANELS = set().union(*PANELS.values())


def page_text(client, user):
    login_verified(client, user)
    doc = html_of(client.get("/"))
    return doc, text(doc.xpath("//main")[0])


@pytest.mark.parametrize("persona", sorted(PANELS))
def test_each_role_has_its_panels_and_no_other(client, scene, persona):
    doc, _ = page_text(client, scene.world.users[persona])
    present = {p for p in ALL_PANELS if by_testid(doc, p)}
    assert present == PANELS[persona]


def test_a_ward_officer_never_sees_another_wards_work(client, scene):
    _, p2 = page_text(client, scene.world.users["other_ward_officer"])
    assert "Niêm yết thủ tục hành chính tại Phường 2" in p2
    for foreign in (
        "Phường 1 ",
        "Niêm yết thủ tục hành chính tại Phường 1",
        scene.petitions["p1"].code,
        "HOME-P1",
    ):
        assert foreign not in p2
    _, p1 = page_text(client, scene.world.users["ward_officer"])
    assert scene.petitions["p1"].code in p1  # assigned to her
    assert "HOME-P1-OPEN-OVERDUE" in p1  # her step overran
    for foreign in ("Phường 2", scene.petitions["p2"].code, scene.petitions["front"].code, "HOME-P2"):
        assert foreign not in p1


def test_a_unit_head_sees_only_the_figures_of_the_unit(client, scene):
    doc, p1 = page_text(client, scene.world.users["unit_head"])
    for foreign in ("Phường 2", scene.petitions["p2"].code, "HOME-P2", "HOME-NV", "Phòng Nội vụ"):
        assert foreign not in p1
    # The month's figure is the ward's own (4 of 10), not the city's (5 of 30).
    assert text(by_testid(doc, "unit-late-month")[0]) == "4"


def test_the_one_stop_desk_counts_only_its_own_dossiers(client, scene):
    _, desk = page_text(client, scene.world.users["one_stop"])
    assert "HOME-P1-OPEN-OVERDUE" in desk
    for foreign in ("HOME-P2", "HOME-NV"):
        assert foreign not in desk


def test_the_front_sees_only_what_it_forwarded(client, scene):
    doc, front = page_text(client, scene.world.users["front"])
    assert scene.petitions["front"].code in front
    assert scene.petitions["p1"].code not in front and scene.petitions["p2"].code not in front
    assert text(by_testid(doc, "opinions-total")[0]) == "1"


def test_wide_roles_see_the_whole_city(client, scene):
    _, leader = page_text(client, scene.world.users["leader"])
    assert "UBND Phường 1" in leader and "UBND Phường 2" in leader
    _, office = page_text(client, scene.world.users["office"])
    assert "UBND Phường 1" in office and "UBND Phường 2" in office
