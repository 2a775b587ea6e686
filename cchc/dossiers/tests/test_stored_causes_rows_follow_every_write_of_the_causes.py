"""The causes' rows (``DossierCause``) are ``blame.cause_marks`` of the stored causes after every write of
the causes — the row path (new and changed dossiers), the columnar path, ``Dossier.save`` — and the
set-based ``cause_marks.rebuild`` (the migration, ``cchc rebuild-facts``) computes the same rows from the
JSON in SQL, malformed causes included. Run on both engines by CI."""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import Any

import pytest
from django.core.management import call_command

from cchc.dossiers import cause_marks
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier, DossierCause, Outcome
from cchc.dossiers.tests.columnar_helpers import clear_ledger, rich_file
from cchc.dossiers.tests.factories import dossier
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)


def key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return (row[0], row[1], row[2] or 0, row[3])


def stored() -> list[tuple[Any, ...]]:
    code = dict(Dossier.objects.values_list("pk", "code"))
    rows = DossierCause.objects.values_list("dossier_id", "kind", "official_id", "name_key")
    return sorted(((code[d], kind, official, name) for d, kind, official, name in rows), key=key)


def derived() -> list[tuple[Any, ...]]:
    """What the one definition gives for the causes stored now."""
    pairs = Dossier.objects.values_list("code", "late_causes")
    return sorted(cause_marks.rows_of(pairs), key=key)


def test_the_row_path_and_the_columnar_path_write_the_rows_of_the_causes(world, settings):
    make_catalogue()
    data = as_csv(rich_file(300))
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0
    rows = import_bytes(data, "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert rows.ok and rows.path == "rows"
    by_rows = stored()
    assert by_rows == derived()
    assert {r[1] for r in by_rows} >= {"step_overrun", "unattributed"}
    assert any(r[2] is not None for r in by_rows)  # the accounts the causes blame

    # A file with the same codes and other contents: changed dossiers' rows are replaced.
    changed = import_bytes(
        as_csv(rich_file(300, seed=8)),
        "hoso.csv",
        actor=world.users["office"],
        as_of=AS_OF + dt.timedelta(days=30),
    )
    assert changed.ok and changed.result.updated
    assert stored() == derived() != by_rows

    clear_ledger()
    assert not DossierCause.objects.exists()
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    fast = import_bytes(data, "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert fast.ok and fast.path == "columnar"
    assert stored() == by_rows


MALFORMED: list[Any] = [
    "not a list",
    {"kind": "step_overrun"},
    ["not a dict", 5, None],
    [{"kind": 5}, {"kind": "made_up"}, {"official_id": 3}],
    [{"kind": "step_overrun", "official": "Trần Văn Bình", "official_id": "12"}],
    [{"kind": "step_overrun", "official": "Trần Văn Bình", "official_id": True}],
    [{"kind": "step_overrun", "official": "Trần Văn Bình", "official_id": -4}],
    [{"kind": "step_overrun", "official": "Trần Văn Bình", "official_id": 2**70}],
    [{"kind": "step_overrun", "official": "Trần Văn Bình", "official_id": 7.5}],
    [{"kind": "step_overrun", "official": "Trần Văn Bình", "official_id": 7.0}],
    [{"kind": "step_overrun", "official": 42, "official_id": None}],
    [{"kind": "step_overrun", "official": ["a"]}],
    [
        {"kind": "step_overrun", "official": "  trần   VĂN bình "},
        {"kind": "step_overrun", "official": "Trần Văn Bình"},
    ],
    [{"kind": "step_overrun", "official": "ĐỖ MINH ĐỨC", "official_id": None}, {"kind": "unattributed"}],
    [{"kind": "software_closing", "official": "Trần Văn Bình", "official_id": 9}],
    [{"kind": "step_overrun", "official": "   ", "official_id": None}, {"kind": "step_overrun"}],
]


def test_the_set_based_rebuild_gives_the_rows_every_save_gives(world):
    rng = random.Random(5)
    officials = list(world.officials.values())
    for i, causes in enumerate(MALFORMED):
        dossier(world, f"MAL-{i:02d}", outcome=Outcome.LATE, causes=causes)
    for i in range(40):
        o = rng.choice(officials)
        causes = [
            {"kind": "step_overrun", "unit": "P1", "official": o.full_name, "official_id": o.pk},
            {"kind": "step_overrun", "unit": None, "official": rng.choice(["Lê Văn Tư", "PHAN THỊ YẾN"])},
            {"kind": rng.choice(["software_closing", "second_supplement", "unattributed"])},
        ]
        dossier(world, f"RND-{i:02d}", outcome=Outcome.LATE, causes=rng.sample(causes, rng.randint(0, 3)))
    by_saves = stored()
    assert by_saves == derived()
    assert ("MAL-09", "step_overrun", 7, "") in by_saves
    assert ("MAL-12", "step_overrun", None, "trần văn bình") in by_saves
    assert ("MAL-13", "step_overrun", None, "đỗ minh đức") in by_saves

    DossierCause.objects.all().delete()
    assert cause_marks.rebuild() == len(by_saves)
    assert stored() == by_saves
    # ``cchc rebuild-facts`` recomputes them with the other derived data.
    DossierCause.objects.all().delete()
    call_command("rebuild_facts", stdout=io.StringIO())
    assert stored() == by_saves
