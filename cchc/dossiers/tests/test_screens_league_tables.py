import datetime as dt

import pytest
from django.core.cache import cache

from cchc.dossiers.facts import roll_up_units
from cchc.dossiers.models import DailyFact, Outcome
from cchc.dossiers.rankings import official_league, unit_league
from cchc.dossiers.tests.factories import StepSpec, at, dossier, late_dossier, procedure
from cchc.testing.personas import login_verified


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def fact(world, unit, day, early=0, on_time=0, late=0):
    DailyFact.objects.create(
        day=day,
        unit=world.units[unit],
        procedure=procedure(),
        finished_early=early,
        finished_on_time=on_time,
        finished_late=late,
    )
    roll_up_units()  # the unit roll-up the league reads, as every fact write keeps it


@pytest.fixture
def facts(world):
    fact(world, "p1", dt.date(2022, 3, 1), early=5, on_time=3, late=2)
    fact(world, "nv", dt.date(2022, 3, 2), on_time=10)
    fact(world, "p2", dt.date(2022, 3, 3), on_time=1, late=1)
    fact(world, "p2", dt.date(2021, 12, 31), late=50)  # outside the period


def test_unit_league_reads_daily_facts_ranks_worst_first_and_holds_back_small_units(world, facts):
    league = unit_league(world.users["leader"], dt.date(2022, 1, 1), dt.date(2022, 12, 31), min_finished=3)
    assert [(r.name, r.rank, r.late, r.finished) for r in league.ranked] == [
        ("UBND Phường 1", 1, 2, 10),
        ("Phòng Nội vụ", 2, 0, 10),
    ]
    assert [(r.name, r.late, r.finished) for r in league.too_few] == [("UBND Phường 2", 1, 2)]
    assert league.totals.finished == 22 and league.totals.late == 3


def test_unit_league_page_states_counts_rate_threshold_and_definitions(client, world, facts, settings):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 3
    login_verified(client, world.users["office"])
    html = client.get(
        "/ho-so/xep-hang/don-vi/", {"date_from": "2022-01-01", "date_to": "2022-12-31"}
    ).content.decode()
    assert "20,0%" in html and "(2/10)" in html
    assert "Chưa đủ số hồ sơ để xếp hạng (dưới 3 hồ sơ đã giải quyết)" in html
    assert "Tỷ lệ trễ hạn</strong> = số hồ sơ giải quyết trễ hạn / số hồ sơ đã giải quyết" in html
    assert "yêu cầu bổ sung từ lần thứ hai trở đi thì tính là trễ hạn" in html
    assert "Chỉ tính hồ sơ <strong>đã được tiếp nhận</strong>" in html


def test_default_threshold_is_thirty(client, world, facts, settings):
    if hasattr(settings, "CCHC_LEAGUE_MIN_DOSSIERS"):
        del settings.CCHC_LEAGUE_MIN_DOSSIERS
    login_verified(client, world.users["office"])
    html = client.get(
        "/ho-so/xep-hang/don-vi/", {"date_from": "2022-01-01", "date_to": "2022-12-31"}
    ).content.decode()
    assert "dưới 30 hồ sơ đã giải quyết" in html
    assert "Chưa có đơn vị nào đủ 30 hồ sơ" in html


def test_unit_league_is_scoped_to_the_persons_units(world, facts):
    league = unit_league(
        world.users["other_ward_officer"], dt.date(2022, 1, 1), dt.date(2022, 12, 31), min_finished=1
    )
    assert [r.name for r in league.ranked] == ["UBND Phường 2"]
    assert not unit_league(world.users["front"], dt.date(2022, 1, 1), dt.date(2022, 12, 31)).ranked


def test_official_league_blames_only_the_officials_named_by_causes(world):
    for i in range(2):
        dossier(
            world,
            f"OK-{i}",
            end=at(2022, 6, 3),
            outcome=Outcome.ON_TIME,
            steps=[StepSpec("p1", "ward_officer", at(2022, 6, 1), at(2022, 6, 2), at(2022, 6, 3))],
        )
    late_dossier(world, "LATE-1")  # one-stop step on time, ward officer's step overran
    # A cause that names the official by code counts too.
    late_dossier(
        world,
        "LATE-2",
        causes=[{"kind": "step_overrun", "unit": "P1", "official": "CB-P1-CV"}],
    )
    late_dossier(world, "LATE-3", causes=[{"kind": "software_closing", "unit": "P1", "official": ""}])
    league = official_league(world.users["leader"], dt.date(2022, 6, 1), dt.date(2022, 6, 30), min_finished=1)
    rows = {r.name: r for r in [*league.ranked, *league.too_few]}
    assert (rows["Trần Thị Bình"].late, rows["Trần Thị Bình"].finished) == (2, 5)
    assert (rows["Vũ Thị Mai"].late, rows["Vũ Thị Mai"].finished) == (0, 3)
    assert league.ranked[0].name == "Trần Thị Bình"


def test_official_league_page_lists_officials_with_their_units(client, world, settings):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 1
    late_dossier(world, "LATE-1")
    login_verified(client, world.users["leader"])
    html = client.get(
        "/ho-so/xep-hang/can-bo/", {"date_from": "2022-06-01", "date_to": "2022-06-30"}
    ).content.decode()
    assert "Trần Thị Bình" in html and "UBND Phường 1" in html and "100,0%" in html
    assert "số trễ hạn là số hồ sơ trễ hạn mà nguyên nhân ghi nhận bước do cán bộ đó xử lý quá hạn" in html


def test_unit_league_agrees_with_dossier_stats(world, facts):
    from cchc.dossiers.stats import unit_stats

    league = unit_league(world.users["leader"], dt.date(2022, 1, 1), dt.date(2022, 12, 31), min_finished=0)
    stats, _ = unit_stats(dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    mine = {(r.key, r.early, r.on_time, r.late) for r in [*league.ranked, *league.too_few]}
    theirs = {(r.unit, r.early, r.on_time, r.late) for r in stats if r.finished}
    assert mine == theirs


def test_cached_league_is_recomputed_after_a_fact_changing_write(world, facts):
    from cchc.core.events import record

    period = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    before = unit_league(world.users["leader"], *period, min_finished=1)
    fact(world, "p1", dt.date(2022, 4, 1), late=8)
    # Without a write recorded, the cached table stands (facts change only through the write path).
    assert unit_league(world.users["leader"], *period, min_finished=1).ranked[0].late == before.ranked[0].late
    record("cchc import-dossiers", "dossiers.upsert", object_type="dossiers.dossier", object_id="x")
    after = unit_league(world.users["leader"], *period, min_finished=1)
    assert after.ranked[0].name == "UBND Phường 1" and after.ranked[0].late == 10


def test_league_cache_can_be_turned_off(world, facts, settings):
    settings.CCHC_LEAGUE_CACHE_SECONDS = 0
    period = (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    unit_league(world.users["leader"], *period, min_finished=1)
    fact(world, "p1", dt.date(2022, 4, 1), late=8)
    assert unit_league(world.users["leader"], *period, min_finished=1).ranked[0].late == 10
