"""The push API's error bodies: one Vietnamese reason per record and field, for the app's own checks and for
pydantic's (``cchc.dossiers.api`` registers the handlers)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ninja import Status

from cchc.dossiers.api_schemas import INSTANT_HELP
from cchc.dossiers.records import RowError


def error_item(e: RowError) -> dict[str, Any]:
    # Records are numbered from 1; 0 means the error is about the request, not one record.
    return {"record": e.row or None, "field": e.field, "value": e.value, "reason": e.reason}


def fail(status: int, detail: str, errors: Iterable[RowError] = ()) -> Status[Any]:
    return Status(status, {"detail": detail, "errors": [error_item(e) for e in errors]})


def error_count(errors: Sequence[RowError]) -> str:
    return f"{len(errors)} lỗi" if len(errors) != 1 else "1 lỗi"


PYDANTIC_REASONS = {
    "missing": "Thiếu trường bắt buộc.",
    "string_type": "Phải là chuỗi ký tự.",
    "int_type": "Phải là một số nguyên.",
    "int_parsing": "Phải là một số nguyên.",
    "int_from_float": "Phải là một số nguyên.",
    "bool_type": "Phải là true hoặc false.",
    "bool_parsing": "Phải là true hoặc false.",
    "list_type": "Phải là một danh sách JSON.",
    "model_type": "Phải là một đối tượng JSON.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "dict_type": "Phải là một đối tượng JSON.",
    "json_invalid": "JSON không hợp lệ.",
    "string_unicode": "Chuỗi ký tự không hợp lệ.",
}


def reason_of(err: dict[str, Any]) -> str:
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind == "string_too_long":
        return f"Dài quá {ctx.get('max_length')} ký tự."
    if kind == "string_too_short":
        return "Không được để trống."
    if kind == "too_short":
        return f"Danh sách phải có ít nhất {ctx.get('min_length')} phần tử."
    if kind == "too_long":
        return f"Danh sách có tối đa {ctx.get('max_length')} phần tử."
    if kind == "string_pattern_mismatch":
        return f"Thời điểm không đúng dạng. {INSTANT_HELP}"
    if kind == "greater_than_equal":
        return f"Phải lớn hơn hoặc bằng {ctx.get('ge')}."
    if kind == "less_than_equal":
        return f"Phải nhỏ hơn hoặc bằng {ctx.get('le')}."
    return PYDANTIC_REASONS.get(kind, "Giá trị không hợp lệ.")


def where_of(loc: Sequence[Any]) -> tuple[int | None, str]:
    """("body", "payload", "data", 0, "QuaTrinhXuLy", 1, "NgayBatDau") → (1, "QuaTrinhXuLy[2].NgayBatDau")."""
    parts = list(loc)
    source = parts.pop(0) if parts else ""
    if source == "body" and parts:
        parts.pop(0)  # the view's parameter name
    record = None
    if len(parts) >= 2 and parts[0] == "data" and isinstance(parts[1], int):
        record = parts[1] + 1
        parts = parts[2:]
    name = ""
    for p in parts:
        if isinstance(p, int):
            name += f"[{p + 1}]"
        else:
            name += ("." if name else "") + str(p)
    return record, name or ("data" if record is None and source == "body" else str(source))


def shown_value(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "…"
