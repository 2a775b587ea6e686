"""A citizen on a phone looks their dossier up, agrees to receive progress messages by Zalo, gets the
receipt message at once, and later stops the messages from the same page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cchc.dossiers.tests.import_helpers import make_catalogue
from cchc.dossiers.tests.status_message_helpers import received
from cchc.notify.channels import RecordingChannel
from cchc.notify.models import Consent
from cchc.testing.browser import new_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def look_up(page, base: str) -> None:
    page.goto(f"{base}/cong-khai/tra-cuu-ho-so/")
    page.get_by_label("Mã hồ sơ").fill("PW1")
    page.get_by_label("Số điện thoại đã khai khi nộp hồ sơ").fill("0909 000 111")
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_test_id("lookup-result")).to_be_visible()


def test_citizen_on_a_phone_agrees_to_zalo_messages_then_stops_them(live_server, browser, world, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    make_catalogue()
    received(world, "PW1")
    RecordingChannel.reset()
    context = new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        look_up(page, live_server.url)
        form = page.get_by_test_id("consent-form")
        form.get_by_label("Nhận thông báo qua").select_option("zalo")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        form.get_by_role("button", name="Đồng ý nhận thông báo").click()
        expect(page.get_by_test_id("consent-done")).to_contain_text("qua Zalo")
        given = Consent.objects.get(object_key="PW1", withdrawn_at__isnull=True)
        assert (given.channel, given.address, given.given_where) == ("zalo", "0909000111", "lookup")
        assert [(m.recipient, "PW1" in m.body) for m in RecordingChannel.outbox] == [("0909000111", True)]

        look_up(page, live_server.url)
        expect(page.get_by_test_id("consent-status")).to_contain_text("Zalo")
        expect(page.get_by_test_id("consent-status")).not_to_contain_text("0909000111")
        page.get_by_test_id("consent-withdraw").click()
        expect(page.get_by_test_id("consent-done")).to_contain_text("không nhận thông báo")
        assert not Consent.objects.filter(object_key="PW1", withdrawn_at__isnull=True).exists()
        assert Consent.objects.get(object_key="PW1").withdrawn_where == "lookup"
    finally:
        context.close()
        RecordingChannel.reset()
