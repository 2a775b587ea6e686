"""Browser: a Phường 1 officer who opens a Phường 2 unit's address gets the not-found page."""

import pytest

from cchc.testing.browser import browser_login


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_ward_officer_opening_another_wards_unit_gets_not_found(live_server, page, world):
    browser_login(page, live_server.url, world.users["ward_officer"])
    own = page.goto(f"{live_server.url}/to-chuc/don-vi/{world.units['p1'].pk}/")
    assert own.status == 200
    assert page.get_by_test_id("unit-name").inner_text() == "UBND Phường 1"

    for path in (
        f"/to-chuc/don-vi/{world.units['p2'].pk}/",
        f"/to-chuc/don-vi/{world.units['p2'].pk}/sua/",
        f"/to-chuc/can-bo/{world.officials['other_ward_officer'].pk}/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 404, path
        body = page.content()
        assert "UBND Phường 2" not in body and "Đỗ Văn Cường" not in body
