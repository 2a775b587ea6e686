"""The late list filtered by a cause or by an account takes its page's dossier ids from the causes' rows
in the list's order (``RowsByCauses.ordered_ids``): on PostgreSQL an index holds those rows in that
order after the kind and after the account (migration 0018), so the page is the index's first entries
and no sort of every row of that cause or account (78–93 ms at 5,000,000 dossiers before,
docs/benchmarks.md). With sorting disabled the planner still sorts when no index gives the order, so a
"Sort" in the plan means the index is missing or no longer matches the query's order."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.utils import timezone

from cchc.dossiers.late_rows import LateFilters, RowsByCauses, cause_rows, late_rows
from cchc.dossiers.models import Outcome, Status
from cchc.dossiers.tests.factories import StepSpec, dossier

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan read is PostgreSQL's"),
]


def plan_of(ids: object) -> str:
    sql, params = ids[0:50].query.sql_with_params()  # type: ignore[index]
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL enable_sort = off")
        cur.execute("SET LOCAL enable_incremental_sort = off")
        cur.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cur.fetchall())


def test_the_page_by_a_cause_or_an_account_is_read_in_index_order_without_a_sort(world):
    now = timezone.now()
    officer = world.officials["ward_officer"]
    for i in range(12):
        appointment = now - dt.timedelta(days=i + 1)
        dossier(
            world,
            f"ORDER-{i:02d}",
            status=Status.RETURNED if i % 3 else Status.PROCESSING,
            outcome=Outcome.LATE if i % 3 else Outcome.OPEN_OVERDUE,
            appointment=appointment,
            received=appointment - dt.timedelta(days=10),
            end=appointment + dt.timedelta(days=2) if i % 3 else None,
            steps=[StepSpec(unit="p1", official="ward_officer")],
            causes=[
                {
                    "kind": "step_overrun",
                    "unit": "P1",
                    "official": officer.full_name,
                    "step": 1,
                    "unit_id": None,
                    "official_id": officer.pk,
                },
                {"kind": "software_closing", "unit": "P1", "official": None},
            ],
        )
    user = world.users["leader"]
    today = timezone.localdate()
    for f in (
        LateFilters(official=officer.full_name, official_id=officer.pk),
        LateFilters(official=officer.full_name, official_id=officer.pk, kind="open"),
        LateFilters(cause="software_closing"),
        LateFilters(cause="step_overrun", kind="finished"),
    ):
        rows, _ = late_rows(user, f, now, today)
        marks = cause_rows(user, f, now)
        assert marks is not None, f
        page = RowsByCauses(rows, marks, f.missing_apology)
        assert page[0:50], f  # the filter finds rows, so the plan is that of a real page
        plan = plan_of(page.ordered_ids())
        assert "Sort" not in plan, (f, plan)
        assert "dossier_cause_kind_order_idx" in plan or "dossier_cause_acct_order_idx" in plan, (f, plan)
