"""The language check: every page a user can reach — each demo role's pages followed link by link from
its home, and the public site — is free of developer language (§ references, the spec's file names,
shell commands, audit event codes, questionnaire codes) and of English widget text.

The crawl follows same-site links (GET only) breadth-first from each home page; pages whose address
differs only in numbers (one dossier, one task) are visited twice per shape, so that the crawl covers
every kind of page without visiting every record. Downloads (XLSX, PDF, DOCX, CSV) are skipped:
they are checked by their own tests."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from urllib.parse import urlsplit

import lxml.html
import pytest
from django.test import Client

from cchc.accounts.demo import DEMO_LOGINS
from cchc.accounts.models import User
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.django_db

APPS = (
    "accounts|core|org|calendar|deadlines|notify|dossiers|directives|feedback|surveys|portal|home|demo"
    "|reports|scorecards|earlywarning|oversight"
)
FORBIDDEN = [
    ("a § reference", re.compile("§")),
    ("a spec file name", re.compile(r"\b(rules-vn|indices-vn|rules-vn-texts|product\.md|stack\.md)\b")),
    ("a shell command", re.compile(r"(?<![\w-])cchc [a-z][a-z_-]+")),
    ("a questionnaire code", re.compile(r"\bsipas-20\d\d\b")),
    ("an audit event code", re.compile(rf"\b({APPS})\.[a-z]+_[a-z_]+\b|\b({APPS})\.(login|logout|loaded)\b")),
    (
        "English widget text",
        re.compile(r"Select an option|Cannot detect|Currently:|Page not found|Server Error"),
    ),
]
SKIP = re.compile(
    r"/(dang-xuat|logout)/|\.(xlsx|pdf|docx|csv|json|xml|zip)$|/xuat|/tai-ve|/in/?$|/api/|/quan-tri/"
)
PER_SHAPE = 2
MAX_PAGES = 350


def _shape(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted({k.split("=")[0] for k in parts.query.split("&") if k})
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def _visible(doc: lxml.html.HtmlElement) -> Iterator[str]:
    for bad in doc.xpath("//script|//style"):
        bad.drop_tree()
    yield doc.text_content()
    for attr in ("placeholder", "title", "aria-label", "alt"):
        yield from doc.xpath(f"//@{attr}")


def crawl(client: Client, start: str) -> dict[str, list[str]]:
    """Pages visited (url → problems found) from ``start``."""
    seen_shapes: dict[str, int] = {}
    queue: deque[str] = deque([start])
    visited: set[str] = set()
    found: dict[str, list[str]] = {}
    while queue and len(visited) < MAX_PAGES:
        url = queue.popleft()
        if url in visited:
            continue
        shape = _shape(url)
        if seen_shapes.get(shape, 0) >= PER_SHAPE:
            continue
        seen_shapes[shape] = seen_shapes.get(shape, 0) + 1
        visited.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        doc = lxml.html.fromstring(response.content.decode())
        for href in doc.xpath("//a/@href"):
            target = href.split("#")[0]
            if (
                target.startswith("/")
                and not target.startswith("//")
                and not SKIP.search(target.split("?")[0])
            ):
                queue.append(target)
        text = "\n".join(_visible(doc))
        found[url] = [f"{what}: “{m.group(0)}”" for what, rx in FORBIDDEN for m in [rx.search(text)] if m]
    return found


@pytest.fixture
def demo(demo_db, settings):
    # The whole demo, copied from the session's one load (conftest.py), which also empties the cache.
    settings.CCHC_DEMO = True
    settings.CCHC_DEMO_WITHOUT_2FA = True


def test_no_page_of_any_role_or_of_the_public_site_speaks_developer_language(client, demo):
    pages = 0
    problems: list[str] = []
    for start, user in [("/cong-khai/", None)] + [
        ("/", User.objects.get(username=login.username)) for login in DEMO_LOGINS
    ]:
        client.logout()
        if user is not None:
            login_verified(client, user)
        found = crawl(client, start)
        pages += len(found)
        who = user.username if user else "công chúng"
        problems += [f"{who} {url}: {p}" for url, ps in found.items() for p in ps]
    print(f"language check: {pages} pages")
    assert pages > 150
    assert not problems, "\n".join(sorted(set(problems)))
