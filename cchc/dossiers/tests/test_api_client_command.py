"""``cchc dossier-api-client``: create prints the token once, list never shows it, revoke stops it;
bad input is a Vietnamese message on stderr with exit status 2."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from cchc.dossiers.api_auth import client_for_token
from cchc.dossiers.models import ApiClient

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("dossier_api_client", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_create_prints_a_working_token_once_and_list_hides_it(world):
    code, out, _ = run("create", "--name", "Một cửa điện tử Phường 1", "--jurisdiction", "26506")
    assert code == 0
    token = out.strip().splitlines()[-1]
    client, _ = client_for_token(token)
    assert client is not None and client.jurisdiction.code == "26506"
    code, listing, _ = run("list")
    assert code == 0
    assert "Một cửa điện tử Phường 1" in listing and "đang dùng" in listing
    assert token not in listing and client.token_prefix in listing


def test_revoke_stops_the_token(world):
    _, out, _ = run("create", "--name", "Hệ thống cũ", "--jurisdiction", "747")
    token = out.strip().splitlines()[-1]
    code, out, _ = run("revoke", "--name", "Hệ thống cũ")
    assert code == 0 and "Đã thu hồi" in out
    assert client_for_token(token) == (None, "revoked")
    assert "đã thu hồi" in run("list")[1]
    code, _, err = run("revoke", "--name", "Hệ thống cũ")
    assert code == 2 and "đã bị thu hồi" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "--name", "X", "--jurisdiction", "999"), "Không có địa bàn mã «999»"),
        (("create", "--jurisdiction", "747"), "Thiếu tên hệ thống"),
        (("create", "--name", "X"), "Thiếu mã địa bàn"),
        (("revoke", "--name", "Không có"), "Không có hệ thống tên"),
        (("revoke",), "Thiếu tên hệ thống"),
        ((), "Cần chọn một việc"),
    ],
)
def test_bad_input_exits_2_with_a_vietnamese_message(world, args, message):
    code, _, err = run(*args)
    assert code == 2
    assert message in err
    assert not ApiClient.objects.exists()


def test_a_name_is_used_once(world):
    run("create", "--name", "Một cửa", "--jurisdiction", "747")
    code, _, err = run("create", "--name", "Một cửa", "--jurisdiction", "26506")
    assert code == 2 and "Đã có hệ thống tên" in err
    assert ApiClient.objects.count() == 1
