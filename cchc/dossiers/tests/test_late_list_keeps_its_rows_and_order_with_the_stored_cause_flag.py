"""The late list reads its order from a stored flag and partial indexes instead of matching the causes'
JSON text and sorting every late dossier: on random ledgers it shows the same rows in the same order as
the reading it replaced, for every filter, and its counts are the exact ones below the cap."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from cchc.dossiers.figures import late_finished_dossiers
from cchc.dossiers.late_rows import EARLIEST, LateFilters, late_rows, missing_apology_count
from cchc.dossiers.models import Apology, ApologyForm, Dossier, Outcome, Status
from cchc.dossiers.queries import (
    DEADLINE,
    OPEN_STATUSES,
    deadline_before,
    deadline_from,
    dossiers_for,
    local_day_start,
    with_deadline,
    without_apology,
)
from cchc.dossiers.tests.factories import at, dossier

pytestmark = pytest.mark.django_db

CAUSES: list[list[Any]] = [
    [],
    [{"kind": "step_overrun", "unit": "P1", "official": "Ngô Văn Em"}],
    [{"kind": "software_closing", "unit": "P1", "official": ""}],
    [{"kind": "second_supplement", "unit": None, "official": None}],
    [{"kind": "unattributed", "unit": None, "official": None}],
    [{"kind": "unattributed"}, {"kind": "step_overrun", "unit": "P2", "official": "Lê Thị Hoa"}],
    ["not a dict"],
]


def old_late_q(now: dt.datetime) -> Q:
    """``queries.late_q`` as it was written before the partial indexes."""
    open_overdue = Q(status__in=OPEN_STATUSES) & (
        Q(effective_appointment_at__lt=now) | Q(effective_appointment_at__isnull=True, appointment_at__lt=now)
    )
    return Q(outcome=Outcome.LATE) | (
        Q(outcome__in=["", Outcome.OPEN_WITHIN, Outcome.OPEN_OVERDUE]) & open_overdue
    )


def old_rows(user, f: LateFilters, now: dt.datetime, today: dt.date) -> tuple[QuerySet, QuerySet]:
    """The late list's reading before the stored flag: a text match on the causes, sorted whole."""
    if f.has_period:
        qs = late_finished_dossiers(user, f.finished_from or EARLIEST, f.finished_to or today, unit=f.unit)
    else:
        qs = dossiers_for(user).filter(old_late_q(now))
        if f.unit is not None:
            qs = qs.filter(handling_unit=f.unit)
    if f.kind == "finished":
        qs = qs.filter(outcome=Outcome.LATE)
    elif f.kind == "open":
        qs = qs.exclude(outcome=Outcome.LATE)
    if f.cause:
        qs = qs.filter(late_causes__icontains=f.cause)
    if f.end_from:
        qs = deadline_from(qs, local_day_start(f.end_from))
    if f.end_to:
        qs = deadline_before(qs, local_day_start(f.end_to + dt.timedelta(days=1)))
    before_missing = qs
    if f.missing_apology:
        qs = without_apology(qs)
    named = Q()
    for kind in ("step_overrun", "software_closing", "second_supplement"):
        named |= Q(late_causes__icontains=kind)
    rows = (
        with_deadline(qs)
        .annotate(unexplained=Case(When(named, then=Value(0)), default=Value(1), output_field=IntegerField()))
        .order_by("unexplained", DEADLINE.desc(), "-pk")
    )
    return rows, before_missing


