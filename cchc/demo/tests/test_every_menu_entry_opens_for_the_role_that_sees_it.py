"""A menu never offers a page its reader may not open: for every demo login, each entry of the main
menu answers 200 — not 403 (the page's own permission disagrees with the menu's roles) nor 404."""

from __future__ import annotations

import lxml.html
import pytest

from cchc.accounts.demo import DEMO_LOGINS
from cchc.accounts.models import User
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


def test_every_menu_entry_opens_for_each_demo_login(client, demo_db, settings):
    settings.CCHC_DEMO = True
    settings.CCHC_DEMO_WITHOUT_2FA = True
    refused: list[tuple[str, str, int]] = []
    checked = 0
    for login in DEMO_LOGINS:
        login_verified(client, User.objects.get(username=login.username))
        home = client.get("/")
        assert home.status_code == 200, login.username
        links = lxml.html.fromstring(home.content).xpath("//*[@data-testid='nav']//a/@href")
        assert links, login.username
        for href in links:
            checked += 1
            status = client.get(href).status_code
            if status != 200:
                refused.append((login.username, href, status))
        client.logout()
    assert checked > 50
    assert refused == []
