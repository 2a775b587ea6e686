"""The public form defends itself without any internet service: honeypot, time trap, rate limits per
address and per phone number (in the cache), and duplicate detection that links repeats."""

import pytest
from django.urls import reverse

from cchc.feedback import antispam
from cchc.feedback.models import Petition
from cchc.feedback.tests.conftest import local
from cchc.feedback.tests.helpers import form_data

pytestmark = pytest.mark.urls("cchc.feedback.tests.urls")


def post(client, data, **extra):
    return client.post(reverse("feedback_public:submit"), data, **extra)


def test_a_filled_honeypot_gets_a_thank_you_and_nothing_is_stored(client, categories, world):
    response = post(client, form_data(categories, world, website="http://spam.example"))
    assert response.status_code == 200
    assert "Cảm ơn" in response.content.decode()
    assert not Petition.objects.exists()


def test_a_form_sent_back_faster_than_a_person_types_is_refused(client, categories, world, settings):
    settings.CCHC_FEEDBACK_MIN_FILL_SECONDS = 3
    response = post(client, form_data(categories, world, started=antispam.form_stamp()))
    assert response.status_code == 400
    assert "quá nhanh" in response.content.decode()
    forged = post(client, form_data(categories, world, started="1700000000"))
    assert "không hợp lệ" in forged.content.decode()
    assert not Petition.objects.exists()


def test_a_form_filled_at_human_speed_passes_the_time_trap(client, categories, world, settings, monkeypatch):
    settings.CCHC_FEEDBACK_MIN_FILL_SECONDS = 3
    stamp = antispam.form_stamp()
    real = antispam.time.time
    monkeypatch.setattr(antispam.time, "time", lambda: real() + 10)
    assert post(client, form_data(categories, world, started=stamp)).status_code == 302


def test_one_address_is_limited_per_hour(client, categories, world, settings):
    settings.CCHC_FEEDBACK_RATE_PER_IP_HOUR = 2
    for i in range(2):
        assert (
            post(
                client,
                form_data(
                    categories,
                    world,
                    citizen_phone=f"091234567{i}",
                    text=f"Đèn đường số {i} bị hỏng lâu ngày chưa sửa.",
                ),
            ).status_code
            == 302
        )
    third = post(
        client,
        form_data(categories, world, citizen_phone="0912345679", text="Cống thoát nước bị tắc gây ngập."),
    )
    assert third.status_code == 429
    assert "quá nhiều phản ánh" in third.content.decode()
    assert Petition.objects.count() == 2


def test_one_phone_is_limited_per_day_from_any_address(client, categories, world, settings):
    settings.CCHC_FEEDBACK_RATE_PER_PHONE_DAY = 1
    assert post(client, form_data(categories, world), REMOTE_ADDR="10.0.0.1").status_code == 302
    again = post(
        client,
        form_data(categories, world, text="Một việc khác hẳn: cây xanh ngã đổ chắn đường."),
        REMOTE_ADDR="10.0.0.2",
    )
    assert again.status_code == 429
    assert "Số điện thoại này" in again.content.decode()


def test_forwarded_addresses_count_only_when_the_setting_trusts_them(client, categories, world, settings):
    settings.CCHC_FEEDBACK_RATE_PER_IP_HOUR = 1
    settings.CCHC_FEEDBACK_RATE_PER_PHONE_DAY = 100
    first = post(
        client,
        form_data(categories, world, text="Rác thải đổ trộm ở hẻm 12 nhiều ngày."),
        HTTP_X_FORWARDED_FOR="203.0.113.1",
    )
    spoofed = post(
        client,
        form_data(categories, world, text="Đèn tín hiệu ở ngã tư hỏng."),
        HTTP_X_FORWARDED_FOR="203.0.113.2",
    )
    assert (first.status_code, spoofed.status_code) == (302, 429)  # the header is ignored by default
    settings.CCHC_FEEDBACK_TRUST_X_FORWARDED_FOR = True
    trusted = post(
        client,
        form_data(categories, world, text="Cây xanh ngã đổ chắn đường."),
        HTTP_X_FORWARDED_FOR="203.0.113.3",
    )
    assert trusted.status_code == 302


def test_rate_limits_can_be_switched_off(client, categories, world, settings):
    settings.CCHC_FEEDBACK_RATE_LIMITS = False
    settings.CCHC_FEEDBACK_RATE_PER_IP_HOUR = 1
    for i in range(3):
        assert (
            post(
                client,
                form_data(
                    categories,
                    world,
                    citizen_phone=f"098765432{i}",
                    text=f"Việc số {i}: vỉa hè hỏng, nắp cống mất.",
                ),
            ).status_code
            == 302
        )


def test_a_repeat_of_the_same_matter_is_linked_to_the_first_report(file_petition):
    first = file_petition(at=local(2022, 6, 6))
    repeat = file_petition(
        at=local(2022, 6, 9),
        citizen_phone="0987654321",
        citizen_name="Trần Văn Tư",
        text="Vỉa hè truoc cho Phuong 1 van bi lan chiem de ban hang, nguoi di bo phai xuong long duong!",
    )
    third = file_petition(
        at=local(2022, 6, 10),
        citizen_phone="0909000111",
        text="Vỉa hè trước chợ Phường 1 bị lấn chiếm bán hàng.",
    )
    assert repeat.duplicate_of == first
    assert third.duplicate_of == first  # linked to the first report, not to the repeat
    assert repeat.similarity >= 0.55
    assert repeat.code != first.code  # each is still tracked on its own


def test_a_different_matter_a_different_ward_or_an_old_report_is_not_a_duplicate(world, file_petition):
    first = file_petition(at=local(2022, 6, 6))
    other_matter = file_petition(
        at=local(2022, 6, 7),
        citizen_phone="0987654321",
        text="Đèn chiếu sáng đường Trần Phú tắt từ 18 giờ, khu vực rất tối.",
    )
    other_ward = file_petition(
        at=local(2022, 6, 7), citizen_phone="0987654322", ward=world.jurisdictions["p2"]
    )
    much_later = file_petition(at=local(2022, 8, 20), citizen_phone="0987654323")
    assert first.duplicate_of is None
    assert (other_matter.duplicate_of, other_ward.duplicate_of, much_later.duplicate_of) == (None, None, None)


def test_a_forged_forwarded_for_entry_does_not_escape_the_address_limit(client, categories, world, settings):
    settings.CCHC_FEEDBACK_TRUST_X_FORWARDED_FOR = True
    settings.CCHC_FEEDBACK_RATE_PER_IP_HOUR = 1
    statuses = [
        post(
            client,
            form_data(
                categories, world, citizen_phone=f"091100000{i}", text=f"Phản ánh số {i} đủ dài để nhận."
            ),
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 203.0.113.77",  # forged left part, proxy's entry last
        ).status_code
        for i in range(2)
    ]
    assert statuses == [302, 429]
