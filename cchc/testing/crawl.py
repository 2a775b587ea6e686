"""The page crawl shared by the whole-site checks (developer language, personal data): every page a
signed-in person or the public can reach, followed link by link from a start page.

Same-site links only, GET only, breadth first. Pages whose address differs only in numbers (one dossier,
one task) are visited ``per_shape`` times per shape, so that the crawl covers every kind of page without
visiting every record. Downloads (XLSX, PDF, DOCX, CSV, JSON, XML, ZIP), sign-out, the API and the admin
are skipped: they have their own tests."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urlsplit

import lxml.html
from django.test import Client

SKIP = re.compile(
    r"/(dang-xuat|logout)/|\.(xlsx|pdf|docx|csv|json|xml|zip)$|/xuat|/tai-ve|/in/?$|/api/|/quan-tri/"
)


def shape(url: str) -> str:
    """The address with every run of digits as N and only the query's keys: one dossier's page has the
    shape of every other's."""
    parts = urlsplit(url)
    keys = sorted({k.split("=")[0] for k in parts.query.split("&") if k})
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def crawl(client: Client, start: str, *, per_shape: int = 2, max_pages: int = 350) -> dict[str, str]:
    """url → HTML of every page visited from ``start`` that answered 200 with HTML."""
    seen_shapes: dict[str, int] = {}
    queue: deque[str] = deque([start])
    visited: set[str] = set()
    pages: dict[str, str] = {}
    while queue and len(visited) < max_pages:
        url = queue.popleft()
        if url in visited:
            continue
        key = shape(url)
        if seen_shapes.get(key, 0) >= per_shape:
            continue
        seen_shapes[key] = seen_shapes.get(key, 0) + 1
        visited.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for href in lxml.html.fromstring(html).xpath("//a/@href"):
            target = href.split("#")[0]
            if (
                target.startswith("/")
                and not target.startswith("//")
                and not SKIP.search(target.split("?")[0])
            ):
                queue.append(target)
        pages[url] = html
    return pages
