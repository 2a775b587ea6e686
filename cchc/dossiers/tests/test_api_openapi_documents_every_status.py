"""The OpenAPI document at /api/openapi.json: Vietnamese title, bearer security, and every status an
operation can return documented with the Error schema."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("cchc.dossiers.tests.api_urls")]


def test_every_operation_documents_its_error_statuses():
    r = Client().get("/api/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert doc["info"]["title"].startswith("API nhận hồ sơ")
    assert doc["components"]["securitySchemes"]["ApiToken"]["scheme"] == "bearer"
    ops = {op["operationId"]: op for item in doc["paths"].values() for op in item.values()}
    assert set(ops) == {"DongBoHoSoMC", "CapNhatTienDoHoSoMC", "CapNhatTrangThaiHoSo", "TraCuuHoSo"}
    for name in ("DongBoHoSoMC", "CapNhatTienDoHoSoMC", "CapNhatTrangThaiHoSo"):
        assert set(ops[name]["responses"]) == {"200", "400", "401", "403", "404", "409", "422"}
    # 400: a NUL or a malformed query is refused before the look-up (docs/security.md).
    assert set(ops["TraCuuHoSo"]["responses"]) == {"200", "400", "401", "404", "422"}
    for op in ops.values():
        assert op["security"] == [{"ApiToken": []}]
        for status, response in op["responses"].items():
            if status != "200":
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/Error")


def test_the_docs_page_is_served():
    assert Client().get("/api/docs").status_code == 200
