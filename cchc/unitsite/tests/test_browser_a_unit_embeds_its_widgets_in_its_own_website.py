"""In Chromium: Phường 1's officer adds a decision to the unit's register, registers the ward's website
(an http address is refused with a message) and copies the embed snippets. The snippets, pasted into a
page served from another origin (a small http server on another port, registered for the test), show
every widget — the documents, the late list, the dossier look-up (which answers inside the frame), the
petition link and the satisfaction figures — on a 390-px phone. The same page served from an origin the
unit did not register shows none of them: the browser refuses to frame them."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cchc.portal.views import NOT_FOUND
from cchc.testing.browser import browser_login, nav_link, new_context
from cchc.unitsite.models import EmbedOrigin, UnitDocument
from cchc.unitsite.tests.conftest import PDF
from cchc.unitsite.widgets import WIDGETS, snippet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def website(tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Serve ``tmp_path`` from 127.0.0.1 on fresh ports: each call starts one more website."""
    servers = []

    def start() -> str:
        handler = functools.partial(_Quiet, directory=str(tmp_path))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_unit_embeds_its_widgets_in_its_own_website_and_another_site_is_refused(
    world, live_server, browser, website, tmp_path
):
    p1 = world.units["p1"]
    desk = new_context(browser, viewport={"width": 1280, "height": 900}).new_page()
    browser_login(desk, live_server.url, world.users["ward_officer"])
    nav_link(desk, "Trang thông tin đơn vị").click()
    desk.get_by_role("link", name="Sổ văn bản").first.click()
    desk.get_by_test_id("document-add").click()
    desk.get_by_label("Loại văn bản").select_option("decision")
    desk.get_by_label("Số, ký hiệu").fill("15/QĐ-UBND")
    desk.get_by_label("Ngày ban hành").fill("2024-03-01")
    desk.get_by_label("Trích yếu").fill(
        "Ban hành Quy chế tiếp nhận và trả kết quả tại Bộ phận một cửa phường"
    )
    desk.get_by_label("Tệp văn bản").set_input_files(
        {"name": "quy-che.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    desk.get_by_role("button", name="Lưu").click()
    expect(desk.get_by_test_id("unitsite-register")).to_contain_text("15/QĐ-UBND")
    assert UnitDocument.objects.get(unit=p1).file_name == "quy-che.pdf"

    desk.get_by_role("link", name="Nhúng vào trang web").first.click()
    address = desk.get_by_label("Địa chỉ trang web của đơn vị")
    address.fill("http://phuong1.vungtau.gov.vn")
    desk.get_by_role("button", name="Đăng ký trang web").click()
    expect(desk.get_by_role("alert")).to_contain_text("chỉ nhận trang chạy https")
    desk.get_by_label("Địa chỉ trang web của đơn vị").fill("https://phuong1.vungtau.gov.vn")
    desk.get_by_role("button", name="Đăng ký trang web").click()
    expect(desk.get_by_test_id("unitsite-origins")).to_contain_text("https://phuong1.vungtau.gov.vn")
    code = desk.get_by_label("Mã nhúng: Văn bản của đơn vị").input_value()
    assert '<iframe src="' in code and f"/cong-khai/don-vi/{p1.pk}/nhung/van-ban/" in code
    assert f"/cong-khai/don-vi/{p1.pk}/van-ban/" in code  # the fallback link to the full list
    assert "<script" not in code

    # The ward's website: the snippets as the staff page gives them, pointing at this test's server.
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin Phường 1</title>'
        "</head><body><h1>Phường 1</h1>"
        + "\n".join(snippet(w, p1, live_server.url) for w in WIDGETS)
        + "</body></html>",
        encoding="utf-8",
    )
    ward_site = website()
    # An http origin cannot be registered through the form; the test's local server is registered
    # directly (the header is built from whatever is stored).
    EmbedOrigin.objects.create(unit=p1, origin=ward_site)

    phone = new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    phone.goto(f"{ward_site}/index.html")
    frames = {w.key: phone.frame_locator(f"iframe[src='{live_server.url}{w.path(p1)}']") for w in WIDGETS}
    for widget in WIDGETS:
        expect(frames[widget.key].get_by_test_id("widget")).to_be_visible()
    expect(frames["documents"].get_by_test_id("documents")).to_contain_text("15/QĐ-UBND")
    expect(frames["late"].get_by_test_id("widget-empty")).to_be_visible()
    expect(frames["satisfaction"].get_by_test_id("widget-empty")).to_be_visible()
    lookup = frames["lookup"]
    lookup.get_by_label("Mã hồ sơ").fill("000.00.00.H00-240101-0001")
    lookup.get_by_label("Số điện thoại đã khai khi nộp hồ sơ").fill("0912345678")
    lookup.get_by_role("button", name="Tra cứu").click()
    expect(lookup.get_by_test_id("lookup-error")).to_have_text(str(NOT_FOUND))

    # The fallback link under the frame: the unit's full list, cards on the phone, search and filters
    # (the search box in sight, the other filters behind one button).
    phone.get_by_role("link", name="Văn bản của đơn vị (UBND Phường 1)").click()
    expect(phone).to_have_url(re.compile(rf"/cong-khai/don-vi/{p1.pk}/van-ban/$"))
    phone.get_by_label("Tìm theo số, trích yếu, cơ quan ban hành").fill("Quy chế")
    phone.get_by_role("button", name="Bộ lọc").click()  # on a phone the other filters fold behind it
    phone.get_by_label("Hiệu lực").select_option(label="Còn hiệu lực")
    phone.get_by_role("button", name="Tìm").click()
    expect(phone.get_by_test_id("document")).to_have_count(1)
    phone.get_by_role("link", name="Quyết định số 15/QĐ-UBND").click()
    expect(phone.get_by_test_id("document-validity")).to_have_text("Còn hiệu lực")
    expect(phone.get_by_test_id("document-file")).to_be_visible()

    # Another website, not registered: the browser refuses every frame and says why.
    refusals: list[str] = []
    stranger = new_context(browser, viewport={"width": 1280, "height": 900}).new_page()
    stranger.on("console", lambda m: refusals.append(m.text) if "frame-ancestors" in m.text else None)
    stranger.goto(f"{website()}/index.html")
    stranger.wait_for_load_state("load")
    stranger.wait_for_timeout(500)
    for frame in stranger.frames[1:]:
        assert frame.locator("[data-testid=widget]").count() == 0, frame.url
    assert len(stranger.frames) == 1 + len(WIDGETS)
    assert len(refusals) == len(WIDGETS), refusals
