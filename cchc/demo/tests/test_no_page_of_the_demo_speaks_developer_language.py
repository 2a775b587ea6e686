"""The language check: every page a user can reach — each demo role's pages followed link by link from
its home, and the public site — is free of developer language (§ references, the spec's file names,
shell commands, audit event codes, questionnaire codes) and of English widget text.

The crawl (cchc/testing/crawl.py) follows same-site links (GET only) breadth-first from each home page;
pages whose address differs only in numbers (one dossier, one task) are visited twice per shape, so that
the crawl covers every kind of page without visiting every record. Downloads (XLSX, PDF, DOCX, CSV) are
skipped: they are checked by their own tests."""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html
import pytest

from cchc.accounts.demo import DEMO_LOGINS
from cchc.accounts.models import User
from cchc.testing.crawl import crawl
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


def _visible(doc: lxml.html.HtmlElement) -> Iterator[str]:
    for bad in doc.xpath("//script|//style"):
        bad.drop_tree()
    yield doc.text_content()
    for attr in ("placeholder", "title", "aria-label", "alt"):
        yield from doc.xpath(f"//@{attr}")


def problems_on(html: str) -> list[str]:
    text = "\n".join(_visible(lxml.html.fromstring(html)))
    return [f"{what}: “{m.group(0)}”" for what, rx in FORBIDDEN for m in [rx.search(text)] if m]


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
        problems += [f"{who} {url}: {p}" for url, html in found.items() for p in problems_on(html)]
    print(f"language check: {pages} pages")
    assert pages > 150
    assert not problems, "\n".join(sorted(set(problems)))
