"""Browser journey: the reform secretariat imports a CSV of officials through /to-chuc/nhap/."""

import pytest
from playwright.sync_api import expect

from cchc.org.models import Official
from cchc.testing.browser import browser_login

CSV = (
    "\ufeffmã cán bộ,họ và tên,chức vụ,mã đơn vị,email,điện thoại,người đứng đầu\n"
    "CB-NV-TP,Phan Thị Thu,Trưởng phòng Nội vụ,NV,thu.pt@vungtau.example,0254 3852 010,có\n"
    "CB-P1-TP,Lê Văn Hùng,Công chức Tư pháp – Hộ tịch,P1,,,\n"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_secretariat_previews_confirms_and_sees_the_new_officials(live_server, page, world, tmp_path):
    upload = tmp_path / "can-bo.csv"
    upload.write_text(CSV, encoding="utf-8")
    browser_login(page, live_server.url, world.users["secretariat"])

    page.goto(f"{live_server.url}/to-chuc/nhap/")
    page.get_by_label("Tệp danh sách (.xlsx hoặc .csv)").set_input_files(str(upload))
    page.get_by_role("button", name="Kiểm tra tệp").click()

    expect(page.get_by_test_id("import-summary")).to_contain_text("Chạy thử (chưa ghi): sẽ thêm 2")
    expect(page.get_by_test_id("import-created")).to_contain_text("CB-NV-TP")
    assert not Official.objects.filter(code__in=["CB-NV-TP", "CB-P1-TP"]).exists()

    page.get_by_role("button", name="Xác nhận nhập").click()

    expect(page).to_have_url(f"{live_server.url}/to-chuc/can-bo/")
    expect(page.get_by_role("alert")).to_contain_text("Đã thêm 2")
    table = page.get_by_test_id("official-table")
    expect(table).to_contain_text("Phan Thị Thu")
    expect(table.get_by_role("row", name="Phan Thị Thu")).to_contain_text("người đứng đầu")
    expect(table).to_contain_text("Lê Văn Hùng")
    assert world.units["nv"].accountable_head().code == "CB-NV-TP"
