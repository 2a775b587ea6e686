"""The city's Decision 766 document is kept until the ledger changes: a dossier imported or re-imported
with a new status shows at once, and asking again without a change gives the same document from the
cache. The cache key reads the last dossier id and the last change (two index entries), not a count of
every dossier."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cchc.dossiers.importing import import_bytes
from cchc.dossiers.tests.import_helpers import as_json, national
from cchc.lib.dossier_period import Period
from cchc.scorecards import ledger766
from cchc.scorecards.tests.ledger_helpers import AS_OF, load

pytestmark = pytest.mark.django_db

JUNE = Period(dt.date(2022, 6, 1), dt.date(2022, 6, 30))


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _import(world: Any, *records: dict[str, Any]) -> None:
    result = import_bytes(as_json(list(records)), "them.json", actor=world.users["office"], as_of=AS_OF)
    assert result.ok, result.errors[:3]


def test_a_new_dossier_of_the_period_shows_at_once(world):
    load(world)
    doc_before = ledger766.city_document(world.jurisdictions["city"], JUNE)
    _import(world, national("K-50", NgayTiepNhan="20220620080000", NgayHenTra="20220705170000",
                            TrangThaiHoSo=4, NgayKetThucXuLy="", NgayTra=""))  # fmt: skip
    doc_after = ledger766.city_document(world.jurisdictions["city"], JUNE)
    assert doc_after != doc_before


def test_a_changed_status_shows_at_once(world):
    load(world)
    # K-06 is open and overdue at the end of June; re-imported as finished early (15/6, appointment
    # 20/6) it leaves the late dossiers of P1.
    doc_before = ledger766.city_document(world.jurisdictions["city"], JUNE)
    _import(world, national("K-06", KenhThucHien=2, NgayTiepNhan="20220614080000",
                            NgayHenTra="20220620170000", NgayKetThucXuLy="20220615090000",
                            NgayTra="20220615100000"))  # fmt: skip
    doc_after = ledger766.city_document(world.jurisdictions["city"], JUNE)
    assert doc_after != doc_before


def test_asking_again_without_a_change_reads_the_cache_and_counts_no_dossier(world):
    load(world)
    first = ledger766.city_document(world.jurisdictions["city"], JUNE)
    with CaptureQueriesContext(connection) as queries:
        again = ledger766.city_document(world.jurisdictions["city"], JUNE)
    assert again == first
    dossier_reads = [q["sql"] for q in queries if '"dossiers_dossier"' in q["sql"]]
    assert dossier_reads, "the cache key reads the ledger's last change"
    assert not any("COUNT(" in sql.upper() for sql in dossier_reads), dossier_reads