def random_ledger(world, seed: int, now: dt.datetime) -> None:
    rng = random.Random(seed)
    statuses = [Status.RETURNED, Status.PROCESSING, Status.RECEIVED, Status.FINANCIAL, Status.SUPPLEMENT]
    outcomes = [Outcome.LATE, Outcome.LATE, Outcome.ON_TIME, "", Outcome.OPEN_OVERDUE, Outcome.OPEN_WITHIN]
    deadlines = [now - dt.timedelta(days=d) for d in (1, 3, 30, 200)] + [now + dt.timedelta(days=2)]
    for i in range(90):
        outcome = rng.choice(outcomes)
        status = Status.RETURNED if outcome in (Outcome.LATE, Outcome.ON_TIME) else rng.choice(statuses)
        appointment = rng.choice(deadlines)  # repeated deadlines: the id breaks the ties
        effective = rng.choice([None, None, appointment + dt.timedelta(days=rng.randint(-2, 5))])
        end = appointment + dt.timedelta(days=2) if status == Status.RETURNED else None
        d = dossier(
            world,
            f"RL{seed}-{i:03d}",
            handling=rng.choice(["p1", "p2"]),
            receiving=rng.choice(["p1_mc", "p2"]),
            status=status,
            outcome=outcome,
            received=appointment - dt.timedelta(days=10),
            appointment=appointment,
            end=end,
            causes=rng.choice(CAUSES) if outcome == Outcome.LATE or rng.random() < 0.1 else [],
            effective_appointment_at=effective,
            finished_on=timezone.localtime(end).date() if end and outcome == Outcome.LATE else None,
        )
        if rng.random() < 0.3:
            Apology.objects.create(
                dossier=d,
                form=ApologyForm.TT03_2025,
                issued_at=now,
                reason="Chậm xử lý",
                new_appointment_at=now + dt.timedelta(days=3),
            )


def filters(world, today: dt.date) -> list[LateFilters]:
    p1 = world.units["p1"]
    return [
        LateFilters(),
        LateFilters(unit=p1),
        LateFilters(kind="finished"),
        LateFilters(kind="open"),
        LateFilters(kind="finished", unit=p1, missing_apology=True),
        LateFilters(kind="open", unit=world.units["p2"]),
        LateFilters(cause="step_overrun"),
        LateFilters(cause="unattributed", missing_apology=True),
        LateFilters(missing_apology=True),
        LateFilters(end_from=today - dt.timedelta(days=40), end_to=today - dt.timedelta(days=2)),
        LateFilters(finished_from=today - dt.timedelta(days=365), finished_to=today),
        LateFilters(finished_from=today - dt.timedelta(days=365), unit=p1, missing_apology=True),
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_late_list_shows_the_rows_and_order_it_showed_before(world, seed):
    now = timezone.now()
    today = timezone.localdate()
    random_ledger(world, seed, now)
    assert Dossier.objects.filter(named_cause=True).exists()
    for user in (world.users["leader"], world.users["one_stop"]):
        for f in filters(world, today):
            new, new_before = late_rows(user, f, now, today)
            old, old_before = old_rows(user, f, now, today)
            assert list(new.values_list("code", flat=True)) == list(old.values_list("code", flat=True)), f
            exact = without_apology(old_before).count()
            assert missing_apology_count(new_before).count == exact, f
            assert not missing_apology_count(new_before).capped


def test_the_stored_flag_follows_the_causes_on_every_save(world):
    d = dossier(world, "FLAG-1", outcome=Outcome.LATE, causes=[{"kind": "unattributed"}])
    assert not Dossier.objects.get(pk=d.pk).named_cause
    d.late_causes = [{"kind": "software_closing", "unit": "P1", "official": ""}]
    d.save(update_fields=["late_causes"])
    assert Dossier.objects.get(pk=d.pk).named_cause


def test_the_banner_and_the_count_say_more_than_the_cap(client, world, settings):
    from cchc.testing.personas import login_verified

    for i in range(4):
        dossier(
            world,
            f"CAP-LATE-{i}",
            outcome=Outcome.LATE,
            end=at(2022, 6, 9),
            causes=[{"kind": "software_closing", "unit": "P1", "official": ""}],
        )
    login_verified(client, world.users["leader"])
    settings.CCHC_LIST_COUNT_CAP = 3
    html = client.get("/ho-so/tre-han/").content.decode()
    assert 'data-testid="late-count">Hơn 3 hồ sơ; lọc để thu hẹp' in html
    assert "<strong>Hơn 3</strong> hồ sơ trễ hạn" in html
    settings.CCHC_LIST_COUNT_CAP = 10
    html = client.get("/ho-so/tre-han/").content.decode()
    assert 'data-testid="late-count">4 hồ sơ</p>' in html
    assert "<strong>4</strong> hồ sơ trễ hạn" in html
