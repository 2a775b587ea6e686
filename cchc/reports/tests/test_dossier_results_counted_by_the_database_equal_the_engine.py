"""The dossier-results report counts its plain dossiers in the database (``results_sql``) and judges only
the others row by row; on generated ledgers — supplements, second requests, waits, dossiers without an
appointment with and without a time limit, unknown channels, terminal dossiers without an end, every
status — every cell per unit, field and procedure, for several periods (one crossing a year) and for
one unit's dossiers, equals what the engine gives when it reads every dossier (``engine_tally``, the
former reading), and each cell's drill-down still lists exactly as many dossiers as the cell says."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

import pytest

from cchc.calendar.queries import work_calendar_for
from cchc.dossiers.models import Dossier, Procedure, Status
from cchc.dossiers.tests.factories import dossier
from cchc.lib import tthc_report
from cchc.lib.dossier_period import Period
from cchc.reports import dossier_results
from cchc.reports.dossier_results import CELLS, SUMS
from cchc.reports.tests.helpers import LOCAL

pytestmark = pytest.mark.django_db

BASE = dt.datetime(2021, 10, 1, 7, 0, tzinfo=LOCAL)
PERIODS = (
    Period(dt.date(2022, 4, 1), dt.date(2022, 6, 30)),  # a quarter
    Period(dt.date(2021, 12, 15), dt.date(2022, 1, 20)),  # across a year's end
    Period(dt.date(2022, 1, 1), dt.date(2022, 12, 31)),  # a year
    Period(dt.date(2022, 2, 14), dt.date(2022, 2, 14)),  # one day
)


def _procedures() -> list[Procedure]:
    specs = [
        # (code, name, field code, field name, limit value, limit unit)
        ("1.000001", "Khai sinh", "HT", "Hộ tịch", Decimal(3), "working_days"),
        ("1.000002", "Kết hôn", "HT", "Hộ tịch và chứng thực", None, "working_days"),
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


def _ledger(world: Any, seed: int, n: int) -> None:
    rng = random.Random(seed)
    procs = _procedures()
    for i in range(n):
        received = BASE + dt.timedelta(days=rng.randint(0, 480), hours=rng.randint(0, 12))
        appointment = received + dt.timedelta(days=rng.randint(0, 25), hours=rng.randint(-3, 8))
        took = rng.choice([None, None, *range(0, 40)])
        end = None if took is None else received + dt.timedelta(days=took, hours=rng.randint(0, 10))
        sups: list[tuple[dt.datetime, dt.datetime | None]] = []
        if rng.random() < 0.3:
            asked = received + dt.timedelta(days=rng.randint(0, 8), hours=2)
            for _ in range(rng.choice([1, 1, 2])):
                done = rng.choice([None, asked + dt.timedelta(days=rng.randint(0, 9))])
                sups.append((asked, done))
                if done is None:
                    break
                asked = done + dt.timedelta(days=rng.randint(0, 3), hours=1)
        status = rng.choice(
            [Status.RETURNED, Status.PROCESSED, Status.PROCESSING, Status.SUPPLEMENT, 1, 2, 3, 6, 7, 8]
        )
        if end is not None and rng.random() < 0.85:
            status = rng.choice([Status.RETURNED, Status.PROCESSED, 7, 8])
        d = dossier(
            world,
            f"EQ-{seed}-{i}",
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


def _same(scope: Any, period: Period, by: str) -> dict[str, Any]:
    cal = work_calendar_for(None)
    new = dossier_results.tally(scope, period, cal, by=by)
    old = dossier_results.engine_tally(scope, period, cal, by=by)
    assert {k: v.tolist() for k, v in new.groups.items()} == {k: v.tolist() for k, v in old.groups.items()}
    assert new.dossiers == old.dossiers
    assert {k: new.names.get(k) for k in old.groups} == {k: old.names.get(k) for k in old.groups}
    doc = dossier_results.document(scope, period, cal, by=by)
    assert doc == tthc_report.document(old, period, by=by)
    return doc


@pytest.mark.parametrize("seed", [1, 2])
def test_every_cell_per_unit_field_and_procedure_equals_the_engine_reading_every_dossier(world, seed):
    _ledger(world, seed, 220)
    for period in PERIODS:
        for by in ("unit", "field", "procedure"):
            _same(Dossier.objects.all(), period, by)


def test_one_units_dossiers_give_the_same_report_as_the_engine(world):
    _ledger(world, 3, 160)
    scope = Dossier.objects.filter(handling_unit=world.units["p2"])
    for period in PERIODS[:2]:
        for by in ("unit", "procedure"):
            _same(scope, period, by)


def test_each_cells_drill_down_lists_as_many_dossiers_as_the_cell_counts(world):
    _ledger(world, 4, 160)
    cal = work_calendar_for(None)
    for period in PERIODS[:2]:
        for by in ("unit", "procedure"):
            doc = _same(Dossier.objects.all(), period, by)
            key = {"unit": "units", "procedure": "procedures"}[by]
            for row in doc[key]:
                for cell in sorted(CELLS):
                    ids = dossier_results.cell_ids(
                        Dossier.objects.all(), period, cal, by=by, label=row[by], cell=cell
                    )
                    counted = sum(row[k] for k in SUMS.get(cell, (cell,)))
                    assert len(ids) == counted, (period, by, row[by], cell)
            for cell in ("in_period", "finished_late", "open_overdue"):
                ids = dossier_results.cell_ids(
                    Dossier.objects.all(), period, cal, by=by, label=None, cell=cell, every_group=True
                )
                assert len(ids) == doc["total"][cell]
