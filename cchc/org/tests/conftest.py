"""Helpers shared by the organisation tests (personas come from the root ``world`` fixture)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from cchc.org.models import Official, Unit, UnitHead


def xlsx_rows(content: bytes) -> list[list[Any]]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    return book.get_sheet_by_name(book.sheet_names[0]).to_python()


def response_text(response: Any) -> str:
    """Everything a response shows, whatever its format (HTML, JSON, XLSX, CSV)."""
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        import python_calamine

        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        return "\n".join(
            " | ".join(str(c) for c in row)
            for name in book.sheet_names
            for row in book.get_sheet_by_name(name).to_python()
        )
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def org_snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every organisation row, to prove a request changed nothing."""
    return {
        "units": list(Unit.objects.order_by("pk").values()),
        "officials": list(Official.objects.order_by("pk").values()),
        "heads": list(UnitHead.objects.order_by("pk").values()),
    }


@pytest.fixture
def csv_bytes():
    def build(text: str, *, bom: bool = False) -> bytes:
        return (("\ufeff" if bom else "") + text).encode("utf-8")

    return build
