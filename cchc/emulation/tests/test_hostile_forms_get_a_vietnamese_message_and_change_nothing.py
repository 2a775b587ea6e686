"""Bad or hostile values on the emulation forms — a change without a reason, NUL bytes, a level or a
title that does not exist, a huge reason, a year that is not a year, an entry of another round — get a
Vietnamese message (4xx) naming what is wrong, and nothing changes. Never a server error."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from cchc.emulation import actions
from cchc.emulation.models import Change, Entry, Round
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db

TODAY_YEAR_ROUND = 2021


@pytest.fixture
def rnd(world):
    return actions.propose(world.users["secretariat"], world.jurisdictions["city"], year=TODAY_YEAR_ROUND)


def snapshot() -> dict[str, list[Any]]:
    return {m.__name__: list(m.objects.order_by("pk").values()) for m in (Round, Entry, Change)}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"grade": "done", "title": "", "reason": ""}, "Cần ghi lý do điều chỉnh"),
        ({"grade": "done", "title": "", "reason": "\x00\x00"}, "Ô «reason» chứa ký tự không hợp lệ"),
        ({"grade": "done\x00", "title": "", "reason": "Lý do"}, "Ô «grade» chứa ký tự không hợp lệ"),
        ({"grade": "xuat-sac", "title": "", "reason": "Lý do"}, "Mức xếp loại không hợp lệ"),
        ({"grade": "done", "title": "<script>", "reason": "Lý do"}, "Danh hiệu không hợp lệ"),
        ({"grade": "done", "title": "ttldtt", "reason": "Lý do"}, "cần mức hoàn thành tốt nhiệm vụ trở lên"),
        ({"grade": "done", "title": "", "reason": "x" * 5000}, "Lý do dài quá 2000 ký tự"),
        ({"grade": "good", "title": "ttldtt", "reason": "Không đổi gì"}, "Không có thay đổi nào"),
        ({}, "Mức xếp loại không hợp lệ"),
    ],
)
def test_a_bad_change_is_refused_with_its_message(client, world, rnd, data, message):
    entry = rnd.entries.get(unit__code="VP", kind="unit")
    login_verified(client, world.users["secretariat"])
    before = snapshot()
    response = client.post(reverse("emulation:adjust", args=[rnd.pk, entry.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    "year", ["", "２０２２", "2022\x00", "99999", "20.2", "-2022", "1999", "2099", "abcd"]
)
def test_a_year_that_is_not_a_year_is_refused(client, world, year):
    login_verified(client, world.users["secretariat"])
    before = snapshot()
    response = client.post(reverse("emulation:propose"), {"year": year})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Năm" in body or "Ô «year» chứa ký tự không hợp lệ" in body
    assert snapshot() == before


def test_a_year_proposed_twice_is_refused(client, world, rnd):
    login_verified(client, world.users["secretariat"])
    before = snapshot()
    response = client.post(reverse("emulation:propose"), {"year": str(TODAY_YEAR_ROUND)})
    assert response.status_code == 400 and "đã có đề xuất" in response.content.decode()
    assert snapshot() == before


def test_an_entry_of_another_round_is_not_found(client, world, rnd):
    other = actions.propose(world.users["secretariat"], world.jurisdictions["city"], year=2020)
    entry = other.entries.first()
    login_verified(client, world.users["secretariat"])
    before = snapshot()
    url = reverse("emulation:adjust", args=[rnd.pk, entry.pk])
    assert client.post(url, {"grade": "done", "title": "", "reason": "x"}).status_code == 404
    assert client.get(reverse("emulation:entry", args=[rnd.pk, entry.pk])).status_code == 404
    assert snapshot() == before


def test_approving_twice_says_so(client, world, rnd):
    login_verified(client, world.users["leader"])
    assert client.post(reverse("emulation:approve", args=[rnd.pk])).status_code == 302
    before = snapshot()
    response = client.post(reverse("emulation:approve", args=[rnd.pk]))
    assert response.status_code in (400, 403)
    assert snapshot() == before


def test_a_change_after_approval_is_refused(client, world, rnd):
    actions.approve(world.users["leader"], rnd)
    entry = rnd.entries.get(unit__code="VP", kind="unit")
    login_verified(client, world.users["secretariat"])
    before = snapshot()
    response = client.post(
        reverse("emulation:adjust", args=[rnd.pk, entry.pk]), {"grade": "done", "title": "", "reason": "Muộn"}
    )
    assert response.status_code == 403
    assert snapshot() == before
