"""Playwright: a citizen on a phone-sized screen files a petition with a photo; the ward drafts an
answer; its head approves it; the citizen opens the tracking page, sees the published answer and
rates it."""

import pytest
from playwright.sync_api import expect

from cchc.feedback.models import Petition, Status
from cchc.feedback.tests.helpers import jpeg_bytes
from cchc.testing.browser import browser_login, new_context

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("cchc.feedback.tests.urls"),
]

ANSWER = (
    "UBND Phường 1 đã kiểm tra hiện trường, lập biên bản các hộ kinh doanh lấn chiếm và giải toả vỉa hè "
    "trước chợ ngày 12/12; tổ dân phố tiếp tục giám sát."
)


def test_citizen_files_on_a_phone_the_ward_answers_the_head_approves_the_citizen_rates(
    live_server, browser, page, world, categories, tmp_path
):
    photo = tmp_path / "via-he-truoc-cho.jpg"
    photo.write_bytes(jpeg_bytes((1200, 900)))
    phone_context = new_context(
        browser,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
    )
    phone = phone_context.new_page()

    # 1. The citizen, without signing in, on a 390×844 screen.
    phone.goto(f"{live_server.url}/cong-khai/phan-anh/gui/")
    expect(phone.get_by_role("heading", name="Gửi phản ánh, kiến nghị")).to_be_visible()
    phone.get_by_label("Lĩnh vực").select_option(label="Trật tự đô thị")
    expect(phone.locator("#ward-hint")).to_be_visible()
    phone.get_by_label("Phường, xã nơi xảy ra").select_option(label="Phường 1")
    phone.get_by_label("Địa điểm cụ thể").fill("Trước cổng chợ Phường 1")
    phone.get_by_role("textbox", name="Nội dung").fill(
        "Vỉa hè trước cổng chợ bị lấn chiếm để bán hàng, người đi bộ phải xuống lòng đường."
    )
    phone.get_by_label("Ảnh hoặc tệp PDF (không bắt buộc)").set_input_files(str(photo))
    phone.get_by_role("textbox", name="Họ và tên").fill("Phạm Thị Hồng Nhung")
    phone.get_by_role("textbox", name="Số điện thoại").fill("0912 345 678")
    phone.get_by_role("textbox", name="Địa chỉ liên hệ").fill("12 Lê Lợi, Phường 1")
    phone.get_by_label("Tôi đồng ý công khai").check()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    phone.get_by_role("button", name="Gửi phản ánh").click()
    code = phone.get_by_test_id("tracking-code").inner_text().strip()
    petition = Petition.objects.get(code=code)
    assert petition.unit == world.units["p1"]
    assert petition.attachments.get().content_type == "image/jpeg"

    # 2. The ward officer drafts the answer.
    browser_login(page, live_server.url, world.users["ward_officer"])
    page.goto(f"{live_server.url}/phan-anh/")
    page.get_by_role("link", name=code).click()
    expect(page.get_by_test_id("petition-unit")).to_contain_text("UBND Phường 1")
    page.get_by_test_id("open-du-thao").click()
    page.locator("#du-thao-text").fill(ANSWER)
    page.get_by_test_id("form-du-thao").get_by_role("button", name="Dự thảo trả lời").click()
    expect(page.get_by_text("Đã trình lãnh đạo duyệt dự thảo.")).to_be_visible()
    expect(page.get_by_test_id("petition-status")).to_contain_text("Chờ lãnh đạo duyệt")
    expect(page.get_by_test_id("open-duyet")).to_have_count(0)  # the officer cannot approve

    # 3. Its head approves; the masked public texts are proposed, publication ticked.
    page.context.clear_cookies()
    browser_login(page, live_server.url, world.users["unit_head"], next_path=f"/phan-anh/{code}/")
    page.goto(f"{live_server.url}/phan-anh/{code}/")
    page.get_by_test_id("open-duyet").click()
    expect(page.locator("#duyet-publish_now")).to_be_checked()
    expect(page.locator("#duyet-public_answer")).to_have_value(ANSWER)
    page.get_by_test_id("form-duyet").get_by_role("button", name="Duyệt và gửi").click()
    expect(page.get_by_text("Đã duyệt và gửi trả lời.")).to_be_visible()
    expect(page.get_by_test_id("petition-status")).to_contain_text("Đã trả lời")

    # 4. The citizen opens the tracking page, sees the published answer and rates it.
    phone.goto(f"{live_server.url}/cong-khai/phan-anh/theo-doi/")
    phone.get_by_label("Mã theo dõi").fill(code)
    phone.get_by_label("Số điện thoại (hoặc thư điện tử đã dùng để gửi)").fill("0912345678")
    phone.get_by_role("button", name="Xem").click()
    expect(phone.get_by_test_id("track-answer")).to_contain_text("giải toả vỉa hè")
    expect(phone.get_by_test_id("track-steps")).to_contain_text("Công khai kết quả")
    phone.get_by_label("Hài lòng", exact=True).check()
    phone.get_by_role("button", name="Gửi đánh giá").click()
    expect(phone.get_by_text("Cảm ơn Ông/Bà đã đánh giá.")).to_be_visible()
    expect(phone.get_by_test_id("track-rating")).to_contain_text("Hài lòng")
    phone.goto(f"{live_server.url}/cong-khai/phan-anh/")
    phone.get_by_test_id("published-list").get_by_role("link").first.click()
    expect(phone.get_by_test_id("published-answer")).to_contain_text("giải toả vỉa hè")
    expect(phone.locator("body")).not_to_contain_text("Hồng Nhung")
    petition.refresh_from_db()
    assert (petition.status, petition.satisfied, petition.handled_on_time) == (Status.CLOSED, True, True)
    phone_context.close()
