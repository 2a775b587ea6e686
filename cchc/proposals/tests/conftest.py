"""Fixtures of the proposal tests: the founding letter registered in the personas' city (the follow-up
tasks hang on it), a procedure of the catalogue, and a delegation proposal drafted by Phường 1."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cchc.notify.channels import RecordingChannel


@pytest.fixture(autouse=True)
def _outbox():
    RecordingChannel.reset()
    yield
    RecordingChannel.reset()


@pytest.fixture
def directive(world):
    from cchc.directives.actions_register import register_directive

    return register_directive(
        world.users["office"],
        world.jurisdictions["city"],
        {
            "direction": "issued",
            "issuer": "Ủy ban nhân dân thành phố Vũng Tàu",
            "number": "7190",
            "symbol": "UBND-NV",
            "date": dt.date.today() - dt.timedelta(days=120),
            "place": "Vũng Tàu",
            "doc_type": "cong_van",
            "subject": "triển khai thực hiện giải pháp cải thiện kết quả chỉ số PAR INDEX, chỉ số SIPAS",
            "signer_authority": "KT.",
            "signer_position": "Chủ tịch – Phó Chủ tịch",
            "signer_name": "Vũ Hồng Thuận",
        },
    )


@pytest.fixture
def procedure(world):
    from cchc.dossiers.models import Procedure

    return Procedure.objects.create(
        national_code="1.001612",
        name="Đăng ký khai sinh",
        field_name="Hộ tịch",
        level="commune",
        limit_value=1,
    )


def data(world: Any, **kw: Any) -> dict[str, Any]:
    base = {
        "kind": "delegate",
        "title": "Ủy quyền chứng thực hợp đồng, giao dịch liên quan đến nhà ở cho UBND Phường 1",
        "content": "UBND thành phố ủy quyền cho UBND Phường 1 chứng thực hợp đồng, giao dịch về nhà ở.",
        "procedure": None,
        "power": "Chứng thực hợp đồng, giao dịch liên quan đến nhà ở",
        "proposing_unit": world.units["p1"],
        "from_unit": world.units["ubnd"],
        "to_unit": world.units["p1"],
        "days_saved": 2,
        "cost_saved": None,
        "legal_basis": "Luật Tổ chức chính quyền địa phương 2025, Điều 14",
    }
    base.update(kw)
    return base


def drafted(world: Any, who: str = "unit_head", **kw: Any) -> Any:
    from cchc.proposals.actions import create_proposal

    return create_proposal(world.users[who], world.jurisdictions["city"], data(world, **kw))


@pytest.fixture
def proposal(world):
    return drafted(world)
