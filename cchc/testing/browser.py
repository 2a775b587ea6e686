"""Signing in through the real two-step form in Playwright tests.

    from cchc.testing.browser import browser_login
    browser_login(page, live_server.url, world.users["secretariat"])

The helper types the password, then (unless the account is waived as a demo one) the authenticator
code a phone would show, exactly as an official does. It fails the test with the page's own error
message if the sign-in does not get through.
"""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import urlencode

from django_otp.plugins.otp_totp.models import TOTPDevice

from cchc.testing.personas import PASSWORD, totp_now

SIGN_IN_PAGES = re.compile(r"/tai-khoan/(dang-nhap|xac-thuc|thiet-lap-xac-thuc)/")


def usable_code(user: Any) -> str:
    """A code the server will accept now for ``user``'s authenticator.

    A code is accepted once (django-otp remembers the last time step used), so a second sign-in of
    the same account within 30 seconds needs the next step's code, which the server accepts too
    (tolerance of one step); past that, wait for the clock.
    """
    while True:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()
        if device is None:
            raise AssertionError(f"{user.get_username()} has no confirmed authenticator")
        now = time.time()
        current = int((now - device.t0) // device.step) + device.drift
        step = max(current, device.last_t + 1)
        if step <= current + device.tolerance:
            return totp_now(device.key, at=device.t0 + step * device.step)
        time.sleep(device.step - (now - device.t0) % device.step + 0.05)


def browser_login(
    page: Any, live_server_url: str, user: Any, password: str = PASSWORD, *, next_path: str = ""
) -> None:
    """Sign ``user`` in through /tai-khoan/dang-nhap/ and, when asked, /tai-khoan/xac-thuc/."""
    url = f"{live_server_url}/tai-khoan/dang-nhap/"
    if next_path:
        url += "?" + urlencode({"next": next_path})
    page.goto(url)
    page.locator("input[name=username]").fill(user.get_username())
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("[data-testid=login-form] button[type=submit]").click()
    if "/tai-khoan/xac-thuc/" in page.url:
        page.locator("input[name=code]").fill(usable_code(user))
        with page.expect_navigation():
            page.locator("[data-testid=otp-form] button[type=submit]").click()
    if SIGN_IN_PAGES.search(page.url):
        errors = page.locator("[role=alert]").all_inner_texts()
        raise AssertionError(
            f"Sign-in of {user.get_username()} stopped at {page.url}: {' | '.join(errors) or 'no message'}"
        )


def nav_link(page: Any, label: str) -> Any:
    """The main-menu link called ``label``, made visible: entries grouped under a drop-down are shown by
    opening their menu first, as a person would."""
    nav = page.locator("[data-testid=nav]")
    # A CSS locator, not get_by_role: links inside a closed menu are not in the accessibility tree yet.
    link = nav.locator("a").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    if link.count() == 1 and not link.is_visible():
        toggle = link.locator("xpath=ancestor::li[contains(@class, 'dropdown')]/button")
        if page.locator("[data-bs-target='#nav-chinh']").is_visible():
            page.locator("[data-bs-target='#nav-chinh']").click()  # phone layout: open the menu bar first
        toggle.click()
    return link


# Bootstrap's collapse animates for 0.35 s; on a loaded CI machine Playwright could click a submit
# button inside a panel still opening, and the click landed on nothing (no POST was sent — traced in
# the petition journey). Reduced motion makes Bootstrap open panels at once, as it does for users who
# ask their system for it. The root conftest gives the same defaults to the `page` fixture's context.
CONTEXT_DEFAULTS: dict[str, Any] = {
    "locale": "vi-VN",
    "timezone_id": "Asia/Ho_Chi_Minh",
    "reduced_motion": "reduce",
}


# The contexts new_context opened for the running test. conftest.py closes those still open when the test
# ends, as pytest-playwright does with its own `context`: before, a context a test did not close kept its
# pages, and their renderer process, alive to the end of the session (14 contexts in 12 files did so).
_opened: list[Any] = []


def new_context(browser: Any, **options: Any) -> Any:
    """A second browser context (a citizen's phone, a kiosk tablet) with the suite's defaults; it is
    closed when the test ends if the test has not closed it."""
    context = browser.new_context(**{**CONTEXT_DEFAULTS, **options})
    _opened.append(context)
    return context


def close_opened() -> None:
    """Close the contexts new_context opened that are still open (closing a closed one does nothing)."""
    while _opened:
        _opened.pop().close()
