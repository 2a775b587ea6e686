"""The accessibility check itself: it finds a real WCAG failure, names the rule, the element and the
page, honours the one list of exceptions, and checks a screen once per session and width."""

import pytest

from cchc.testing import accessibility
from cchc.testing.accessibility import Exemption, Served, check_page, replay_and_check, report

pytestmark = pytest.mark.browser

LOW_CONTRAST = (
    '<!doctype html><html lang="vi"><head><title>Thử</title></head><body><main>'
    '<h1>Danh sách</h1><p id="mo" style="color:#bbbbbb;background:#ffffff">Chữ quá nhạt</p>'
    "</main></body></html>"
)


def test_low_contrast_text_is_reported_with_rule_element_and_page(page):
    page.set_content(LOW_CONTRAST)
    found = check_page(page, "/thu/", "desktop", "leader")
    assert [(v.rule, v.selector) for v in found] == [("color-contrast", "#mo")]
    text = report(found)
    assert "rule color-contrast" in text and "element #mo" in text and "/thu/ [desktop, leader]" in text


def test_a_page_without_problems_passes(page):
    page.set_content(LOW_CONTRAST.replace("#bbbbbb", "#212529"))
    assert check_page(page, "/thu/", "desktop", "leader") == []


def test_an_exception_covers_only_its_rule_element_and_pages(page, monkeypatch):
    page.set_content(LOW_CONTRAST)
    monkeypatch.setattr(
        accessibility, "EXCEPTIONS", (Exemption("color-contrast", r"^#mo$", r"^/thu/", "a reason"),)
    )
    assert check_page(page, "/thu/", "desktop", "leader") == []
    assert [v.path for v in check_page(page, "/khac/", "desktop", "leader")] == ["/khac/"]


def test_a_recorded_page_is_replayed_at_both_widths_once_per_session(browser, monkeypatch):
    monkeypatch.setattr(accessibility, "_checked", set())
    served = Served(
        method="GET",
        path="/thu/?trang=2",
        view="thu",
        role="leader",
        session="s",
        fragment=False,
        status=200,
        headers=[("Content-Type", "text/html; charset=utf-8")],
        body=LOW_CONTRAST.encode(),
    )
    found = replay_and_check(browser, [served], "http://cchc.invalid")
    widths = [("desktop", "/thu/?trang=2"), ("phone", "/thu/?trang=2")]
    assert sorted((v.width, v.path) for v in found) == widths
    # The same screen with another page number is not checked again in this session.
    again = Served(**{**served.__dict__, "path": "/thu/?trang=3"})
    assert replay_and_check(browser, [again], "http://cchc.invalid") == []
