"""Every URL pattern of the project — public pages, staff pages for every role, the push API, Open311 and
the admin — is called with hostile values in its path, its query string and its form fields. No answer
may be a server error (5xx); a refusal is a 4xx or a page that names the problem.

Kept fast without a browser: one request per URL, role and method, the hostile value rotating with the
URL and the role so that every value reaches every kind of page; every parameter name the code reads
(``request.GET``/``POST`` keys and form field names, collected from the sources) is sent at once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from cchc.accounts.models import User
from cchc.dossiers.actions.api_clients import issue_client
from cchc.dossiers.api_schemas import EXAMPLE_DOSSIER, EXAMPLE_PROGRESS
from cchc.testing.personas import login_verified

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    "0001-01-01",
    "00010101000000",
    "99999999999999999999",
    "9999-12-31T23:59:59",
    "-1",
    "NaN",
    "1e999",
    "</script><script>alert(1)</script>",
    "\u202e\u0301𝕏\ufeff\u200b",
    "%",
    "x" * 400,
    "",
]
NUL = "a\x00b"
# Regex groups of the URL patterns: a value that matches the group, so the view is reached.
GROUPS = {
    "code": "PA22-ZZZZZZ",
    "pk": "99999999999999999999",
    "fmt": "json",
    "action": "khong-co",
    "request_id": "PA22-ZZZZZZ",
    "token": "khong-co",
    "path": "khong-co",
}


def parameter_names() -> list[str]:
    """Every name the code reads from GET or POST, and every form field name."""
    names: set[str] = set()
    reads = re.compile(r"request\.(?:GET|POST)(?:\.get(?:list)?\(|\[)\s*[\"'](\w+)[\"']")
    fields = re.compile(r"^\s+(\w+)\s*=\s*forms\.\w+", re.MULTILINE)
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        names.update(reads.findall(text))
        names.update(fields.findall(text))
    names.discard("csrfmiddlewaretoken")
    return sorted(names)


def url_patterns() -> list[tuple[str, str]]:
    """(route with converters, name) for every pattern, prefixes joined."""
    found: list[tuple[str, str]] = []

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + _route(p))
            elif isinstance(p, URLPattern):
                found.append((prefix + _route(p), str(p.name)))

    walk(get_resolver(settings.ROOT_URLCONF).url_patterns, "/")
    return found


def _route(p) -> str:
    return str(p.pattern).lstrip("^").rstrip("$")


def concrete(route: str, value: str, small_ids: bool) -> str:
    """The route with every converter or group filled with a hostile (but matching) value."""
    number = "1" if small_ids else "99999999999999999999"
    route = re.sub(r"<int:\w+>", number, route)
    route = re.sub(r"<slug:\w+>", "khong-co", route)
    route = re.sub(r"<path:\w+>", number, route)
    route = re.sub(r"<(?:str:)?\w+>", _path_text(value), route)
    route = re.sub(r"\(\?P<(\w+)>[^)]*(?:\([^)]*\)[^)]*)*\)", lambda m: GROUPS.get(m.group(1), "x"), route)
    return route.replace("\\.", ".").replace("\\d", "1")


def _path_text(value: str) -> str:
    from urllib.parse import quote

    return quote(value.replace("/", "") or "x", safe="")


def no_server_error(client: Client, method: str, url: str, data: dict[str, str]) -> str | None:
    response = getattr(client, method)(url, data)
    if response.status_code >= 500:
        return f"{method.upper()} {url[:120]} → {response.status_code}"
    return None


@pytest.fixture
def superuser(world):
    user = User.objects.create_superuser("quantri", "qt@example.vn", "Mat-khau-quan-tri-2022")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from cchc.testing.personas import TOTP_KEY

    TOTPDevice.objects.create(user=user, name="dt", key=TOTP_KEY, confirmed=True)
    return user


def test_hostile_values_on_every_url_give_no_server_error(world, superuser, settings):
    settings.CCHC_FEEDBACK_MIN_FILL_SECONDS = 0
    names = parameter_names()
    roles = list(world.users.values())
    failures: list[str] = []
    clients: dict[object, Client] = {}

    def client_of(person) -> Client:
        # One signed-in client per person, signed in again after a route that signs out.
        client = clients.get(person)
        if client is None or (person is not None and "_auth_user_id" not in client.session):
            client = clients[person] = Client(raise_request_exception=False)
            if person is not None:
                login_verified(client, person)
        return client

    for r_index, (route, _name) in enumerate(url_patterns()):
        if route.startswith("/quan-tri/"):
            # The admin: its superuser, reading (its forms are Django's own, tried by Django).
            people = [superuser]
        else:
            # Anonymous, then two roles taking turns along the URLs, so every role meets every kind
            # of page without multiplying the requests by nine.
            people = [None, roles[r_index % len(roles)], roles[(r_index * 5 + 3) % len(roles)]]
        for p_index, person in enumerate(people):
            client = client_of(person)
            value = HOSTILE[(r_index + p_index) % len(HOSTILE)]
            url = concrete(route, value, small_ids=bool((r_index + p_index) % 2))
            data = dict.fromkeys(names, value)
            failures.append(no_server_error(client, "get", url, data))
            if person is not superuser and p_index < 2:
                failures.append(no_server_error(client, "post", url, data))
        # NUL anywhere: refused before any view, so once per URL is cheap.
        anon = Client(raise_request_exception=False)
        failures.append(no_server_error(anon, "get", concrete(route, NUL, False), {"q": NUL}))
    failures = [f for f in failures if f]
    assert not failures, "\n".join(failures[:40])


def hostile_record(record: dict, value: str) -> dict:
    def swap(node):
        if isinstance(node, dict):
            return {k: swap(v) for k, v in node.items()}
        if isinstance(node, list):
            return [swap(v) for v in node]
        return value if isinstance(node, str) else node

    return swap(record)


def test_the_push_api_answers_hostile_records_without_a_server_error(world):
    token = issue_client("Một cửa", "747").token
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {token}")
    failures = []
    for value in [*HOSTILE, NUL]:
        for url, record in [
            ("/api/ho-so/dong-bo", EXAMPLE_DOSSIER),
            ("/api/ho-so/tien-do", EXAMPLE_PROGRESS),
        ]:
            for updating in (False, True):
                body = {"isUpdating": updating, "data": [hostile_record(record, value)]}
                response = client.post(url, json.dumps(body), content_type="application/json")
                if response.status_code >= 500:
                    failures.append(f"{url} {value[:20]!r} → {response.status_code}")
        for url in ("/api/ho-so/trang-thai", "/api/ho-so"):
            response = client.get(url, {"MaHoSo": value, "tu": value, "den": value, "trang": value})
            if response.status_code >= 500:
                failures.append(f"{url} {value[:20]!r} → {response.status_code}")
    assert not failures, "\n".join(failures)
