"""The audit row of a whole imported file: each unit, official and head in it was already written (and
audited) by its own action; this row says which file brought them, and what it changed."""

from __future__ import annotations

from typing import Any

from cchc.core.events import record
from cchc.org.audit_events import OrgEvents


def record_import(
    actor: Any, *, kind: str, label: str, filename: str, summary: str, data: dict[str, Any]
) -> None:
    record(
        actor,
        OrgEvents.IMPORT,
        None,
        object_type=f"org.{kind}",
        object_id=filename[:64],
        summary=f"Nhập danh sách {label} từ tệp {filename}: {summary}",
        data=data,
    )
