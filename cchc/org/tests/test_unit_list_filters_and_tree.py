import datetime as dt

from django.urls import reverse

from cchc.org import actions
from cchc.testing.personas import login_verified


def codes(response) -> list[str]:
    return [unit.code for unit, _depth, _heads in response.context["rows"]]


def test_tree_lists_children_under_their_parent_with_depth(client, world):
    login_verified(client, world.users["secretariat"])
    rows = client.get(reverse("org:unit_list")).context["rows"]
    depth = {u.code: d for u, d, _ in rows}
    order = [u.code for u, _, _ in rows]
    assert depth["UBND-VT"] == 0 and depth["P1"] == 1 and depth["P1-MC"] == 2 and depth["MTTQ"] == 0
    assert order.index("P1") < order.index("P1-MC") < order.index("P2")


def test_filters_by_kind_search_and_validity_date(client, world):
    secretariat = world.users["secretariat"]
    actions.merge_units(
        secretariat, [world.units["tt"]], world.units["vp"], on=dt.date(2025, 7, 1), move_officials=False
    )
    login_verified(client, secretariat)
    url = reverse("org:unit_list")
    assert codes(client.get(url, {"loai": "ward"})) == ["P1", "P2"]
    assert codes(client.get(url, {"q": "phường 1"})) == ["P1", "P1-MC"]
    assert "TTr" not in codes(client.get(url))  # current units only by default
    assert "TTr" in codes(client.get(url, {"hieu_luc": "ngay", "ngay": "30/06/2025"}))
    assert "TTr" not in codes(client.get(url, {"hieu_luc": "ngay", "ngay": "01/07/2025"}))
    assert "TTr" in codes(client.get(url, {"hieu_luc": "tat_ca"}))
    page = client.get(url, {"hieu_luc": "ngay", "ngay": "31/02/2025"})
    assert "Ngày không hợp lệ" in page.content.decode()


def test_unit_page_shows_heads_history_and_reorganisation(client, world):
    secretariat = world.users["secretariat"]
    p1 = world.units["p1"]
    actions.set_head(
        secretariat, p1, world.officials["ward_officer"], kind="acting", valid_from=dt.date(2022, 8, 1)
    )
    actions.merge_units(
        secretariat, [world.units["tt"]], world.units["vp"], on=dt.date(2025, 7, 1), move_officials=False
    )
    login_verified(client, world.users["leader"])
    page = client.get(reverse("org:unit_detail", args=[p1.pk])).content.decode()
    assert 'data-testid="accountable-head"' in page and "Trần Thị Bình" in page
    assert "Hoàng Minh Đức" in page and "01/01/2021" in page
    page = client.get(reverse("org:unit_detail", args=[world.units["vp"].pk])).content.decode()
    assert "Tiếp nhận" in page and "Thanh tra thành phố" in page and "30/06/2025" in page


def test_official_list_filters_by_unit_with_sub_units_and_searches(client, world):
    login_verified(client, world.users["secretariat"])
    url = reverse("org:official_list")
    p1 = world.units["p1"]
    names = lambda r: [o.code for o in r.context["page"]]  # noqa: E731
    assert names(client.get(url, {"don_vi": p1.pk})) == ["CB-P1-CT", "CB-P1-CV"]
    assert names(client.get(url, {"don_vi": p1.pk, "cap_duoi": "1"})) == ["CB-P1-CT", "CB-P1-CV", "CB-P1-MC"]
    assert names(client.get(url, {"q": "Bình"})) == ["CB-P1-CV"]
    htmx = client.get(url, {"q": "Bình"}, headers={"HX-Request": "true"})
    assert "<html" not in htmx.content.decode() and "Trần Thị Bình" in htmx.content.decode()
