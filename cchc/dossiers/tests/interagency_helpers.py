"""An inter-agency land dossier of Phường 1 for the step-deadline tests: received at the one-stop desk,
considered by the ward, sent to the tax office (an outside agency), signed by the ward.

Calendar used: Thursday 1 and Friday 2 September 2022 are the National Day holiday."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cchc.dossiers.models import Dossier, Procedure, Status
from cchc.dossiers.tests.factories import StepSpec, at, dossier, procedure
from cchc.testing.personas import World

TAX = "Chi cục Thuế khu vực Vũng Tàu"


def land_procedure() -> Procedure:
    return procedure(
        "1.004227",
        "Đăng ký biến động quyền sử dụng đất",
        field_name="Đất đai",
        limit_value=10,
        inter_agency=True,
        step_shares=[
            {"unit": "P1-MC", "share": 1, "external": False},
            {"unit": "P1", "share": 5, "external": False},
            {"unit": TAX, "share": 3, "external": True},
            {"unit": "P1", "share": 1, "external": False},
            # The same procedure handled in Phường 2 (no one-stop desk of its own in the personas).
            {"unit": "P2", "share": 1, "external": False},
            {"unit": "P2", "share": 5, "external": False},
        ],
    )


def land_dossier(
    world: World,
    code: str,
    *,
    ward: str = "p1",
    at_step: int = 2,
    started: dt.datetime | None = None,
    **kw: Any,
) -> Dossier:
    """Open at step ``at_step`` (1-based), which began on ``started`` (default Mon 29/8/2022 09:00), in
    Phường 1 (``ward="p2"``: Phường 2)."""
    started = started or at(2022, 8, 29)
    received = kw.pop("received", started - dt.timedelta(days=1))
    desk, desk_official, officer = (
        ("p1_mc", "one_stop", "ward_officer") if ward == "p1" else (ward, None, "other_ward_officer")
    )
    specs = [
        StepSpec(desk, desk_official, received, started),
        StepSpec(ward, officer, started, None),
        StepSpec(None, None, started, None, unit_name=TAX, official_name="Chuyên viên thuế", external=True),
    ]
    steps = []
    for i, s in enumerate(specs[:at_step], start=1):
        if i < at_step:
            steps.append(
                StepSpec(
                    s.unit,
                    s.official,
                    s.started if i == 1 else started - dt.timedelta(days=1),
                    started,
                    None,
                    s.unit_name,
                    s.official_name,
                    s.external,
                )
            )
        else:
            steps.append(
                StepSpec(
                    s.unit,
                    s.official,
                    started,
                    None,
                    kw.pop("deadline", None),
                    s.unit_name,
                    s.official_name,
                    s.external,
                )
            )
    return dossier(
        world,
        code,
        proc=land_procedure(),
        handling=ward,
        receiving=desk,
        status=kw.pop("status", Status.PROCESSING),
        received=received,
        appointment=received + dt.timedelta(days=20),
        outcome="",
        steps=steps,
        **kw,
    )
