"""Backup codes: an official who lost the phone signs in with one code of a printed sheet; each code
works once; a new sheet voids the old one; only digests are stored; every use is recorded and mailed."""

import re

from django.core import mail

from cchc.accounts import actions
from cchc.accounts.models import BackupCode, LoginFailure
from cchc.core.models import AuditEvent
from cchc.testing.personas import PASSWORD

from .conftest import OTP, SECURITY, code_step, is_signed_in, password_step, sign_in


def test_a_sheet_has_ten_distinct_codes_and_only_their_digests_are_stored(world):
    codes = actions.create_backup_codes(world.users["ward_officer"])
    assert len(codes) == len(set(codes)) == 10
    assert all(re.fullmatch(r"\d{5}-\d{5}", c) for c in codes)
    stored = set(BackupCode.objects.values_list("digest", flat=True))
    assert len(stored) == 10
    assert not {c.replace("-", "") for c in codes} & stored
    assert not any(c.replace("-", "") in d for c in codes for d in stored)


def test_a_backup_code_signs_in_once_and_is_recorded_and_mailed(
    client, world, django_capture_on_commit_callbacks
):
    user = world.users["ward_officer"]
    codes = actions.create_backup_codes(user)
    mail.outbox.clear()
    password_step(client, "ward_officer")
    with django_capture_on_commit_callbacks(execute=True):
        response = code_step(client, codes[3])
    assert response.status_code == 302 and response.url == "/"
    assert is_signed_in(client)
    assert client.get("/").status_code == 200  # verified: the second-factor gate lets the page through
    event = AuditEvent.objects.get(verb="accounts.login")
    assert event.data["method"] == "backup_code"
    assert AuditEvent.objects.get(verb="accounts.backup_code_used").data == {"remaining": 9}
    assert any("mã dự phòng" in m.subject for m in mail.outbox)

    client.post("/tai-khoan/dang-xuat/")
    password_step(client, "ward_officer")
    again = code_step(client, codes[3])
    assert again.status_code == 200
    assert "Mã dự phòng không đúng hoặc đã được dùng." in again.content.decode()
    assert LoginFailure.objects.filter(username="ward_officer").count() == 1
    assert client.get("/").url.startswith(OTP)


def test_spaces_and_no_hyphen_are_accepted(client, world):
    codes = actions.create_backup_codes(world.users["leader"])
    password_step(client, "leader")
    digits = codes[0].replace("-", "")
    assert code_step(client, f"{digits[:5]} {digits[5:]}").url == "/"


def test_a_new_sheet_voids_the_old_one(client, world):
    user = world.users["unit_head"]
    old = actions.create_backup_codes(user)
    new = actions.create_backup_codes(user)
    password_step(client, "unit_head")
    assert code_step(client, old[0]).status_code == 200
    assert code_step(client, new[0]).url == "/"


def test_a_code_of_another_account_does_not_open_this_one(client, world):
    theirs = actions.create_backup_codes(world.users["leader"])
    actions.create_backup_codes(world.users["ward_officer"])
    password_step(client, "ward_officer")
    assert code_step(client, theirs[0]).status_code == 200
    assert not client.session.get("otp_device_id")


def test_without_a_sheet_a_ten_digit_code_is_just_refused(client, world):
    password_step(client, "front")
    response = code_step(client, "12345-67890")
    assert response.status_code == 200
    assert "Mã dự phòng không đúng" in response.content.decode()


def test_the_security_page_makes_a_sheet_only_after_the_password_and_shows_it_once(client, world):
    sign_in(client, "ward_officer")
    page = client.get(SECURITY).content.decode()
    assert "Chưa có bộ mã dự phòng." in page
    refused = client.post(SECURITY, {"purpose": "backup_codes", "password": "sai-mat-khau"})
    assert refused.status_code == 200 and not BackupCode.objects.exists()
    made = client.post(SECURITY, {"purpose": "backup_codes", "password": PASSWORD})
    body = made.content.decode()
    assert made.status_code == 200 and "Bộ mã dự phòng mới" in body
    assert len(re.findall(r"\b\d{5}-\d{5}\b", body)) == 10
    assert made["Cache-Control"].startswith("max-age=0") or "no-cache" in made["Cache-Control"]
    later = client.get(SECURITY).content.decode()
    assert "Còn 10 mã dự phòng chưa dùng." in later
    assert not re.findall(r"\b\d{5}-\d{5}\b", later.replace("12345-67890", ""))
