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


def org_snapshot() -> dict[str, list[Any]]:
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


def xlsx_bytes(rows: list[list[Any]], sheet: str = "Trang 1") -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    ws = book.add_worksheet(sheet)
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if hasattr(value, "isoformat"):
                ws.write_datetime(r, c, value, date_format)
            elif value is not None:
                ws.write(r, c, value)
    book.close()
    return buffer.getvalue()


def run_import(world: Any, data: bytes, name: str = "tep.csv", **kwargs: Any) -> Any:
    """Import as the city's reform secretariat, the way the web page does."""
    from cchc.org.import_rows import import_org

    kwargs.setdefault("actor", world.users["secretariat"])
    kwargs.setdefault("jurisdiction", world.jurisdictions["city"])
    return import_org(data, name, **kwargs)


@pytest.fixture(autouse=True)
def _private_import_dir(settings, tmp_path):
    """Uploaded files waiting for confirmation go to a per-test folder, not the project's var/."""
    settings.CCHC_ORG_IMPORT_DIR = tmp_path / "org-imports"
