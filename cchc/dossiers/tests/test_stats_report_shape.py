"""`cchc dossier-stats` prints per unit and in total the counts and on-time rate, from facts only."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command

from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier
from cchc.dossiers.tests.import_helpers import as_json, make_catalogue, national, sample

pytestmark = pytest.mark.django_db
KEYS = {"received", "early", "on_time", "late", "open_within_time", "open_overdue", "on_time_rate"}


def stats(*args: str) -> str:
    out = io.StringIO()
    call_command("dossier_stats", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(world):
    make_catalogue()
    objs = [
        *sample(),
        national(
            "P2-1",
            DonViXuLy="P2",
            DonViTiepNhan="P2",
            QuaTrinhXuLy=[],
            TrangThaiHoSo=4,
            NgayKetThucXuLy="",
            NgayTra="",
        ),
    ]
    assert import_bytes(as_json(objs), "a.json", actor=world.users["office"]).ok
    return world


def test_json_has_one_entry_per_unit_and_a_total(loaded):
    doc = json.loads(stats("--from", "2022-01-01", "--to", "2022-06-30", "--format", "json"))
    assert doc["from"] == "2022-01-01" and doc["to"] == "2022-06-30"
    assert [u["unit"] for u in doc["units"]] == ["P1", "P1-MC", "P2"]
    assert all(KEYS.issubset(u) for u in doc["units"])
    assert set(doc["total"]) == set(KEYS)
    total = doc["total"]
    assert total["received"] == 7
    assert (total["early"], total["on_time"], total["late"]) == (2, 2, 1)
    assert total["open_within_time"] + total["open_overdue"] == 2
    assert total["on_time_rate"] == 0.8
    p2 = next(u for u in doc["units"] if u["unit"] == "P2")
    assert p2["on_time_rate"] is None  # nothing finished: no rate, not 0 %


def test_facts_alone_answer_the_question(loaded):
    before = stats("--from", "2022-01-01", "--to", "2022-06-30")
    Dossier.objects.all().delete()  # the ledger is not read
    assert stats("--from", "2022-01-01", "--to", "2022-06-30") == before


def test_unit_filter_and_csv(loaded):
    text = stats("--from", "2022-03-01", "--to", "2022-03-31", "--unit", "P2", "--format", "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [
        "unit",
        "name",
        "received",
        "early",
        "on_time",
        "late",
        "open_within_time",
        "open_overdue",
        "on_time_rate",
    ]
    assert [r[0] for r in rows[1:]] == ["P2", "TOTAL"]
    assert rows[1][2] == "1" and rows[1][-1] == ""


def test_a_period_before_any_dossier_is_empty_not_an_error(loaded):
    doc = json.loads(stats("--from", "2021-01-01", "--to", "2021-12-31"))
    assert doc["units"] == [] and doc["total"]["received"] == 0 and doc["total"]["on_time_rate"] is None


def test_bad_dates_exit_with_status_2(loaded):
    with pytest.raises(SystemExit) as exc:
        stats("--from", "30/06/2022", "--to", "2022-06-30")
    assert exc.value.code == 2
