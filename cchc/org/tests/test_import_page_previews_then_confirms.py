"""/to-chuc/nhap/: upload → preview (nothing written) → confirm (written). Secretariat only."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.org.models import Official
from cchc.org.tests.conftest import org_snapshot, xlsx_bytes
from cchc.testing.personas import login_verified

OFFICIALS = "mã cán bộ,họ và tên,chức vụ,mã đơn vị\nCB-WEB-1,Đặng Thị Web,Chuyên viên,NV\n"


def upload(client, content: bytes, name: str = "can-bo.csv", kind: str = ""):
    return client.post(reverse("org:import"), {"file": SimpleUploadedFile(name, content), "kind": kind})


def test_preview_writes_nothing_and_confirm_writes_the_file(client, world):
    login_verified(client, world.users["secretariat"])
    before = org_snapshot()
    response = upload(client, OFFICIALS.encode())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chạy thử (chưa ghi): sẽ thêm 1" in page
    assert "CB-WEB-1" in page
    assert org_snapshot() == before
    token = response.context["token"]

    response = client.post(reverse("org:import_confirm"), {"token": token})
    assert response.status_code == 302
    assert response["Location"] == reverse("org:official_list")
    assert Official.objects.get(code="CB-WEB-1").unit == world.units["nv"]
    # The token is single-use.
    response = client.post(reverse("org:import_confirm"), {"token": token}, follow=True)
    assert "hết hạn" in response.content.decode()


def test_a_bad_file_shows_the_error_table_and_no_confirm_button(client, world):
    login_verified(client, world.users["secretariat"])
    content = xlsx_bytes(
        [["mã cán bộ", "họ và tên", "mã đơn vị"], ["CB-A", "Người A", "NV"], ["CB-B", "", "XX"]]
    )
    response = upload(client, content, "can-bo.xlsx")
    page = response.content.decode()
    assert 'data-testid="import-errors"' in page
    assert "Thiếu họ và tên." in page and "Không có đơn vị mang mã này" in page
    assert "Xác nhận nhập" not in page
    assert response.context.get("token") is None


def test_an_unreadable_file_is_an_error_on_the_file_field(client, world):
    login_verified(client, world.users["secretariat"])
    response = upload(client, b"\x00\x01\x02", "anh.png")
    assert response.status_code == 400  # bad input: the form says why
    assert (
        "không ở mã UTF-8" in response.content.decode() or "không phải tệp CSV" in response.content.decode()
    )


def test_another_secretariat_session_cannot_confirm_my_upload(client, world, django_user_model):
    login_verified(client, world.users["secretariat"])
    token = upload(client, OFFICIALS.encode()).context["token"]
    other = django_user_model.objects.create_user(
        "nv2", role="secretariat", jurisdiction=world.jurisdictions["city"], password="x"
    )
    from django.test import Client

    intruder = login_verified(Client(), other)
    response = intruder.post(reverse("org:import_confirm"), {"token": token})
    assert response.status_code == 302
    assert not Official.objects.filter(code="CB-WEB-1").exists()


def test_templates_download_for_each_list(client, world):
    login_verified(client, world.users["secretariat"])
    csv_file = client.get(reverse("org:import_template", args=["units", "csv"]))
    assert csv_file.content.decode("utf-8").startswith("\ufeffmã đơn vị *,tên đơn vị *")
    xlsx = client.get(reverse("org:import_template", args=["officials", "xlsx"]))
    from cchc.org.tests.conftest import xlsx_rows

    assert xlsx_rows(xlsx.content)[0][:4] == ["mã cán bộ *", "họ và tên *", "chức vụ", "mã đơn vị *"]
    assert client.get(reverse("org:import_template", args=["staff", "csv"])).status_code == 404
