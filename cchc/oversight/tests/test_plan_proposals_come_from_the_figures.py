"""Units are proposed for the inspection plan from the figures: a late rate at or above the threshold
(with enough finished dossiers), overdue tasks led by the unit, satisfaction low or fallen — each
reason with its figure; a unit with good figures, or too few dossiers to judge, is not proposed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.directives.actions import create_task
from cchc.directives.actions_register import register_directive
from cchc.dossiers.models import UnitDailyFact
from cchc.dossiers.tests.factories import dossier as make_dossier
from cchc.oversight.proposals import propose
from cchc.surveys.models import DossierRating, RatingLevel, ResponseChannel

pytestmark = pytest.mark.django_db


def _facts(world, key, *, finished, late, day):
    UnitDailyFact.objects.create(
        unit=world.units[key], day=day, finished_on_time=finished - late, finished_late=late
    )


def _directive(world, day):
    return register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "issued",
            "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
            "number": "7190",
            "symbol": "UBND-NV",
            "date": day,
            "place": "Vũng Tàu",
            "doc_type": "cong_van",
            "subject": "cải cách hành chính",
            "signer_authority": "KT.",
            "signer_position": "Chủ tịch – Phó Chủ tịch",
            "signer_name": "Vũ Hồng Thuận",
        },
    )


def _rate(world, code, key, level, day):
    d = make_dossier(world, code, received=timezone.make_aware(dt.datetime.combine(day, dt.time(8))))
    d.handling_unit = world.units[key]
    d.save(update_fields=["handling_unit"])
    DossierRating.objects.create(
        dossier=d,
        level=level,
        channel=ResponseChannel.LINK,
        rated_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))),
        unit=d.handling_unit,
    )


@pytest.fixture
def today():
    return timezone.localdate()


def _by_unit(world, today):
    return {p.unit.code: p for p in propose(world.jurisdictions["city"], today)}


def test_a_high_late_rate_proposes_the_unit_with_its_figure(world, settings, today):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 30
    _facts(world, "p1", finished=100, late=12, day=today - dt.timedelta(days=40))
    _facts(world, "p2", finished=100, late=2, day=today - dt.timedelta(days=40))
    found = _by_unit(world, today)
    assert "P1" in found and "P2" not in found
    assert found["P1"].figures["late_rate"]["late"] == 12
    assert "12,0%" in found["P1"].reasons[0]


def test_too_few_dossiers_say_nothing(world, settings, today):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 30
    _facts(world, "p2", finished=10, late=9, day=today - dt.timedelta(days=10))
    assert "P2" not in _by_unit(world, today)


def test_late_dossiers_older_than_a_year_do_not_count(world, settings, today):
    settings.CCHC_LEAGUE_MIN_DOSSIERS = 30
    _facts(world, "p2", finished=100, late=50, day=today - dt.timedelta(days=400))
    assert "P2" not in _by_unit(world, today)


def test_overdue_tasks_propose_the_lead_unit(world, settings, today):
    settings.CCHC_OVERSIGHT_OVERDUE_TASKS = 2
    start = today - dt.timedelta(days=60)
    directive = _directive(world, start)
    for n in range(2):
        create_task(
            world.users["office"],
            directive,
            text=f"Việc {n}",
            lead_unit=world.units["p2"],
            assigner_unit=world.units["ubnd"],
            due=today - dt.timedelta(days=20),
            start=start,
        )
    create_task(
        world.users["office"],
        directive,
        text="Việc chưa đến hạn",
        lead_unit=world.units["p1"],
        assigner_unit=world.units["ubnd"],
        due=today + dt.timedelta(days=20),
        start=start,
    )
    found = _by_unit(world, today)
    assert found["P2"].figures["overdue_tasks"] == 2
    assert "P1" not in found


def test_low_satisfaction_proposes_the_unit(world, settings, today):
    settings.CCHC_OVERSIGHT_MIN_RATINGS = 4
    settings.CCHC_OVERSIGHT_SATISFIED_SHARE = 80.0
    day = today - dt.timedelta(days=10)
    for i, level in enumerate([RatingLevel.NOT_SATISFIED] * 2 + [RatingLevel.SATISFIED] * 3):
        _rate(world, f"R1-{i}", "p2", level, day)
    for i in range(5):
        _rate(world, f"R2-{i}", "p1", RatingLevel.VERY_SATISFIED, day)
    found = _by_unit(world, today)
    assert found["P2"].figures["satisfaction"]["share"] == 60.0
    assert "P1" not in found


def test_a_fall_in_satisfaction_proposes_the_unit_even_above_the_floor(world, settings, today):
    settings.CCHC_OVERSIGHT_MIN_RATINGS = 4
    settings.CCHC_OVERSIGHT_SATISFIED_SHARE = 50.0
    settings.CCHC_OVERSIGHT_SATISFACTION_DROP = 5.0
    for i in range(5):
        _rate(world, f"OLD-{i}", "p1", RatingLevel.VERY_SATISFIED, today - dt.timedelta(days=250))
    for i, level in enumerate([RatingLevel.NOT_SATISFIED] + [RatingLevel.SATISFIED] * 4):
        _rate(world, f"NEW-{i}", "p1", level, today - dt.timedelta(days=20))
    found = _by_unit(world, today)
    assert found["P1"].figures["satisfaction"]["before"] == 100.0
    assert "giảm từ 100,0%" in found["P1"].reasons[0]
