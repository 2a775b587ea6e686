"""`make demo` prints one login per role; each must get in (no code: demo waiver) and see its own menu."""

import pytest
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from cchc.accounts.demo import DEMO_LOGINS, DEMO_PASSWORD
from cchc.accounts.models import User
from cchc.core.navigation import NavItem, items_for
from cchc.testing.browser import browser_login


def _routable(url_name: str) -> bool:
    try:
        reverse(url_name)
    except NoReverseMatch:
        return False
    return True


def _menu_order(items: list[NavItem]) -> list[str]:
    """The labels as the menu shows them: entries of one group together, where the group first appears."""
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        first.setdefault(item.group or f"#{index}", index)
    keyed = [(first[item.group or f"#{index}"], index, item.label) for index, item in enumerate(items)]
    return [label for _, _, label in sorted(keyed)]


@pytest.fixture
def demo(settings, transactional_db):
    settings.CCHC_DEMO = True
    settings.CCHC_DEMO_WITHOUT_2FA = True
    # Signing in needs the organisation and its accounts; the whole demo is tested elsewhere.
    call_command("load_demo", "--only", "org,calendar", verbosity=0)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_demo_login_reaches_its_role_page_with_its_own_menu(demo, live_server, page):
    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        page.context.clear_cookies()
        browser_login(page, live_server.url, user, password=DEMO_PASSWORD)
        expect(page.get_by_test_id("role-label")).to_have_text(login.role.label)
        nav = page.get_by_test_id("nav")
        expected = _menu_order([item for item in items_for(login.role) if _routable(item.url_name)])
        expect(nav.locator("a")).to_have_text(expected)
