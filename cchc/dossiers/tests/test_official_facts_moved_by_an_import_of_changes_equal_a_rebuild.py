"""The per-official facts an import of changes moves by differences (``official_facts.remember`` and
``settle``: the changed dossiers' new contributions minus their old ones) equal a rebuild from scratch
and the per-dossier Python reading, whichever path writes the file: the row path, the set-based path in
one piece, or in several slices; with random changes (finishes, status moves, new steps, supplements,
another unit or procedure, unchanged rows) and new dossiers among them."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers import official_facts
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.tests.columnar_helpers import rich_file
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue
from cchc.dossiers.tests.official_facts_reference import reference_rows, stored_rows
from cchc.dossiers.tests.test_columnar_changes_write_what_the_row_path_writes import changes_file

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)


@pytest.mark.parametrize(
    ("path", "seed", "stored"),
    [
        ("rows", 3, 360),
        ("rows", 4, 300),
        ("columnar", 5, 360),
        ("columnar", 6, 300),
        ("slices", 8, 360),
        ("slices", 9, 250),
    ],
)
def test_facts_moved_by_an_import_of_changes_equal_a_rebuild(
    world, settings, monkeypatch, path, seed, stored
):
    make_catalogue()
    base_objs = rich_file(360, seed=seed)
    office = world.users["office"]
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    first = import_bytes(as_csv(base_objs[:stored]), "hoso.csv", actor=office, as_of=AS_OF)
    assert first.ok, first.errors[:3]
    before = stored_rows()
    assert before and before == reference_rows()

    settled: list[int] = []
    settle = official_facts.settle
    monkeypatch.setattr(
        official_facts, "settle", lambda *a, **k: settled.append(settle(*a, **k)) or settled[-1]
    )
    changes = as_csv(changes_file(base_objs, seed))
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0 if path == "rows" else 1
    if path == "slices":
        settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = len(changes) // 5
    out = import_bytes(changes, "thaydoi.csv", actor=office, as_of=AS_OF)
    assert out.ok and out.path == ("rows" if path == "rows" else "columnar"), out.errors[:3]
    assert out.result.updated > 0 and out.result.created == 360 - stored
    assert settled and sum(settled) > 0  # the rows were moved by differences

    moved = stored_rows()
    assert moved != before
    official_facts.rebuild()
    assert moved == stored_rows()
    assert moved == reference_rows()
