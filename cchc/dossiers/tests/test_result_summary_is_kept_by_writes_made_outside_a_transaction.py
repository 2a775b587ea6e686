"""Dossiers written with no transaction around them (autocommit: a live-server test's factories, a
shell) still reach the results report's summary: on PostgreSQL its staging tables are dropped at
commit, so each addition runs in a transaction of its own and the summary equals a rebuild."""

from __future__ import annotations

import pytest

from cchc.dossiers import result_facts
from cchc.dossiers.models import ResultDailyFact
from cchc.dossiers.tests.factories import build_ledger

pytestmark = pytest.mark.django_db(transaction=True)


def test_dossiers_written_in_autocommit_reach_the_results_summary(world):
    build_ledger(world)
    assert ResultDailyFact.objects.exists()
    kept = result_facts.snapshot()
    result_facts.rebuild()
    assert result_facts.snapshot() == kept
