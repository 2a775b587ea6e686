"""WCAG 2.1 A/AA checks with axe-core on every page a browser test is shown (docs/accessibility.md).

While a browser test runs, every page the live server sends (the whole HTML document, its headers
and the fragments and JSON that htmx or a chart fetch for it) is recorded on the server side. When
the test body has passed, each page is shown again in a clean browser tab, exactly as it was sent —
the same HTML, the same Content-Security-Policy, the same fragments — at 1280 px and at 390 px, and
axe-core (vendored in ``assets/axe-core``, no network) checks it against the WCAG 2.0 and 2.1 level A
and AA rules. Any violation fails the test with the rule, the element and the page.

Why replay and not check in the test's own tab: a check run while the test is clicking would see
half-loaded pages and depend on timing; a replay sees each page as the person saw it, including
pages answered to a POST (a form sent back with its errors), and costs no extra request to the
server, so nothing in the database changes after the test.

A page is checked once per session for each (method, view, role, query keys, width): the same
screen reached by a second test is not checked again, so the cost stays near one axe run per screen
and width. Exceptions, each with its reason, are in ``EXCEPTIONS`` below — the only place.

``conftest.py`` turns this on for every test that uses both the live server and the browser.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

AXE_DIR = Path(__file__).parent / "assets" / "axe-core"
AXE_VERSION = "4.14.1"  # npm axe-core@4.14.1; assets/axe-core/README.md says how to update it
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
MAX_BODY = 4 * 1024 * 1024  # larger answers are files, not pages


@dataclass(frozen=True)
class Exemption:
    """A violation accepted on purpose: ``rule`` on elements whose selector matches ``selector``, on
    pages whose path matches ``path`` (regular expressions, searched)."""

    rule: str
    selector: str
    path: str
    reason: str

    def covers(self, rule: str, selector: str, path: str) -> bool:
        return (
            rule == self.rule
            and re.search(self.selector, selector) is not None
            and re.search(self.path, path) is not None
        )


# The one list of accepted violations. Each needs a reason a reviewer can check; none is "too hard".
EXCEPTIONS: tuple[Exemption, ...] = ()


@dataclass
class Served:
    """One answer of the live server: enough to show it again byte for byte."""

    method: str
    path: str  # path and query string, as the browser asked for it
    view: str
    role: str
    session: str
    fragment: bool  # an htmx fragment or a data answer, not a whole page
    status: int
    headers: list[tuple[str, str]]
    body: bytes


@dataclass
class Violation:
    rule: str
    impact: str
    help: str
    selector: str
    summary: str
    path: str
    width: str
    role: str


@dataclass
class _Recorder:
    active: bool = False
    served: list[Served] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


_recorder = _Recorder()
_checked: set[tuple[str, ...]] = set()
_installed = False
# What the checks cost this session, printed at the end of the run (conftest.py): runs and seconds.
spent = {"runs": 0, "seconds": 0.0}


def _role(request: Any) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "anonymous"
    return str(getattr(user, "role", "") or "staff")


def _record(request: Any, response: Any) -> None:
    if getattr(response, "streaming", False) or 300 <= response.status_code < 400:
        return
    kind = response.get("Content-Type", "")
    if not kind.startswith(("text/html", "application/json")):
        return
    body = response.content
    if len(body) > MAX_BODY:
        return
    match = getattr(request, "resolver_match", None)
    fragment = bool(request.headers.get("HX-Request")) or not kind.startswith("text/html")
    fragment = fragment or b"<html" not in body[:2000].lower()
    served = Served(
        method=request.method,
        path=request.get_full_path(),
        view=match.view_name if match else request.path,
        role=_role(request),
        session=request.COOKIES.get("sessionid", ""),
        fragment=fragment,
        status=response.status_code,
        headers=[(k, v) for k, v in response.items() if k.lower() not in {"set-cookie", "content-length"}],
        body=body,
    )
    with _recorder.lock:
        _recorder.served.append(served)


def install() -> None:
    """Record what the live server answers (only requests served outside the test's own thread:
    the test client's answers are not pages a browser showed)."""
    global _installed
    if _installed:
        return
    from django.core.handlers.base import BaseHandler

    original = BaseHandler.get_response

    def get_response(self: Any, request: Any) -> Any:
        response = original(self, request)
        if _recorder.active and threading.current_thread() is not threading.main_thread():
            # A recording problem must never change what the server answers.
            with contextlib.suppress(Exception):
                _record(request, response)
        return response

    BaseHandler.get_response = get_response  # type: ignore[method-assign]
    _installed = True


@contextmanager
def recording() -> Iterator[list[Served]]:
    """Record the live server's answers while the block runs; the list fills as they come."""
    install()
    with _recorder.lock:
        _recorder.served = []
        _recorder.active = True
    try:
        yield _recorder.served
    finally:
        with _recorder.lock:
            _recorder.active = False


def _key(page: Served, width: str) -> tuple[str, ...]:
    query = ",".join(sorted({k for k, _ in parse_qsl(urlsplit(page.path).query, keep_blank_values=True)}))
    return (page.method, page.view, page.role, query, width)


@functools.cache
def _axe_source() -> str:
    return (AXE_DIR / "axe.min.js").read_text(encoding="utf-8")


_RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    rule: v.id, impact: v.impact || '', help: v.help,
    nodes: v.nodes.map(n => ({selector: n.target.join(' '), summary: n.failureSummary || ''})),
  }));
}"""


def check_page(page: Any, path: str, width: str, role: str) -> list[Violation]:
    """Run axe on what ``page`` shows now; violations not covered by ``EXCEPTIONS``."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    found = []
    for v in page.evaluate(_RUN_AXE, list(WCAG_TAGS)):
        for node in v["nodes"]:
            if any(e.covers(v["rule"], node["selector"], path) for e in EXCEPTIONS):
                continue
            found.append(
                Violation(
                    v["rule"], v["impact"], v["help"], node["selector"], node["summary"], path, width, role
                )
            )
    return found


