"""Playwright: a published answer turns out to name a neighbour; the ward's head withdraws it with a
reason from the petition page, and the citizen's public link now shows the removal notice (410)."""

import pytest
from playwright.sync_api import expect

from cchc.feedback import actions
from cchc.feedback.tests.conftest import local
from cchc.testing.browser import browser_login, new_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("cchc.feedback.tests.urls"),
]

SLIPPED = "Hộ ông Trần Văn Lộc số 14 lấn chiếm vỉa hè trước chợ để bán hàng."
ANSWER = "UBND Phường 1 đã lập biên bản và giải toả vỉa hè trước chợ; tổ dân phố tiếp tục giám sát."
REASON = "Nội dung công khai còn họ tên và số nhà của người bị phản ánh."


def test_a_head_withdraws_a_published_answer_and_the_public_link_says_it_was_removed(
    live_server, browser, page, world, file_petition
):
    p = file_petition(consent_publish=True, at=local(2022, 6, 6))
    answer = actions.draft_answer(world.users["ward_officer"], p, text=ANSWER, at=local(2022, 6, 7))
    actions.approve_answer(
        world.users["unit_head"],
        answer,
        publish_now=True,
        public_title="Lấn chiếm vỉa hè trước chợ Phường 1",
        public_text=SLIPPED,
        public_answer=ANSWER,
        at=local(2022, 6, 8),
    )
    public_link = f"{live_server.url}/cong-khai/phan-anh/{p.code}/"

    # The citizen's public link shows the answer (and, alas, the neighbour's name).
    phone_context = new_context(
        browser, viewport={"width": 390, "height": 844}, is_mobile=True, locale="vi-VN"
    )
    phone = phone_context.new_page()
    assert phone.goto(public_link).status == 200
    expect(phone.get_by_test_id("published-answer")).to_contain_text("giải toả vỉa hè")
    expect(phone.locator("body")).to_contain_text("Trần Văn Lộc")

    # The ward's head withdraws it from the petition page, with the reason.
    browser_login(page, live_server.url, world.users["unit_head"], next_path=f"/phan-anh/{p.code}/")
    page.goto(f"{live_server.url}/phan-anh/{p.code}/")
    page.get_by_test_id("open-go-cong-khai").click()
    page.locator("#go-cong-khai-reason").fill(REASON)
    page.get_by_test_id("form-go-cong-khai").get_by_role("button", name="Gỡ khỏi trang công khai").click()
    expect(page.get_by_text("Đã gỡ khỏi trang công khai.")).to_be_visible()
    expect(page.get_by_test_id("withdrawn-badge")).to_be_visible()
    expect(page.get_by_test_id("withdrawn")).to_contain_text(REASON)
    expect(page.get_by_test_id("timeline")).to_contain_text("Gỡ khỏi trang công khai")
    expect(page.get_by_test_id("open-cong-khai")).to_be_visible()  # to publish again once corrected

    # The same public link now says the content was removed, and shows nothing of it.
    response = phone.goto(public_link)
    assert response is not None and response.status == 410
    expect(phone.get_by_test_id("withdrawn-notice")).to_contain_text(
        "Nội dung này đã được gỡ khỏi trang công khai"
    )
    expect(phone.locator("body")).not_to_contain_text("Trần Văn Lộc")
    phone.goto(f"{live_server.url}/cong-khai/phan-anh/")
    expect(phone.get_by_test_id("published-list")).not_to_contain_text(p.code)
    phone_context.close()
