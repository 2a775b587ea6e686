"""A late dossier's cause blames an official by the account id the outcome engine stored, never by
re-matching a name: two officials with the same name in different units are blamed separately, and an
official renamed keeps their blame (in the ranking, its facts and the late list's filter)."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.actions import upsert_dossiers
from cchc.dossiers.models import Dossier
from cchc.dossiers.rankings import finished_between, official_counts, official_rows
from cchc.dossiers.records import parse_record
from cchc.dossiers.tests.import_helpers import make_catalogue, national
from cchc.org.models import Official
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db

YEAR = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))


def step(unit: str, who: str, start: str, done: str, due: str) -> dict[str, str]:
    return {
        "PhongBanXuLy": unit,
        "NguoiXuLy": who,
        "NgayBatDau": start,
        "ThoiDiemXuLy": done,
        "NgayKetThucTheoQuyDinh": due,
    }


def import_two_late_dossiers(world) -> tuple[Official, Official]:
    """HERS: the Phường 1 officer's step overran, her namesake of Phường 2 finished his in time.
    THEIRS: the namesake's own step overran."""
    make_catalogue()
    ward = world.officials["ward_officer"]
    namesake = Official.objects.create(
        code="CB-P2-TRUNG-TEN", full_name=ward.full_name, unit=world.units["p2"]
    )
    objs = [
        national(
            "BLAME-HERS",
            NgayKetThucXuLy="20220315100000",
            NgayTra="20220315110000",
            QuaTrinhXuLy=[
                step("P1-MC", "Vũ Thị Mai", "20220307080000", "20220307090000", "20220307170000"),
                step("P1", ward.full_name, "20220307090000", "20220312160000", "20220310120000"),
                step("P2", ward.full_name, "20220312160000", "20220314090000", "20220315170000"),
            ],
        ),
        national(
            "BLAME-THEIRS",
            DonViXuLy="P2",
            DonViTiepNhan="P2",
            NgayKetThucXuLy="20220315100000",
            NgayTra="20220315110000",
            QuaTrinhXuLy=[
                step("P2", ward.full_name, "20220307090000", "20220314160000", "20220310120000"),
            ],
        ),
    ]
    records = []
    for i, obj in enumerate(objs, start=1):
        record, errors = parse_record(i, obj)
        assert not errors and record is not None, errors
        records.append(record)
    result = upsert_dossiers(records, actor=world.users["office"], source="test", as_of=dt.date(2022, 6, 1))
    assert result.ok, result.errors
    return ward, namesake


def late_by_key(rows) -> dict[str, int]:
    return {r.key: r.late for r in rows if r.late}


def test_the_engine_stores_the_blamed_account_and_unit(world):
    ward, namesake = import_two_late_dossiers(world)
    hers = Dossier.objects.get(code="BLAME-HERS")
    overruns = [c for c in hers.late_causes if c["kind"] == "step_overrun"]
    assert overruns and all(c["official_id"] == ward.pk for c in overruns)
    assert all(c["unit_id"] == world.units["p1"].pk and c["step"] == 2 for c in overruns)
    theirs = Dossier.objects.get(code="BLAME-THEIRS")
    assert {c["official_id"] for c in theirs.late_causes if c["kind"] == "step_overrun"} == {namesake.pk}


def test_two_officials_with_one_name_are_blamed_separately(world):
    ward, namesake = import_two_late_dossiers(world)
    expected = {f"id:{ward.pk}": 1, f"id:{namesake.pk}": 1}
    assert late_by_key(official_rows(*YEAR)) == expected
    assert late_by_key(official_counts(finished_between(Dossier.objects.all(), *YEAR))) == expected


def test_an_official_renamed_keeps_their_blame_and_the_late_list_finds_it(client, world, settings):
    ward, namesake = import_two_late_dossiers(world)
    ward.full_name = "Trần Thị Bình An"
    ward.save()
    assert late_by_key(official_rows(*YEAR))[f"id:{ward.pk}"] == 1
    assert late_by_key(official_counts(finished_between(Dossier.objects.all(), *YEAR)))[f"id:{ward.pk}"] == 1
    login_verified(client, world.users["leader"])
    html = client.get(
        "/ho-so/tre-han/", {"official_id": ward.pk, "official": ward.full_name}
    ).content.decode()
    assert "BLAME-HERS" in html and "BLAME-THEIRS" not in html
    # The list names her as her account is called now, and its link filters by her account.
    assert f"official_id={ward.pk}" in html and "Trần Thị Bình An" in html
    html = client.get("/ho-so/tre-han/", {"official_id": namesake.pk, "official": namesake.full_name}).content
    assert "BLAME-THEIRS" in html.decode() and "BLAME-HERS" not in html.decode()
    # The officials' ranking links each row to the late list by account too.
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 1
    ranking = client.get("/ho-so/xep-hang/can-bo/", {"date_from": "2022-01-01", "date_to": "2022-12-31"})
    links = ranking.content.decode()
    assert f"official_id={ward.pk}" in links and f"official_id={namesake.pk}" in links
