"""Small builders of procedures, dossiers, steps and daily facts for the screen tests.

Rows are created directly (not through the import actions), so the screen tests do not depend on the
write path. ``add_facts`` derives daily facts from the dossiers the same way the ledger defines them:
per handling unit × procedure × local day of receipt / end of processing, and their unit roll-up.
``dossier`` keeps the per-official facts itself, as the write path does.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cchc.dossiers import official_facts, result_facts
from cchc.dossiers.facts import roll_up_units
from cchc.dossiers.models import (
    Channel,
    DailyFact,
    Dossier,
    DossierStep,
    Outcome,
    Procedure,
    Status,
    Supplement,
    legal_basis_for,
)
from cchc.testing.personas import World

LOCAL = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

# Demo-like applicants: the personal-data tests search every page for these strings.
APPLICANTS = [
    {
        "applicant_name": "Lý Thị Thu Trang",
        "applicant_id_number": "077190001234",
        "applicant_phone": "0912345789",
        "applicant_email": "thutrang.ly@example.vn",
        "applicant_address": "12 Trần Hưng Đạo, Phường 1, TP Vũng Tàu",
    },
    {
        "applicant_name": "Châu Văn Khải",
        "applicant_id_number": "077088005678",
        "applicant_phone": "0987654321",
        "applicant_email": "khai.chau@example.vn",
        "applicant_address": "45 Lê Lợi, Phường 2, TP Vũng Tàu",
    },
]


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LOCAL)


def procedure(code: str = "1.001234", name: str = "Đăng ký khai sinh", **kw: Any) -> Procedure:
    obj, _ = Procedure.objects.get_or_create(
        national_code=code,
        defaults={"name": name, "field_name": kw.pop("field_name", "Hộ tịch"), "limit_value": 3, **kw},
    )
    return obj


@dataclass
class StepSpec:
    unit: str | None
    official: str | None = None
    started: dt.datetime | None = None
    finished: dt.datetime | None = None
    deadline: dt.datetime | None = None
    unit_name: str = ""
    official_name: str = ""
    external: bool = False


def dossier(
    world: World,
    code: str,
    *,
    handling: str = "p1",
    receiving: str = "p1_mc",
    proc: Procedure | None = None,
    status: int = Status.RETURNED,
    received: dt.datetime | None = None,
    appointment: dt.datetime | None = None,
    end: dt.datetime | None = None,
    outcome: str = Outcome.ON_TIME,
    causes: list[dict[str, Any]] | None = None,
    applicant: int = 0,
    steps: Iterable[StepSpec] = (),
    channel: int = Channel.IN_PERSON,
    supplements: Iterable[tuple[dt.datetime, dt.datetime | None]] = (),
    **extra: Any,
) -> Dossier:
    received = received or at(2022, 6, 1)
    d = Dossier.objects.create(
        code=code,
        procedure=proc or procedure(),
        receiving_unit=world.units[receiving],
        handling_unit=world.units[handling],
        summary=extra.pop("summary", "Đăng ký khai sinh cho con"),
        channel=channel,
        status=status,
        submitted_at=received,
        received_at=received,
        appointment_at=appointment if appointment is not None else received + dt.timedelta(days=5),
        end_at=end,
        legal_basis=extra.pop("legal_basis", legal_basis_for(received.date())),
        outcome=outcome,
        late_causes=causes or [],
        **APPLICANTS[applicant],
        **extra,
    )
    for seq, spec in enumerate(steps, start=1):
        unit = world.units[spec.unit] if spec.unit else None
        official = world.officials[spec.official] if spec.official else None
        DossierStep.objects.create(
            dossier=d,
            seq=seq,
            unit=unit,
            unit_name=spec.unit_name or (unit.name if unit else ""),
            official=official,
            official_name=spec.official_name or (official.full_name if official else ""),
            started_at=spec.started,
            finished_at=spec.finished,
            deadline_at=spec.deadline,
            external=spec.external,
        )
    for seq, (requested, completed) in enumerate(supplements, start=1):
        Supplement.objects.create(dossier=d, seq=seq, requested_at=requested, completed_at=completed)
    if any(isinstance(c, dict) and "official_id" not in c for c in d.late_causes):
        d.late_causes = with_ids(d.late_causes, list(d.steps.select_related("unit", "official")))
        d.save(update_fields=["late_causes"])
    # The officials' ranking reads only the per-official facts: kept here as the write path keeps them.
    official_facts.refresh(official_facts.groups_of([d.code]))
    # So does the results report's summary (a test that changes the row afterwards rebuilds it).
    result_facts.add_new([d.code])
    return d


def with_ids(causes: list[Any], steps: list[DossierStep]) -> list[Any]:
    """Causes written by name in a test, given the ids the outcome engine stores (``judging.late_causes``):
    the first step whose name, account name or account code is the cause's official (spaces and case
    folded), preferring the unit the cause names — as migration 0012 did for causes stored before."""

    def fold(value: Any) -> str:
        return " ".join(str(value or "").split()).casefold()

    out: list[Any] = []
    for c in causes:
        if not isinstance(c, dict) or "official_id" in c:
            out.append(c)
            continue
        name, label = fold(c.get("official")), c.get("unit")

        def in_unit(s: DossierStep, label: Any = label) -> bool:
            return bool(label) and label in ((s.unit.code if s.unit else None), s.unit_name)

        if name:
            found = [
                s
                for s in steps
                if not s.external
                and name
                in {
                    fold(s.official_name),
                    fold(s.official.full_name if s.official else ""),
                    fold(s.official.code if s.official else ""),
                }
            ]
        else:
            found = [s for s in steps if in_unit(s)]
        picked = ([s for s in found if in_unit(s)] or found)[:1]
        s = picked[0] if picked else None
        out.append(
            {
                **c,
                "step": s.seq if s else None,
                "unit_id": s.unit_id if s else None,
                "official_id": s.official_id if s and name else None,
            }
        )
    return out


def late_dossier(world: World, code: str, **kw: Any) -> Dossier:
    """Finished two days after its appointment because the ward officer's step overran."""
    received = kw.pop("received", at(2022, 6, 1))
    appointment = kw.pop("appointment", received + dt.timedelta(days=5))
    end = kw.pop("end", appointment + dt.timedelta(days=2))
    steps = kw.pop(
        "steps",
        [
            StepSpec(
                "p1_mc",
                "one_stop",
                received,
                received + dt.timedelta(hours=1),
                received + dt.timedelta(hours=4),
            ),
            StepSpec(
                "p1",
                "ward_officer",
                received + dt.timedelta(hours=1),
                end,
                appointment - dt.timedelta(days=1),
            ),
        ],
    )
    causes = kw.pop(
        "causes",
        [{"kind": "step_overrun", "unit": "P1", "official": world.officials["ward_officer"].full_name}],
    )
    return dossier(
        world,
        code,
        received=received,
        appointment=appointment,
        end=end,
        outcome=Outcome.LATE,
        causes=causes,
        steps=steps,
        **kw,
    )


