"""Driving a page with the keyboard alone, as a person who cannot use a mouse does (docs/accessibility.md).

    from cchc.testing.keyboard import keyboard_sign_in, tab_to
    keyboard_sign_in(page, live_server.url, world.users["leader"])
    tab_to(page, page.get_by_role("link", name="Hồ sơ trễ hạn")).press("Enter")

Only Tab, Shift+Tab, Enter and Space move and act; text is typed into fields. Every stop of the focus
must be visible: an outline or a shadow at least 2 px, on an element with a size on screen.
"""

from __future__ import annotations

from typing import Any

from cchc.testing.browser import SIGN_IN_PAGES, usable_code
from cchc.testing.personas import PASSWORD

_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el), r = el.getBoundingClientRect();
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.name || el.id || '').trim();
  return {tag: el.tagName.toLowerCase(), label: label.slice(0, 60), visible: outline || shadow,
          sized: r.width > 0 && r.height > 0};
}"""


def focused(page: Any) -> dict[str, Any] | None:
    """What has the focus: tag, a label, whether its focus is drawn, whether it has a size."""
    result: dict[str, Any] | None = page.evaluate(_FOCUS)
    return result


def assert_focus_visible(page: Any) -> None:
    now = focused(page)
    assert now is not None, f"nothing has the focus on {page.url}"
    assert now["sized"], f"the focus is on an element with no size on screen: {now} on {page.url}"
    assert now["visible"], f"the focus on {now['tag']} «{now['label']}» is not drawn on {page.url}"


def tab_to(page: Any, target: Any, *, limit: int = 120, backwards: bool = False) -> Any:
    """Press Tab (or Shift+Tab) until ``target`` (a locator) has the focus, checking that each stop
    on the way shows its focus; returns ``target``. Fails if the focus never reaches it."""
    handle = target.element_handle()
    key = "Shift+Tab" if backwards else "Tab"
    has_focus = "el => el === document.activeElement || el.contains(document.activeElement)"
    if page.evaluate(has_focus, handle):
        return target
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(page) is None:
            continue  # past the last control the focus goes to the browser's own bar, then wraps round
        assert_focus_visible(page)
        if page.evaluate(has_focus, handle):
            return target
    raise AssertionError(f"{limit} presses of {key} never reached {target} on {page.url}")


def skip_to_content(page: Any) -> None:
    """The first Tab on a page reaches the skip link, visible; Enter puts the focus in the content."""
    # Back to the top of the page, as after loading it (a field with autofocus would hold the start).
    page.evaluate(
        "() => { const b = document.body; b.tabIndex = -1; b.focus(); b.removeAttribute('tabindex'); }"
    )
    page.keyboard.press("Tab")
    now = focused(page)
    assert now and now["label"] == "Chuyển đến nội dung chính", f"first Tab reached {now} on {page.url}"
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "noi-dung", "the skip link did not move the focus"


def keyboard_sign_in(page: Any, base_url: str, user: Any, password: str = PASSWORD) -> None:
    """Sign in through the two-step form with the keyboard: skip link, type, Tab, Enter."""
    page.goto(f"{base_url}/tai-khoan/dang-nhap/")
    username = page.locator("input[name=username]")
    if not page.evaluate("el => el === document.activeElement", username.element_handle()):
        skip_to_content(page)
        tab_to(page, username)
    page.keyboard.type(user.get_username())
    tab_to(page, page.locator("input[name=password]"))
    page.keyboard.type(password)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    if "/tai-khoan/xac-thuc/" in page.url:
        code = page.locator("input[name=code]")
        if not page.evaluate("el => el === document.activeElement", code.element_handle()):
            skip_to_content(page)
            tab_to(page, code)
        page.keyboard.type(usable_code(user))
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert not SIGN_IN_PAGES.search(page.url), (
        f"keyboard sign-in of {user.get_username()} stopped at {page.url}"
    )


def press(page: Any, key: str = "Enter", *, navigates: bool = True) -> None:
    """Act on what has the focus (Enter for links and buttons, Space for buttons and check boxes)."""
    if navigates:
        with page.expect_navigation():
            page.keyboard.press(key)
    else:
        page.keyboard.press(key)
