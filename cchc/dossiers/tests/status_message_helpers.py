"""A dossier of Phường 1 in a chosen status, written through the one write path."""

from __future__ import annotations

from typing import Any

from cchc.dossiers.actions import upsert_dossiers
from cchc.dossiers.models import Dossier
from cchc.dossiers.records import parse_record
from cchc.dossiers.tests.import_helpers import national


def write(world: Any, code: str, **kw: Any) -> Dossier:
    r, errs = parse_record(1, national(code, **kw))
    assert r is not None and not errs, errs
    result = upsert_dossiers([r], actor=world.users["office"], source="test")
    assert result.ok, result.errors
    return Dossier.objects.get(code=code)


def received(world: Any, code: str) -> Dossier:
    """Received, not finished: status 2 with its appointment."""
    return write(world, code, TrangThaiHoSo=2, NgayKetThucXuLy="", NgayTra="", QuaTrinhXuLy=[])