def add_facts(dossiers: Iterable[Dossier]) -> None:
    """Daily facts for these dossiers (received on the day of receipt, finished on the day of end)."""
    for d in dossiers:
        if d.received_at is not None:
            fact = _fact(d, d.received_at)
            fact.received += 1
            if d.channel == Channel.ONLINE:
                fact.received_online += 1
            fact.save()
        if d.end_at is not None and d.outcome in (Outcome.EARLY, Outcome.ON_TIME, Outcome.LATE):
            fact = _fact(d, d.end_at)
            if d.outcome == Outcome.EARLY:
                fact.finished_early += 1
            elif d.outcome == Outcome.ON_TIME:
                fact.finished_on_time += 1
            else:
                fact.finished_late += 1
            fact.save()
    # The unit roll-up the league tables and home pages read: DailyFact summed over procedures.
    roll_up_units()


def _fact(d: Dossier, instant: dt.datetime) -> DailyFact:
    day = instant.astimezone(LOCAL).date()
    fact, _ = DailyFact.objects.get_or_create(
        day=day, unit_id=d.handling_unit_id, procedure_id=d.procedure_id
    )
    return fact


@dataclass
class Ledger:
    late: Dossier  # P1, finished late (ward officer's step overran), no apology
    p2: Dossier  # P2, finished on time
    overdue: Dossier  # P1, still open, past its appointment, no apology
    due_soon: Dossier  # P1, open, appointment in ten days
    city: Dossier  # handled by Phòng Nội vụ, received at the P1 one-stop office

    @property
    def all(self) -> list[Dossier]:
        return [self.late, self.p2, self.overdue, self.due_soon, self.city]


def build_ledger(world: World) -> Ledger:
    """A handful of dossiers across both wards and the city, with demo-like applicants."""
    from django.utils import timezone

    now = timezone.now()
    late = late_dossier(world, "000.00.26.H01-220601-0001")
    p2 = dossier(
        world,
        "000.00.26.H02-220602-0001",
        handling="p2",
        receiving="p2",
        applicant=1,
        received=at(2022, 6, 2),
        end=at(2022, 6, 3),
        outcome=Outcome.ON_TIME,
        steps=[StepSpec("p2", "other_ward_officer", at(2022, 6, 2), at(2022, 6, 3), at(2022, 6, 5))],
    )
    overdue = dossier(
        world,
        "000.00.26.H01-OPEN-0002",
        status=Status.PROCESSING,
        received=now - dt.timedelta(days=6),
        appointment=now - dt.timedelta(days=1),
        outcome="",
        summary="Chứng thực bản sao",
        steps=[StepSpec("p1", "ward_officer", now - dt.timedelta(days=6), None, now - dt.timedelta(days=2))],
    )
    due_soon = dossier(
        world,
        "000.00.26.H01-OPEN-0003",
        status=Status.PROCESSING,
        received=now - dt.timedelta(days=1),
        appointment=now + dt.timedelta(days=10),
        outcome="",
    )
    city = dossier(
        world,
        "000.00.26.H00-220603-0001",
        handling="nv",
        receiving="p1_mc",
        end=at(2022, 6, 4),
        outcome=Outcome.EARLY,
        steps=[StepSpec("nv", "secretariat", at(2022, 6, 1), at(2022, 6, 4), at(2022, 6, 7))],
    )
    return Ledger(late, p2, overdue, due_soon, city)