def check_live(page: Any, role: str) -> list[Violation]:
    """Check what ``page`` shows now, in the test's own tab (for a state a replay cannot rebuild, or
    an explicit assertion); the screen then counts as checked for this session and width."""
    from django.urls import resolve

    parts = urlsplit(page.url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    width = "phone" if page.viewport_size["width"] <= WIDTHS["phone"]["width"] else "desktop"
    started = time.perf_counter()
    found = check_page(page, path, width, role)
    spent["seconds"] += time.perf_counter() - started
    shown = Served("GET", path, resolve(parts.path).view_name, role, "", False, 200, [], b"")
    _checked.add(_key(shown, width))
    spent["runs"] += 1
    return found


def replay_and_check(browser: Any, served: list[Served], base_url: str) -> list[Violation]:
    """Show each page of ``served`` again as it was sent and check it at both widths (once per
    session per screen and width)."""
    from cchc.testing.browser import CONTEXT_DEFAULTS

    todo: list[tuple[Served, list[str]]] = []
    keys: set[tuple[str, ...]] = set()
    for s in served:
        widths = [w for w in WIDTHS if not s.fragment and _key(s, w) not in _checked | keys]
        keys.update(_key(s, w) for w in widths)
        if widths:
            todo.append((s, widths))
    if not todo:
        return []
    # Fragments and data a page fetches, answered from what the server sent this session's browser.
    answers: dict[tuple[str, str], Served] = {}
    for s in served:
        if s.fragment and s.method == "GET":
            answers[(s.session, s.path)] = s
    showing: dict[str, Served] = {}
    static = urlsplit(base_url).netloc

    def route(route: Any) -> None:
        request = route.request
        parts = urlsplit(request.url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        current = showing["page"]
        if request.is_navigation_request() and path == current.path:
            answer: Served | None = current
        elif parts.netloc == static and parts.path.startswith("/static/"):
            route.continue_()
            return
        else:
            answer = answers.get((current.session, path))
        if answer is None:
            route.abort()
            return
        route.fulfill(status=answer.status, headers=dict(answer.headers), body=answer.body)

    found: list[Violation] = []
    started = time.perf_counter()
    context = browser.new_context(**{**CONTEXT_DEFAULTS, "viewport": WIDTHS["desktop"]})
    try:
        context.route("**/*", route)
        tab = context.new_page()
        for s, widths in todo:
            showing["page"] = s
            for width in widths:
                # Loaded afresh at each width, as a phone would: scripts that adapt to the width run.
                tab.set_viewport_size(WIDTHS[width])
                # "load", not "networkidle": every request is answered from memory at once, and
                # networkidle would add its half-second quiet window to each of hundreds of checks.
                tab.goto(base_url + s.path, wait_until="load")
                found += check_page(tab, s.path, width, s.role)
                _checked.add(_key(s, width))
                spent["runs"] += 1
    finally:
        context.close()
        spent["seconds"] += time.perf_counter() - started
    return found


def report(violations: list[Violation], per_rule: int = 8) -> str:
    """The violations grouped by rule, then by element, each element with the pages (widths, roles)."""
    rules: dict[str, dict[str, list[Violation]]] = {}
    for v in violations:
        rules.setdefault(v.rule, {}).setdefault(v.selector, []).append(v)
    lines = [
        f"{len(violations)} WCAG 2.1 A/AA violation(s) on {len({v.path for v in violations})} page(s), "
        f"found by axe-core {AXE_VERSION} (accepted exceptions: EXCEPTIONS in "
        "cchc/testing/accessibility.py, docs/accessibility.md):"
    ]
    for rule, elements in rules.items():
        first = next(iter(elements.values()))[0]
        lines.append(f"- rule {rule} ({first.impact}): {first.help}")
        for selector, found in list(elements.items())[:per_rule]:
            where = sorted({f"{v.path} [{v.width}, {v.role}]" for v in found})
            detail = " ".join(found[0].summary.split("\n")[1:2]).strip() or found[0].summary.strip()
            more = f" and {len(where) - 1} more" if len(where) > 1 else ""
            lines.append(f"    element {selector} on {where[0]}{more}: {detail}")
        if len(elements) > per_rule:
            lines.append(f"    … and {len(elements) - per_rule} more element(s) with this rule")
    return "\n".join(lines)
