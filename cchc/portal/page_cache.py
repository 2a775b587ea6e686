"""The public read-only pages, kept rendered for visitors who are not signed in.

The front page, the procedure handbook, the published late lists, the reform rankings and the look-up
form are the same for every citizen; rendering them for each request was most of the CPU the app servers
spent on the public site (bench/bench_public_page_cpu.py). A page rendered for one visitor is kept in the
cache (Redis with REDIS_URL: shared by every app server) for ``CCHC_PUBLIC_PAGE_CACHE_SECONDS`` and served
to the next ones:

* only for a GET or HEAD without a query string, from a visitor with no session cookie and no pending
  message, not an htmx fragment — anyone signed in, or a search, gets a page rendered for them;
* per address and per language (the one active and the one chosen with the switcher);
* a page that shows figures says when they were taken, "Số liệu tính đến HH:MM" (the line of the replica's
  pages, core/replica_staleness.html): its rendering time, or the replica's freshness when it read from
  one — so a cached page is never older than it says;
* the forms' CSRF token is each visitor's own: the rendered page is stored with a placeholder in its
  place, and every answer puts the visitor's token there (and Django sets the CSRF cookie as for any
  rendered form);
* everything else of the answer — the CSP and other security headers, the language headers, the
  look-up's limits on its POST — still runs for every request: only the view's rendering is skipped.

Only answers 200 that set no cookie of their own are kept.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

# Where the visitor's CSRF token goes in a stored page (cannot occur in a rendered page: not a token's
# alphabet).
TOKEN_PLACEHOLDER = "\x00csrf\x00"
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
KEY_PREFIX = "cchc:page:v1:"


def cache_seconds() -> int:
    return int(getattr(settings, "CCHC_PUBLIC_PAGE_CACHE_SECONDS", 0))


def may_share(request: HttpRequest) -> bool:
    """Whether this request may get, or give, the page every visitor not signed in sees."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HX-Request" not in request.headers
    )


def page_key(request: HttpRequest) -> str:
    chosen = getattr(request, "cchc_chosen_language", settings.LANGUAGE_CODE)
    where = f"{request.get_host()}|{request.path}|{translation.get_language()}|{chosen}"
    return KEY_PREFIX + hashlib.sha256(where.encode()).hexdigest()[:40]


def shared_page[V: Callable[..., HttpResponse]](*, shows_figures: bool = True) -> Callable[[V], V]:
    """Keep the view's page for the visitors who are not signed in (module docstring). ``shows_figures``:
    the page says when its figures were taken (a page with none, like an empty form, does not)."""

    def decorate(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            seconds = cache_seconds()
            if seconds <= 0 or not may_share(request):
                return view(request, *args, **kwargs)
            key = page_key(request)
            stored = cache.get(key)
            if isinstance(stored, tuple) and len(stored) == 2:
                body, content_type = stored
                return HttpResponse(
                    body.replace(TOKEN_PLACEHOLDER, get_token(request)), content_type=content_type
                )
            if shows_figures and getattr(request, "replica_as_of", None) is None:
                request.replica_as_of = timezone.now()  # type: ignore[attr-defined]
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.streaming
                and not response.cookies
                and response.get("Content-Type", "").startswith("text/html")
            ):
                text = response.content.decode(response.charset or "utf-8")
                found = _TOKEN.search(text)
                if found:
                    text = text.replace(found.group(1), TOKEN_PLACEHOLDER)
                cache.set(key, (text, response["Content-Type"]), seconds)
            return response

        return wrapper  # type: ignore[return-value]

    return decorate
