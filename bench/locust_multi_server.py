"""Citizens on the public pages, for ``bench/bench_multi_server.py`` (run with ``locust --headless``).

One user class per app server (MULTI_HOSTS, comma-separated, 127.0.0.1 only), equal weights, so the users
are spread evenly over the servers. Each request carries its own made-up client address in
X-Forwarded-For (the servers run with BEHIND_TLS_PROXY=1, as behind the TLS proxy of a real installation),
so the look-up's per-address limit stays on without a single simulated citizen reaching it. The look-ups
use real dossier codes with their applicants' phones (MULTI_PAIRS: a JSON list of [code, phone]), so every
POST reads a dossier with its steps among the 5,000,000. Each user asks for MULTI_RATE requests a second
(``constant_throughput``): the offered load is users × rate, whatever the servers answer.
"""

from __future__ import annotations

import json
import os
import random
import re
from typing import Any

from locust import FastHttpUser, between, constant_throughput, task

HOSTS = [h for h in os.environ.get("MULTI_HOSTS", "http://127.0.0.1:8101").split(",") if h]
PAIRS: list[list[str]] = json.loads(open(os.environ["MULTI_PAIRS"], encoding="utf-8").read())  # noqa: SIM115
RATE = float(os.environ.get("MULTI_RATE", "0"))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HANDBOOK_CODES: list[str] = json.loads(os.environ.get("MULTI_HANDBOOK", "[]"))


def address() -> str:
    return f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"


class Citizen(FastHttpUser):
    abstract = True
    wait_time = constant_throughput(RATE) if RATE > 0 else between(0, 0)
    token = ""

    def get(self, url: str, name: str) -> Any:
        with self.client.get(
            url, name=name, headers={"X-Forwarded-For": address()}, catch_response=True
        ) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
            return r

    def on_start(self) -> None:
        page = self.get("/cong-khai/tra-cuu-ho-so/", "lookup form (GET)")
        found = TOKEN.search(page.text or "")
        self.token = found.group(1) if found else ""

    @task(4)
    def look_up(self) -> None:
        code, phone = random.choice(PAIRS)
        with self.client.post(
            "/cong-khai/tra-cuu-ho-so/",
            data={"csrfmiddlewaretoken": self.token, "code": code, "phone": phone},
            headers={"X-Forwarded-For": address()},
            name="lookup (POST)",
            catch_response=True,
        ) as r:
            # The page names the code it found; a 403 (CSRF), 429 (limit) or a "not found" is a failure.
            if r.status_code != 200 or code not in (r.text or ""):
                r.failure(f"status {r.status_code}, dossier shown: {code in (r.text or '')}")

    @task(1)
    def lookup_form(self) -> None:
        self.get("/cong-khai/tra-cuu-ho-so/", "lookup form (GET)")

    @task(2)
    def landing(self) -> None:
        self.get("/cong-khai/", "portal landing")

    @task(1)
    def handbook(self) -> None:
        self.get("/cong-khai/so-tay-thu-tuc/", "procedure handbook")

    @task(1)
    def handbook_entry(self) -> None:
        if HANDBOOK_CODES:
            self.get(f"/cong-khai/so-tay-thu-tuc/{random.choice(HANDBOOK_CODES)}/", "handbook entry")

    @task(1)
    def late_lists(self) -> None:
        self.get("/cong-khai/danh-sach-tre-han/", "published late lists")

    @task(1)
    def rankings(self) -> None:
        self.get("/cong-khai/xep-hang-chi-so-cchc/", "reform rankings")


# One concrete class per server: locust spreads the users evenly over classes of equal weight.
for _i, _host in enumerate(HOSTS):
    globals()[f"CitizenOnServer{_i + 1}"] = type(f"CitizenOnServer{_i + 1}", (Citizen,), {"host": _host})
