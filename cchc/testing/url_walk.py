"""The permission walk shared by the apps' "every persona on every URL" tests: each URL of an app's
namespace, GET then a hostile POST, for every persona; the GET gives the expected code, a refused POST
changes no row and a permitted one changes something. Each app keeps its own table of who may do what,
its scene and its snapshot of the rows that matter."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from cchc.testing.personas import login_verified

Expected = Mapping[str, tuple[Mapping[str, int], set[str]]]


def namespace_patterns(namespace: str) -> list[tuple[str, list[str]]]:
    """(name, converter names) of every URL pattern mounted under ``namespace``."""
    found = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == namespace:
            for pattern in entry.url_patterns:
                assert isinstance(pattern, URLPattern) and pattern.name
                found.append((pattern.name, sorted(pattern.pattern.converters)))
    assert found, f"the {namespace} URLconf is not mounted"
    return found


def walk_every_url(
    client: Any,
    users: Mapping[str, Any],
    *,
    personas: Iterable[str],
    patterns: list[tuple[str, list[str]]],
    expected: Expected,
    url_for: Callable[[str, list[str]], str],
    post_data: Callable[[], dict],
    snapshot: Callable[[], Any],
) -> None:
    seen = []
    for name, converters in patterns:
        assert name in expected, f"new URL '{name}': add it to EXPECTED with who may reach it"
        get_codes, may_change = expected[name]
        url = url_for(name, converters)
        for persona in personas:
            login_verified(client, users[persona])
            response = client.get(url)
            assert response.status_code == get_codes[persona], (name, persona, "GET", response.status_code)
            before = snapshot()
            with transaction.atomic():
                response = client.post(url, post_data())
                after = snapshot()
                transaction.set_rollback(True)
            assert response.status_code < 500, (name, persona, "POST")
            if persona in may_change:
                assert response.status_code not in (403, 404), (name, persona, "POST")
                assert after != before, f"POST {name} by {persona} changed nothing"
            else:
                assert after == before, f"POST {name} by {persona} changed data"
                if get_codes[persona] in (403, 404):
                    assert response.status_code == get_codes[persona], (name, persona, "POST")
            client.logout()
        seen.append(name)
    assert set(seen) == set(expected), f"gone: {set(expected) - set(seen)}"
