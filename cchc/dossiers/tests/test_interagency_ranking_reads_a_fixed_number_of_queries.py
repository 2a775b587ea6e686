"""The ranking of who holds overdue inter-agency steps and its steps page read the same few queries
whatever the number of overdue steps: the ranking reads values, the steps page only the columns it shows
(``only``), and a column it forgot would cost one query per step."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cchc.dossiers import interagency
from cchc.dossiers.tests.interagency_helpers import land_dossier


def queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


@pytest.mark.parametrize("read", ["holder_ranking", "step_rows"])
def test_more_overdue_steps_cost_no_more_queries(world, read):
    leader, today = world.users["leader"], timezone.localdate()
    land_dossier(world, "IA-Q-0")
    land_dossier(world, "IA-Q-1", ward="p2")
    land_dossier(world, "IA-Q-TAX", at_step=3)
    interagency.refresh(today)
    fn = getattr(interagency, read)
    fn(leader, today)  # each ward's calendar built once, as on any page after the first
    few = queries(lambda: fn(leader, today))
    for i in range(2, 8):
        land_dossier(world, f"IA-Q-{i}", ward="p2" if i % 2 else "p1")
    interagency.refresh(today)
    rows = fn(leader, today)
    assert queries(lambda: fn(leader, today)) == few
    counted = sum(r.overdue for r in rows) if read == "holder_ranking" else len(rows)
    assert counted == 9
