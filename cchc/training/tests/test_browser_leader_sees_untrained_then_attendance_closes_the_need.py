"""In Chromium: on a 390-px phone the leader sees, on the letter's topic of online public services, that
the one-stop officer of Phường 1 is not trained yet and opens the coming class; Internal Affairs, at a
desk, marks the attendance and records a pass, which closes her training need and issues a
certificate; the leader's card then shows the topic fully trained."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from cchc.testing.browser import browser_login, nav_link, new_context
from cchc.training import actions
from cchc.training.models import NeedStatus, TrainingNeed
from cchc.training.tests.conftest import make_class, topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/training-shots"


def test_leader_on_a_phone_then_attendance_closes_the_need(
    world, live_server, browser, course, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    sec = world.users["secretariat"]
    cls = make_class(world, course, days_from_today=0, name="Lớp 1")
    actions.invite(sec, cls, [world.officials["one_stop"], world.officials["ward_officer"]])
    need = actions.add_need(
        sec,
        world.officials["one_stop"],
        topic("dich-vu-cong-truc-tuyen"),
        evidence="Đơn vị đề nghị bồi dưỡng",
    )

    phone = new_context(browser, viewport={"width": 390, "height": 844}).new_page()
    browser_login(phone, live_server.url, world.users["leader"])
    nav_link(phone, "Đào tạo, bồi dưỡng").click()
    card = phone.get_by_test_id("coverage-card").filter(
        has_text="Hướng dẫn thực hiện dịch vụ công trực tuyến"
    )
    expect(card.get_by_test_id("untrained")).to_have_text("1")
    card.locator("summary").click()
    expect(card).to_contain_text("Vũ Thị Mai")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=f"{SHOTS}/leader-coverage-390.png", full_page=True)
    phone.get_by_test_id("upcoming").get_by_role("link").filter(has_text="Lớp 1").click()
    expect(phone).to_have_url(re.compile(rf"/dao-tao/lop/{cls.pk}/$"))
    expect(phone.get_by_test_id("roster")).to_contain_text("Vũ Thị Mai")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    desk = new_context(browser, viewport={"width": 1280, "height": 900}).new_page()
    browser_login(desk, live_server.url, sec)
    desk.goto(f"{live_server.url}/dao-tao/lop/{cls.pk}/")
    desk.get_by_label("Trần Thị Bình").select_option("absent")
    expect(desk.get_by_label("Vũ Thị Mai")).to_have_value("present")
    desk.get_by_role("button", name="Ghi điểm danh").click()
    expect(desk.locator("[role=alert]").first).to_contain_text("Đã đóng 1 nhu cầu bồi dưỡng")
    desk.get_by_label("Kết quả của Vũ Thị Mai").select_option("passed")
    desk.get_by_label("Điểm của Vũ Thị Mai").fill("9")
    desk.get_by_role("button", name="Ghi kết quả").click()
    expect(desk.locator("[role=alert]").first).to_contain_text("cấp 1 giấy chứng nhận")
    year = dt.date.today().year
    expect(
        desk.get_by_test_id("roster").get_by_role("link", name=f"Giấy chứng nhận 1/{year}/GCN-NV")
    ).to_be_visible()
    desk.screenshot(path=f"{SHOTS}/secretariat-class-1280.png", full_page=True)

    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED and need.closed_by is not None
    assert TrainingNeed.objects.filter(status=NeedStatus.OPEN, topic=need.topic).count() == 0

    phone.goto(f"{live_server.url}/dao-tao/")
    card = phone.get_by_test_id("coverage-card").filter(
        has_text="Hướng dẫn thực hiện dịch vụ công trực tuyến"
    )
    expect(card.get_by_test_id("untrained")).to_have_text("0")
    expect(card).to_contain_text("Đã bồi dưỡng đủ")
    phone.goto(f"{live_server.url}/dao-tao/nhu-cau/?trang_thai=closed")
    expect(phone.get_by_test_id("need").filter(has_text="Vũ Thị Mai")).to_contain_text("đã tham gia Lớp 1")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=f"{SHOTS}/leader-needs-closed-390.png", full_page=True)
