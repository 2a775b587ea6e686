"""The late list counts its rows and the "chưa có phiếu xin lỗi" banner in one read where one is enough
(``late_counts``): for every filter and every cap, with some dossiers holding a letter, both figures are
the ones the two separate capped counts give."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from cchc.dossiers.late_rows import CappedCount, LateFilters, late_counts, late_rows, missing_apology_count
from cchc.dossiers.models import Apology, ApologyForm, Outcome, Status
from cchc.dossiers.tests.factories import dossier

pytestmark = pytest.mark.django_db

NAMED = [{"kind": "software_closing", "unit": "P1", "official": ""}]


def ledger(world, now: dt.datetime) -> None:
    rng = random.Random(7)
    for i in range(40):
        finished = rng.random() < 0.7
        appointment = now - dt.timedelta(days=rng.randint(1, 60))
        d = dossier(
            world,
            f"LC-{i:03d}",
            handling=rng.choice(["p1", "p2"]),
            status=Status.RETURNED if finished else Status.PROCESSING,
            outcome=Outcome.LATE if finished else Outcome.OPEN_OVERDUE,
            appointment=appointment,
            end=appointment + dt.timedelta(days=2) if finished else None,
            causes=NAMED if rng.random() < 0.6 else [],
        )
        if rng.random() < 0.4:
            Apology.objects.create(
                dossier=d,
                form=ApologyForm.TT03_2025,
                issued_at=now,
                reason="Chậm xử lý",
                new_appointment_at=now + dt.timedelta(days=3),
            )


@pytest.mark.parametrize("cap", [1, 5, 12, 20, 30, 1000])
def test_both_counts_equal_the_two_separate_capped_counts(world, settings, cap):
    now, today = timezone.now(), timezone.localdate()
    ledger(world, now)
    settings.CCHC_LIST_COUNT_CAP = cap
    for f in (
        LateFilters(),
        LateFilters(unit=world.units["p1"]),
        LateFilters(kind="open"),
        LateFilters(missing_apology=True),
        LateFilters(kind="finished", missing_apology=True),
    ):
        rows, before_missing = late_rows(world.users["leader"], f, now, today)
        found = rows[: cap + 1].count()
        expected = (CappedCount(min(found, cap), found > cap), missing_apology_count(before_missing))
        assert late_counts(rows, before_missing) == expected, (cap, f)
