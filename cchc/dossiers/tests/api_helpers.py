"""Shared set-up for the push-API tests: clients with tokens for the city and for each ward, and a
Django test client that sends JSON with a bearer token."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from cchc.dossiers.actions.api_clients import issue_client
from cchc.testing.personas import World

API = "/api"


def token_for(world: World, area: str = "city", name: str | None = None) -> str:
    jurisdiction = world.jurisdictions[area]
    return issue_client(name or f"Một cửa {jurisdiction.name}", jurisdiction.code).token


class Api:
    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.token = token

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def post(self, path: str, body: Any) -> Any:
        data = body if isinstance(body, (bytes, str)) else json.dumps(body, ensure_ascii=False)
        return self.client.post(
            f"{API}{path}", data=data, content_type="application/json", headers=self.headers()
        )

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"{API}{path}", params, headers=self.headers())

    def sync(self, *dossiers: dict[str, Any], updating: bool = False) -> Any:
        return self.post("/ho-so/dong-bo", {"isUpdating": updating, "data": list(dossiers)})

    def progress(self, *records: dict[str, Any]) -> Any:
        return self.post("/ho-so/tien-do", {"data": list(records)})

    def status(self, code: str, status: int, **extra: Any) -> Any:
        return self.post("/ho-so/trang-thai", {"MaHoSo": code, "TrangThaiHoSo": status, **extra})

    def lookup(self, code: str) -> Any:
        return self.get("/ho-so", MaHoSo=code)
