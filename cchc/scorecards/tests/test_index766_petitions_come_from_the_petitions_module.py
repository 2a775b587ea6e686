"""The petitions module's petitions become the engine's petition items: the handling unit's code, the
due date of the petition's clock, handled on the day of the answer, raised again when reopened."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.feedback.actions.intake import Intake, receive
from cchc.feedback.models import Category
from cchc.scorecards import ledger766

pytestmark = pytest.mark.django_db


def test_a_received_petition_is_an_open_item_of_its_unit(world):
    city = world.jurisdictions["city"]
    category = Category.objects.create(
        jurisdiction=city, code="DT", name="Trật tự đô thị", route_to_ward=True, order=1
    )
    petition = receive(
        "Người gửi",
        Intake(
            jurisdiction=city,
            kind="feedback",
            channel="web",
            category=category,
            ward=world.jurisdictions["p1"],
            text="Vỉa hè trước chợ Phường 1 bị lấn chiếm để bán hàng, người đi bộ phải xuống lòng đường.",
            citizen_name="Phạm Thị Hồng Nhung",
            citizen_phone="0912 345 678",
            citizen_address="12 Lê Lợi, Phường 1",
            received_at=timezone.make_aware(dt.datetime(2022, 6, 6, 9)),
        ),
    )
    petition.refresh_from_db()
    (item,) = ledger766.petition_items(city)
    assert (item.code, item.unit, item.due, item.handled_at) == (
        petition.code,
        petition.unit.code,
        petition.due_on,
        None,
    )
    assert item.received_at == dt.datetime(2022, 6, 6, 9)
    assert ledger766.petition_items(world.jurisdictions["p2"]) == []
