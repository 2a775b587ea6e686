"""The late list filtered by an official or by a cause reads the causes' rows (``DossierCause``) through
an index instead of every step the official handled or the JSON text of every late dossier: on random
ledgers — accounts and names without one, names no step carries, malformed causes — it shows exactly
the rows, the order, the counts and the "chưa có phiếu xin lỗi" banner of the reading it replaced
(``late_filters_reference``). Run on both engines by CI."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.utils import timezone

from cchc.dossiers.late_rows import (
    LateFilters,
    RowsByCauses,
    cause_row_counts,
    cause_rows,
    late_counts,
    late_rows,
)
from cchc.dossiers.models import Apology, ApologyForm, Dossier, DossierCause, Outcome, Status
from cchc.dossiers.queries import without_apology
from cchc.dossiers.tests.factories import StepSpec, dossier
from cchc.dossiers.tests.late_filters_reference import old_late_rows

pytestmark = pytest.mark.django_db

ACCOUNTS = ("ward_officer", "unit_head", "one_stop")
# Names typed in the source system that match no account (as the engine stores them: spaces single).
NAMES = ("Trần Văn Bình", "Phạm Thị Lan", "ĐỖ MINH ĐỨC")
KINDS = ("step_overrun", "software_closing", "second_supplement", "unattributed")


def random_causes(rng: random.Random, steps: list[tuple[int | None, str]], world: Any) -> list[Any]:
    """Causes as the engine writes them — a step overrun names the account or the name of a step of
    the dossier (``judging.late_causes``), which is what lets the filter read an account's rows without
    the steps — names without a step, and malformed causes the engine never writes."""
    out: list[Any] = []
    for _ in range(rng.randint(0, 3)):
        pick = rng.random()
        seq = rng.randrange(len(steps)) if steps else None
        account, name = steps[seq] if seq is not None else (None, "")
        if pick < 0.4 and seq is not None:
            out.append(
                {
                    "kind": "step_overrun",
                    "unit": "P1",
                    "official": name or None,
                    "step": seq + 1,
                    "unit_id": None,
                    "official_id": account,
                }
            )
        elif pick < 0.58:
            out.append(
                {"kind": "step_overrun", "unit": None, "official": rng.choice(NAMES), "official_id": None}
            )
        elif pick < 0.7:
            out.append({"kind": "software_closing", "unit": "P1", "official": name, "official_id": account})
        elif pick < 0.8:
            out.append({"kind": "second_supplement", "unit": None, "official": None})
        elif pick < 0.9:
            out.append({"kind": "unattributed", "unit": None, "official": None})
        else:
            out.append(
                rng.choice(
                    [
                        "not a dict",
                        {"kind": 5},
                        {"kind": "step_overrun", "official": "Trần Văn Bình", "official_id": "12"},
                        {"kind": "step_overrun", "official": "   ", "official_id": None},
                    ]
                )
            )
    return out


def random_ledger(world: Any, seed: int, now: dt.datetime) -> None:
    rng = random.Random(seed)
    outcomes = [Outcome.LATE] * 5 + [Outcome.ON_TIME, "", Outcome.OPEN_OVERDUE]
    deadlines = [now - dt.timedelta(days=d) for d in (1, 3, 30, 200)] + [now + dt.timedelta(days=2)]
    for i in range(70):
        specs: list[StepSpec] = []
        steps: list[tuple[int | None, str]] = []
        for _ in range(rng.randint(0, 4)):
            if rng.random() < 0.6:
                key = rng.choice(ACCOUNTS)
                specs.append(StepSpec(unit="p1", official=key))
                steps.append((world.officials[key].pk, world.officials[key].full_name))
            else:
                name = rng.choice([*NAMES, ""])
                specs.append(StepSpec(unit="p2", official_name=name))
                steps.append((None, name))
        outcome = rng.choice(outcomes)
        status = Status.RETURNED if outcome in (Outcome.LATE, Outcome.ON_TIME) else Status.PROCESSING
        appointment = rng.choice(deadlines)
        # Sometimes shifted by supplement time: the deadline in force is the shifted one.
        shifted = appointment + dt.timedelta(days=rng.choice([2, 40])) if rng.random() < 0.3 else None
        end = appointment + dt.timedelta(days=2) if status == Status.RETURNED else None
        d = dossier(
            world,
            f"LC{seed}-{i:03d}",
            handling=rng.choice(["p1", "p2"]),
            receiving=rng.choice(["p1_mc", "p2"]),
            status=status,
            outcome=outcome,
            received=appointment - dt.timedelta(days=10),
            appointment=appointment,
            end=end,
            steps=specs,
            causes=random_causes(rng, steps, world) if outcome == Outcome.LATE or rng.random() < 0.1 else [],
            finished_on=timezone.localtime(end).date() if end and outcome == Outcome.LATE else None,
            effective_appointment_at=shifted,
        )
        if rng.random() < 0.25:  # moved to the other unit after it was written: its rows follow
            d.handling_unit = world.units["p2" if d.handling_unit == world.units["p1"] else "p1"]
            d.save(update_fields=["handling_unit"])
        if rng.random() < 0.3:
            Apology.objects.create(
                dossier=d,
                form=ApologyForm.TT03_2025,
                issued_at=now,
                reason="Chậm xử lý",
                new_appointment_at=now + dt.timedelta(days=3),
            )


def filters(world: Any, today: dt.date) -> list[LateFilters]:
    year = today - dt.timedelta(days=365)
    out: list[LateFilters] = []
    for key in ACCOUNTS:
        o = world.officials[key]
        out += [
            LateFilters(official=o.full_name, official_id=o.pk),  # the rankings' link
            LateFilters(official=o.full_name),  # a name typed in the filter
            LateFilters(official=o.code),
            LateFilters(official=o.full_name, official_id=o.pk, missing_apology=True),
            LateFilters(official=o.full_name, official_id=o.pk, finished_from=year, finished_to=today),
            LateFilters(official=o.full_name, official_id=o.pk, cause="step_overrun", unit=world.units["p1"]),
            LateFilters(official=o.full_name, official_id=o.pk, cause="software_closing"),
            LateFilters(official=o.full_name, official_id=o.pk, kind="open"),
            LateFilters(official=o.full_name, official_id=o.pk, end_from=today - dt.timedelta(days=20)),
            LateFilters(official=o.full_name, official_id=o.pk, end_to=today - dt.timedelta(days=2)),
        ]
    out += [LateFilters(official=name) for name in NAMES]
    out += [LateFilters(official="Không Có Ai"), LateFilters(official="x", official_id=987654)]
    for kind in KINDS:
        out += [
            LateFilters(cause=kind),
            LateFilters(cause=kind, missing_apology=True),
            LateFilters(cause=kind, kind="finished", unit=world.units["p2"]),
            LateFilters(cause=kind, finished_from=year, finished_to=today),
            LateFilters(cause=kind, kind="open", unit=world.units["p1"]),
            LateFilters(cause=kind, end_from=today - dt.timedelta(days=40), end_to=today),
        ]
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_official_and_cause_filters_show_what_the_old_reading_showed(world, seed):
    now = timezone.now()
    today = timezone.localdate()
    random_ledger(world, seed, now)
    assert DossierCause.objects.filter(official__isnull=False).exists()
    assert DossierCause.objects.exclude(name_key="").exists()
    shown = from_rows = 0
    for user in (world.users["leader"], world.users["one_stop"]):
        for f in filters(world, today):
            new, new_before = late_rows(user, f, now, today)
            old, old_before = old_late_rows(user, f, now, today)
            codes = list(new.values_list("code", flat=True))
            assert codes == list(old.values_list("code", flat=True)), f
            assert late_counts(new, new_before, not f.reads_causes) == late_counts(old, old_before), f
            assert without_apology(new_before).count() == without_apology(old_before).count(), f
            # Counted from the causes' rows alone, where the filters allow (``cause_rows``).
            marks = cause_rows(user, f, now)
            if marks is not None:
                # The rows before the "no apology" filter, which the counts apply themselves.
                before = set(new_before.values_list("code", flat=True))
                assert set(marks.values_list("dossier__code", flat=True)) == before, f
                assert cause_row_counts(marks, f.missing_apology) == late_counts(old, old_before), f
                # The page read through those rows: the same dossiers in the same order, page by page.
                pages = RowsByCauses(new, marks, f.missing_apology)
                assert [d.code for d in pages[0:3]] + [d.code for d in pages[3:200]] == codes, f
                from_rows += 1
            shown += len(codes)
    assert shown  # the filters found rows, so the equality says something
    assert from_rows > 20


def test_a_cause_changed_by_a_save_changes_what_the_filters_find(world):
    o = world.officials["ward_officer"]
    d = dossier(
        world,
        "LC-SAVE",
        outcome=Outcome.LATE,
        steps=[StepSpec(unit="p1", official="ward_officer")],
        causes=[{"kind": "unattributed"}],
    )
    now, today = timezone.now(), timezone.localdate()
    by_official = LateFilters(official=o.full_name, official_id=o.pk)
    assert not late_rows(world.users["leader"], by_official, now, today)[0].exists()
    d.late_causes = [{"kind": "step_overrun", "unit": "P1", "official": o.full_name, "official_id": o.pk}]
    d.save(update_fields=["late_causes"])
    assert list(late_rows(world.users["leader"], by_official, now, today)[0]) == [d]
    assert list(late_rows(world.users["leader"], LateFilters(cause="step_overrun"), now, today)[0]) == [d]
    assert not late_rows(world.users["leader"], LateFilters(cause="unattributed"), now, today)[0].exists()
    Dossier.objects.filter(pk=d.pk).delete()
    assert not DossierCause.objects.exists()


@pytest.mark.parametrize("cap", [1, 3, 8, 20])
def test_the_counts_from_the_causes_rows_equal_the_old_reading_at_every_cap(world, settings, cap):
    # Small caps, so the counts stop at the cap as they do for a city: all rows within the cap, more
    # rows than the cap with few or many of them lacking a letter.
    settings.CCHC_LIST_COUNT_CAP = cap
    now = timezone.now()
    today = timezone.localdate()
    random_ledger(world, 4, now)
    checked = capped = 0
    for user in (world.users["leader"], world.users["one_stop"]):
        for f in filters(world, today):
            marks = cause_rows(user, f, now)
            if marks is None:
                continue
            old, old_before = old_late_rows(user, f, now, today)
            expected = late_counts(old, old_before)
            assert cause_row_counts(marks, f.missing_apology) == expected, (cap, f)
            checked += 1
            capped += expected[0].capped and not expected[1].capped
    assert checked > 20
    if cap < 8:
        assert capped  # a list over the cap whose banner is within it: both branches compared
