"""What the check replays is what the live server really sent: whole pages with their headers, and
htmx fragments kept apart (they are answered to the page that asks for them, never checked alone)."""

import urllib.request

import pytest

from cchc.testing.accessibility import recording


def _get(url: str, **headers: str) -> None:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as answer:
        answer.read()


@pytest.mark.django_db(transaction=True)
def test_a_page_and_a_fragment_are_recorded_as_served(live_server):
    with recording() as served:
        _get(f"{live_server.url}/cong-khai/")
        _get(f"{live_server.url}/cong-khai/", **{"HX-Request": "true"})
    page, fragment = served
    assert (page.method, page.path, page.role, page.status, page.fragment) == (
        "GET",
        "/cong-khai/",
        "anonymous",
        200,
        False,
    )
    assert page.view.startswith("portal:")
    assert any(k.lower() == "content-security-policy" for k, _ in page.headers)
    assert b"<html" in page.body
    assert fragment.fragment


@pytest.mark.django_db(transaction=True)
def test_nothing_is_recorded_outside_the_block(live_server):
    with recording() as served:
        pass
    _get(f"{live_server.url}/cong-khai/")
    assert served == []
