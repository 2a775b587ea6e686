"""The dossier-results report read from its summary (``results_summary``, kept by ``result_facts``)
equals the engine reading every dossier (``dossier_results.engine_tally``): on generated ledgers with
supplements (one, two, still awaited, requested before the receipt), late, early and open dossiers,
withdrawn and stopped ones, ends before the receipt, dossiers without an appointment with and without
a time limit, unknown channels and terminal dossiers without an end — every cell per unit, field and
procedure, for periods on and off month boundaries, one day, a year, and one unit's scope."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest
from django.db.models import F

from cchc.calendar.queries import work_calendar_for
from cchc.dossiers import result_facts
from cchc.dossiers.models import Dossier, Procedure, ResultStretch, Status
from cchc.dossiers.tests.factories import dossier
from cchc.lib import tthc_report
from cchc.lib.dossier_period import Period
from cchc.org.models import Unit
from cchc.reports import dossier_results, results_summary
from cchc.reports.tests.helpers import LOCAL

pytestmark = pytest.mark.django_db

BASE = dt.datetime(2021, 10, 1, 7, 0, tzinfo=LOCAL)
PERIODS = (
    Period(dt.date(2022, 4, 1), dt.date(2022, 6, 30)),  # a quarter
    Period(dt.date(2021, 12, 15), dt.date(2022, 1, 20)),  # across a year's end
    Period(dt.date(2022, 1, 1), dt.date(2022, 12, 31)),  # a year
    Period(dt.date(2022, 2, 14), dt.date(2022, 2, 14)),  # one day
    Period(dt.date(2022, 1, 10), dt.date(2022, 11, 5)),  # partial months at both ends
    Period(dt.date(2022, 3, 17), dt.date(2022, 5, 31)),  # ends on a month's last day
    Period(dt.date(2021, 10, 1), dt.date(2023, 3, 2)),  # the whole ledger
)


def _procedures() -> list[Procedure]:
    specs = [
        # (code, name, field code, field name, limit value, limit unit)
        ("1.000001", "Khai sinh", "HT", "Hộ tịch", Decimal(3), "working_days"),
        ("1.000002", "Kết hôn", "HT", "Hộ tịch", None, "working_days"),
        ("1.000003", "Chứng thực bản sao", "CT", "", Decimal(0), "working_days"),
        ("1.000004", "Cấp phép xây dựng", "", "Xây dựng", Decimal(15), "days"),
        ("1.000005", "Đăng ký kinh doanh", "KD", "Kinh doanh", Decimal(8), "hours"),
    ]
    return [
        Procedure.objects.create(
            national_code=code, name=name, field_code=fc, field_name=fn, limit_value=lv, limit_unit=lu
        )
        for code, name, fc, fn, lv, lu in specs
    ]


def ledger(world: Any, seed: int, n: int) -> None:
    rng = random.Random(seed)
    procs = _procedures()
    for i in range(n):
        received = BASE + dt.timedelta(days=rng.randint(0, 480), hours=rng.randint(0, 12))
        appointment = received + dt.timedelta(days=rng.randint(0, 25), hours=rng.randint(-3, 8))
        took = rng.choice([None, None, -2, *range(0, 40)])
        end = None if took is None else received + dt.timedelta(days=took, hours=rng.randint(0, 10))
        sups: list[tuple[dt.datetime, dt.datetime | None]] = []
        if rng.random() < 0.35:
            asked = received + dt.timedelta(days=rng.randint(-3, 8), hours=2)
            for _ in range(rng.choice([1, 1, 2, 3])):
                done = rng.choice([None, asked, asked + dt.timedelta(days=rng.randint(0, 9))])
                sups.append((asked, done))
                if done is None:
                    break
                asked = done + dt.timedelta(days=rng.randint(0, 20), hours=1)
        status = rng.choice(
            [Status.RETURNED, Status.PROCESSED, Status.PROCESSING, Status.SUPPLEMENT, 1, 2, 3, 6, 7, 8]
        )
        if end is not None and rng.random() < 0.85:
            status = rng.choice([Status.RETURNED, Status.PROCESSED, 7, 8])
        d = dossier(
            world,
            f"SU-{seed}-{i}",
            handling=rng.choice(["p1", "p2"]),
            proc=rng.choice(procs),
            status=status,
            received=received,
            appointment=appointment,
            end=end,
            channel=rng.choice([1, 2, 3]),
            supplements=sups,
        )
        change: dict[str, Any] = {}
        if rng.random() < 0.15:
            change["appointment_at"] = None
        if rng.random() < 0.1:
            change["channel"] = rng.choice([0, 4])  # not a channel of the list: in person
        if rng.random() < 0.05:
            change["end_at"] = None  # a terminal one without its end: the engine leaves it out
        if change:
            Dossier.objects.filter(pk=d.pk).update(**change)


def same(units: Any, scope: Any, period: Period, by: str) -> None:
    cal = work_calendar_for(None)
    new = results_summary.tally(units, period, by=by)
    old = dossier_results.engine_tally(scope, period, cal, by=by)
    assert {k: v[:9].tolist() for k, v in new.groups.items()} == {
        k: v[:9].tolist() for k, v in old.groups.items()
    }, (period, by)
    doc = tthc_report.document(new, period, by=by)
    ref = tthc_report.document(old, period, by=by)
    if by == "field":
        # A field is named after its first procedure in the catalogue (the engine: its first dossier).
        for row in ref["fields"]:
            row["name"] = new.names.get(row["field"])
    assert doc == ref


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_cell_per_unit_field_and_procedure_equals_the_engine_reading_every_dossier(world, seed):
    ledger(world, seed, 260)
    result_facts.rebuild()
    # The ledger has stretches the daily rows cannot hold: waits counted as ends, ends before receipt.
    assert ResultStretch.objects.filter(stop_day__lt=result_facts.NEVER).exists()
    assert ResultStretch.objects.filter(end_day__lt=F("received_day")).exists()
    for period in PERIODS:
        for by in ("unit", "field", "procedure"):
            same(None, Dossier.objects.all(), period, by)


def test_one_units_scope_gives_the_engines_report(world):
    ledger(world, 4, 200)
    result_facts.rebuild()
    unit = world.units["p2"]
    for period in PERIODS:
        for by in ("unit", "procedure", "field"):
            same(Unit.objects.filter(pk=unit.pk), Dossier.objects.filter(handling_unit=unit), period, by)
