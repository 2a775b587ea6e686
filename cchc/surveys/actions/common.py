"""The permission checks every survey action starts with."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from cchc.surveys.queries import is_secretariat


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def require_secretariat(actor: Any) -> None:
    require(
        is_secretariat(actor), "Chỉ bộ phận thường trực cải cách hành chính (Phòng Nội vụ) được làm việc này."
    )
