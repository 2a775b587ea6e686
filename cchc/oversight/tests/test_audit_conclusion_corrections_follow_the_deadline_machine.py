"""An outside audit's conclusion: the Office records it and each correction with its unit and deadline
(a ``Deadline``); the unit reports progress with evidence; 100 % waits for the Office to verify."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cchc.deadlines.models import Deadline
from cchc.oversight.actions import conclusions
from cchc.oversight.models import Correction
from cchc.oversight.tests.scene import photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def correction(world):
    today = timezone.localdate()
    c = conclusions.record_conclusion(
        world.users["office"],
        world.jurisdictions["city"],
        issuer="Kiểm toán nhà nước khu vực XIII",
        number="125/KL-KTNN",
        issued_on=today - dt.timedelta(days=30),
        subject="Kiểm toán ngân sách thành phố năm trước",
    )
    return conclusions.add_correction(
        world.users["office"],
        c,
        text="Thu hồi nộp ngân sách khoản chi sai chế độ",
        unit=world.units["p1"],
        due=today + dt.timedelta(days=30),
        amount=Decimal("12500000"),
    )


def test_only_the_office_records_conclusions(world):
    for persona in ("secretariat", "leader", "unit_head", "auditor"):
        with pytest.raises(PermissionDenied):
            conclusions.record_conclusion(
                world.users[persona],
                world.jurisdictions["city"],
                issuer="X",
                number="1",
                issued_on=timezone.localdate(),
                subject="Y",
            )


def test_a_correction_without_a_deadline_is_refused(world, correction):
    with pytest.raises(ValidationError):
        conclusions.add_correction(
            world.users["office"], correction.conclusion, text="Z", unit=world.units["p1"], due=None
        )
    assert Correction.objects.count() == 1


def test_progress_to_done_waits_for_the_office(world, correction):
    d = Deadline.objects.get(pk=correction.deadline_id)
    assert d.unit == world.units["p1"]
    conclusions.report_progress(
        world.users["unit_head"], correction, text="Đã thu hồi một phần", percent=40, uploaded=photo()
    )
    conclusions.report_progress(world.users["unit_head"], correction, text="Đã nộp đủ", percent=100)
    d.refresh_from_db()
    assert d.reported_on is not None and d.done_on is None
    with pytest.raises(PermissionDenied):
        conclusions.verify(world.users["unit_head"], correction)
    conclusions.verify(world.users["office"], correction)
    d.refresh_from_db()
    assert d.done_on is not None
    assert correction.evidence.count() == 1
