"""The results report's summary kept by the writes (``result_facts``: row imports, the set-based import of
new dossiers, of changes, in one piece and in slices, status changes and progress through the actions)
equals the summary rebuilt from the ledger (``cchc rebuild-facts``)."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.core.management import call_command

from cchc.dossiers import result_facts
from cchc.dossiers.actions import set_status
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.columnar_helpers import rich_file
from cchc.dossiers.tests.import_helpers import as_csv, as_json, make_catalogue
from cchc.dossiers.tests.test_columnar_changes_write_what_the_row_path_writes import changes_file

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)


def _rebuilt_equals_kept() -> None:
    kept = result_facts.snapshot()
    assert kept["days"] and kept["months"]
    call_command("rebuild_facts", stdout=io.StringIO())
    assert result_facts.snapshot() == kept


@pytest.mark.parametrize("path", ["rows", "columnar", "slices"])
def test_imports_of_new_and_changed_dossiers_keep_the_summary_a_rebuild_gives(world, settings, path):
    make_catalogue()
    office = world.users["office"]
    objs = rich_file(240, seed=11)
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0 if path == "rows" else 1
    first = import_bytes(as_csv(objs[:160]), "hoso.csv", actor=office, as_of=AS_OF)
    assert first.ok, first.errors[:3]
    changes = as_csv(changes_file(objs, 11))
    if path == "slices":
        settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = len(changes) // 4
    out = import_bytes(changes, "thaydoi.csv", actor=office, as_of=AS_OF)
    assert out.ok and out.result.updated and out.result.created, out.errors[:3]
    assert (out.path == "rows") == (path == "rows")
    _rebuilt_equals_kept()


def test_status_changes_and_json_imports_keep_the_summary_a_rebuild_gives(world):
    make_catalogue()
    office = world.users["office"]
    objs = rich_file(120, seed=5)
    assert import_bytes(as_json(objs), "a.json", actor=office, as_of=AS_OF).ok
    rng = random.Random(5)
    for d in rng.sample(list(Dossier.objects.filter(status__in=[2, 4, 6])), 6):
        set_status(d, rng.choice([5, 9, 10, 7]), actor=office, at=dt.datetime(2022, 4, 20, 10))
    for d in Dossier.objects.filter(status=5)[:3]:
        set_status(d, 4, actor=office, at=dt.datetime(2022, 4, 25, 9))
    _rebuilt_equals_kept()


def test_a_file_of_new_dossiers_among_unchanged_ones_counts_each_once(world):
    make_catalogue()
    office = world.users["office"]
    objs = rich_file(90, seed=3)
    assert import_bytes(as_json(objs[:60]), "a.json", actor=office, as_of=AS_OF).ok
    again = import_bytes(as_json(objs), "b.json", actor=office, as_of=AS_OF)
    assert again.ok and again.result.created == 30 and not again.result.updated
    _rebuilt_equals_kept()
