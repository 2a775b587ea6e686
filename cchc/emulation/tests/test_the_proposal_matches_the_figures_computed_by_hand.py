"""The year's proposal from seeded data equals what the rules give by hand (docs/rules/emulation.md):
each unit's level is its lowest criterion, the title follows the level unless a member was given a
warning or more, and a head is never above the unit and lower still for their own record."""

from __future__ import annotations

import pytest

from cchc.core.models import AuditEvent
from cchc.emulation.audit_events import EmulationEvents
from cchc.emulation.models import Grade, Kind, Title
from cchc.emulation.tests import scene
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_2022(world, directive, settings):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 10
    scene.build(world, directive)
    return scene.proposed(world)


def _entries(rnd):
    return {(e.kind, e.unit.code): e for e in rnd.entries.select_related("unit", "official")}


def _criterion(entry, code):
    return next(c for c in entry.criteria if c["code"] == code)


def test_every_unit_and_head_gets_the_hand_computed_level_and_title(world, round_2022):
    got = {key: (e.proposed_grade, e.proposed_title) for key, e in _entries(round_2022).items()}
    assert got == {
        # 100 % index, 5 % late (good), a serious finding (good), a warning given → no title.
        (Kind.UNIT, "P1"): (Grade.GOOD, Title.NONE),
        # The head: the unit's "good", lowered to "done" by the reminder on their responsibility.
        (Kind.HEAD, "P1"): (Grade.DONE, Title.NONE),
        # 95 % index, 0 late of 10, nothing else: excellent.
        (Kind.UNIT, "P2"): (Grade.EXCELLENT, Title.EXCELLENT),
        # No card (good at best), 3 overdue tasks (more than 2): done, no title.
        (Kind.UNIT, "NV"): (Grade.DONE, Title.NONE),
        # No card and nothing against them: good, advanced collective.
        (Kind.UNIT, "VP"): (Grade.GOOD, Title.ADVANCED),
        (Kind.UNIT, "TTr"): (Grade.GOOD, Title.ADVANCED),
    }
    assert all(e.grade == e.proposed_grade and e.title == e.proposed_title for e in round_2022.entries.all())


def test_each_criterion_shows_its_figure_and_links_to_the_evidence(world, round_2022):
    e = _entries(round_2022)
    p1 = e[(Kind.UNIT, "P1")]
    late = _criterion(p1, "late_rate")
    assert late["value"] == "5,0% (1/20 hồ sơ)" and late["cap"] == Grade.GOOD
    assert late["links"] == [
        {
            "label": "1 hồ sơ trễ hạn của UBND Phường 1",
            "url": f"/ho-so/tre-han/?unit={world.units['p1'].pk}"
            "&finished_from=2022-01-01&finished_to=2022-12-31",
        }
    ]
    assert _criterion(p1, "scorecard")["value"].startswith("100,00% số điểm")
    findings = _criterion(p1, "findings")
    assert findings["value"] == "1 tồn tại qua kiểm tra, 1 nghiêm trọng, 0 lặp lại"
    assert findings["links"][0]["url"].startswith("/kiem-tra/cuoc/")
    discipline = _criterion(p1, "discipline")
    assert discipline["blocks_title"] and discipline["links"] == []
    assert "Trần Thị Bình" not in str(p1.criteria)  # the private record names no one here
    nv = _criterion(e[(Kind.UNIT, "NV")], "overdue_tasks")
    assert nv["value"] == "3 nhiệm vụ quá hạn ngày 31/12/2022" and nv["cap"] == Grade.DONE
    assert nv["links"][0]["url"] == f"/chi-dao/qua-han/?don_vi={world.units['nv'].pk}"
    assert e[(Kind.HEAD, "P1")].official == world.officials["unit_head"]


def test_the_evidence_links_open_the_rows_the_figures_count(client, world, round_2022):
    e = _entries(round_2022)
    login_verified(client, world.users["secretariat"])
    late = client.get(_criterion(e[(Kind.UNIT, "P1")], "late_rate")["links"][0]["url"]).content.decode()
    assert "P1-LATE" in late and "P1-0<" not in late
    overdue = client.get(
        _criterion(e[(Kind.UNIT, "NV")], "overdue_tasks")["links"][0]["url"]
    ).content.decode()
    assert all(f"Nhiệm vụ của Phòng Nội vụ số {i}" in overdue for i in (1, 2, 3))


def test_the_round_keeps_its_period_and_thresholds_and_is_audited(world, round_2022):
    assert (round_2022.first_day.isoformat(), round_2022.last_day.isoformat()) == ("2022-01-01", "2022-12-31")
    assert round_2022.thresholds["CCHC_EMULATION_LATE_GOOD"] == 0.05
    assert AuditEvent.objects.filter(verb=EmulationEvents.PROPOSED).count() == 1


def test_a_stricter_late_threshold_changes_the_proposal(world, directive, settings):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 10
    settings.CCHC_EMULATION_LATE_GOOD = 0.04
    scene.build(world, directive)
    p1 = _entries(scene.proposed(world))[(Kind.UNIT, "P1")]
    assert _criterion(p1, "late_rate")["cap"] == Grade.DONE and p1.proposed_grade == Grade.DONE
