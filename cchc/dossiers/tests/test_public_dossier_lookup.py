"""/cong-khai/tra-cuu-ho-so/: code plus phone, one message for any mismatch, rate-limited."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from cchc.dossiers.models import Apology, ApologyForm
from cchc.dossiers.tests.factories import APPLICANTS, build_ledger

URL = "/cong-khai/tra-cuu-ho-so/"
NOT_FOUND = "Không tìm thấy hồ sơ khớp với mã hồ sơ và số điện thoại đã nhập."


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ledger(world):
    return build_ledger(world)


def look(client, code, phone, ip="203.0.113.7"):
    return client.post(URL, {"code": code, "phone": phone}, REMOTE_ADDR=ip)


def test_citizen_sees_status_steps_and_appointment(client, ledger):
    html = look(client, ledger.late.code, "0912345789").content.decode()
    assert "Hồ sơ 000.00.26.H01-220601-0001" in html
    assert "Đăng ký khai sinh" in html
    assert "Đã trả kết quả" in html
    assert "09:00, 06/06/2022" in html  # appointment
    assert "Bộ phận một cửa Phường 1" in html and "UBND Phường 1" in html  # steps by unit
    assert "Lý T*** T*** T**" in html


def test_look_up_shows_no_personal_data_and_no_official_names(client, world, ledger):
    html = look(client, ledger.late.code, "0912345789").content.decode()
    for key in (
        "applicant_name",
        "applicant_phone",
        "applicant_id_number",
        "applicant_email",
        "applicant_address",
    ):
        assert APPLICANTS[0][key] not in html
    for official in world.officials.values():
        assert official.full_name not in html


@pytest.mark.parametrize("phone", ["+84 912 345 789", "0912.345.789", "84912345789", " 0912-345-789 "])
def test_phone_may_be_written_in_the_usual_ways(client, ledger, phone):
    assert "Đăng ký khai sinh" in look(client, ledger.late.code, phone).content.decode()


def test_wrong_code_and_wrong_phone_get_the_same_answer(client, ledger):
    wrong_phone = look(client, ledger.late.code, "0912345780")
    wrong_code = look(client, ledger.late.code + "9", "0912345789")
    other_dossier = look(client, ledger.p2.code, "0912345789")
    for response in (wrong_phone, wrong_code, other_dossier):
        assert response.status_code == 200
        html = response.content.decode()
        assert NOT_FOUND in html
        assert "Đăng ký khai sinh" not in html and "lookup-result" not in html


def test_empty_stored_phone_never_matches(client, ledger):
    ledger.late.applicant_phone = ""
    ledger.late.save()
    assert NOT_FOUND in look(client, ledger.late.code, "00000000").content.decode()


def test_rescheduled_appointment_is_shown(client, ledger):
    Apology.objects.create(
        dossier=ledger.overdue,
        form=ApologyForm.TT03_2025,
        issued_at=timezone.now(),
        reason="Chờ xác minh",
        new_appointment_at=timezone.now() + dt.timedelta(days=4),
    )
    html = look(client, ledger.overdue.code, "0912345789").content.decode()
    assert "Ngày hẹn trả mới (theo phiếu xin lỗi)" in html
    assert "Chờ xác minh" not in html  # the reason stays inside


def test_attempts_are_limited_per_address(client, ledger, settings):
    settings.CCHC_LOOKUP_RATE_PER_HOUR = 3
    for i in range(3):
        assert look(client, f"KHONG-CO-{i}", "0900000000").status_code == 200
    blocked = look(client, ledger.late.code, "0912345789")
    assert blocked.status_code == 429
    html = blocked.content.decode()
    assert "quá nhiều lần" in html and "Đăng ký khai sinh" not in html
    # Another address is not affected.
    assert (
        "Đăng ký khai sinh"
        in look(client, ledger.late.code, "0912345789", ip="198.51.100.9").content.decode()
    )


def test_guesses_from_many_addresses_never_lock_the_code_for_its_applicant(client, ledger, settings):
    settings.CCHC_LOOKUP_RATE_PER_HOUR = 3
    for i in range(30):
        look(client, ledger.late.code, f"09000000{i:02d}", ip=f"198.51.100.{i + 1}")
    found = look(client, ledger.late.code, "0912345789", ip="192.0.2.50")
    assert found.status_code == 200 and "Đăng ký khai sinh" in found.content.decode()


def test_one_wrong_code_and_phone_pair_is_limited_across_addresses(client, ledger, settings):
    settings.CCHC_LOOKUP_WRONG_PAIR_PER_HOUR = 2
    for i in range(2):
        assert look(client, ledger.late.code, "0900000000", ip=f"198.51.100.{i + 1}").status_code == 200
    assert look(client, ledger.late.code, "0900000000", ip="192.0.2.60").status_code == 429
    assert look(client, ledger.late.code, "0912345789", ip="192.0.2.61").status_code == 200


def test_default_rate_is_twenty_an_hour(client, ledger, settings):
    if hasattr(settings, "CCHC_LOOKUP_RATE_PER_HOUR"):
        del settings.CCHC_LOOKUP_RATE_PER_HOUR
    statuses = [look(client, f"X-{i}", "0900000000").status_code for i in range(21)]
    assert statuses[:20] == [200] * 20 and statuses[20] == 429


def test_empty_form_names_the_missing_fields(client, ledger):
    html = client.post(URL, {"code": "", "phone": ""}).content.decode()
    assert "Mã hồ sơ: vui lòng nhập mã" in html and "Số điện thoại: vui lòng nhập" in html


def test_look_up_page_is_open_to_everyone(client, world, ledger):
    assert client.get(URL).status_code == 200
    client.force_login(world.users["one_stop"])  # signed in, second factor not yet passed
    assert client.get(URL).status_code == 200
