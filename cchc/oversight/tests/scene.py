"""A small oversight scene on the shared personas: the city's approved plan with a visit to Phường 1
on the one-stop checklist, started by Internal Affairs (the secretariat persona leads the team)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cchc.oversight.actions import inspections
from cchc.oversight.models import ChecklistTemplate, Inspection

# The smallest valid PNG (1×1): what a phone photo looks like to the upload guard.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def photo(name: str = "quay-mot-cua.png", data: bytes = PNG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/png")


def one_stop() -> ChecklistTemplate:
    return ChecklistTemplate.objects.get(code="mot-cua", is_current=True)


def planned_visit(
    world: Any, *, unit_key: str = "p1", on: dt.date | None = None, approve: bool = True
) -> Inspection:
    ia = world.users["secretariat"]
    today = timezone.localdate()
    plan = inspections.create_plan(ia, world.jurisdictions["city"], year=today.year)
    insp = inspections.add_inspection(
        ia,
        jurisdiction=world.jurisdictions["city"],
        unit=world.units[unit_key],
        template=one_stop(),
        planned_on=on or today,
        topic="Hoạt động của Bộ phận Một cửa",
        plan=plan,
        team_lead=ia,
    )
    if approve:
        inspections.submit_plan(ia, plan)
        inspections.approve_plan(world.users["leader"], plan)
        insp.refresh_from_db()
    return insp


def started_visit(world: Any, **kw: Any) -> Inspection:
    insp = planned_visit(world, **kw)
    return inspections.start_visit(world.users["secretariat"], insp)


def ad_hoc_visit(world: Any, *, unit_key: str = "p1", on: dt.date | None = None) -> Inspection:
    ia = world.users["secretariat"]
    insp = inspections.add_inspection(
        ia,
        jurisdiction=world.jurisdictions["city"],
        unit=world.units[unit_key],
        template=one_stop(),
        planned_on=on or timezone.localdate(),
        topic="Kiểm tra đột xuất Bộ phận Một cửa",
        reason="Phản ánh của người dân về thái độ tiếp dân",
        team_lead=ia,
    )
    return inspections.start_visit(ia, insp)


def answer_all(world: Any, insp: Inspection, *, not_met: tuple[str, ...] = ()) -> None:
    for item in insp.template.items.all():
        bad = item.code in not_met
        inspections.answer(
            world.users["secretariat"],
            insp,
            code=item.code,
            result="not_met" if bad else "met",
            note="Chưa thực hiện" if bad else "",
        )
