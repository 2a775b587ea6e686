"""Reads from a streaming replica (DATABASE_REPLICA_URL; docs/deploying.md, "Bản sao chỉ đọc").

The pages that only read figures — reports, rankings, the operations-centre feed (/ioc/v1/) and the
public read-only pages, listed once in ``READ_ONLY_VIEWS`` — read from the replica when

* the request is a GET or HEAD;
* the replica answers and its data are no older than CCHC_REPLICA_MAX_LAG_SECONDS (measured on the
  replica: "now" when it has replayed everything it received from a streaming primary, otherwise the
  commit time of the last replayed transaction, ``pg_last_xact_replay_timestamp()``);
* the browser's last write is already on the replica: every POST (and every request that wrote) sets a
  cookie with the time of the write for CCHC_REPLICA_PIN_SECONDS, and the replica is used only once its
  data are newer than that time.

Everything else — every write, anything read after a write in the same request or inside a
transaction, sessions, accounts and second-factor devices — goes to the primary. A page served from the
replica shows when its figures were taken ("Số liệu tính đến HH:MM", core/replica_staleness.html; a JSON
answer carries the same instant in the ``X-Data-As-Of`` header).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

log = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
WROTE_COOKIE = "cchc_ghi"
SAFE_METHODS = frozenset({"GET", "HEAD"})

# The views that only read and may show figures a little behind: "namespace:name", or "namespace:*".
READ_ONLY_VIEWS: frozenset[str] = frozenset(
    {
        "reports:results",
        "reports:results_xlsx",
        "reports:results_dossiers",
        "reports:petitions",
        "dossiers:league_units",
        "dossiers:league_officials",
        "scorecards:766",
        "scorecards:766_unit",
        "portal:landing",
        "portal:late_lists",
        "portal:reform_rankings",
        "portal:handbook",
        "portal:handbook_detail",
        "ioc:*",
    }
)

# Writes that keep a request on the replica: bookkeeping that no page reads back (an API key's last use).
BOOKKEEPING_WRITES = frozenset({"feedback.apikey"})

# Apps whose rows a request needs fresh whatever the page: who is signed in, with which device.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "accounts", "otp_totp", "django_otp", "contenttypes"})


@dataclass
class Route:
    """Where this request's reads go; ``wrote`` once anything but the session was written."""

    use_replica: bool = False
    wrote: bool = False
    as_of: datetime | None = None


_route: ContextVar[Route | None] = ContextVar("cchc_replica_route", default=None)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def probe(alias: str = REPLICA) -> datetime | None:
    """How fresh the replica's data are (UTC), or None when it does not answer."""
    try:
        with connections[alias].cursor() as cur:
            cur.execute(
                "SELECT pg_is_in_recovery(), "
                "pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn(), "
                "EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming'), "
                "pg_last_xact_replay_timestamp(), now()"
            )
            in_recovery, replayed_all, streaming, replayed_at, now = cur.fetchone()
    except DatabaseError:
        log.warning("read replica does not answer; reading from the primary", exc_info=True)
        return None
    if not in_recovery or (replayed_all and streaming):
        return now
    return replayed_at


_probed: dict[str, Any] = {"at": 0.0, "as_of": None}
PROBE_REUSE_SECONDS = 2.0


def replica_as_of() -> datetime | None:
    """``probe()``, reused for two seconds by this process (a query per page costs more than it saves)."""
    now = time.monotonic()
    if now - _probed["at"] > PROBE_REUSE_SECONDS:
        _probed["as_of"] = probe()
        _probed["at"] = now
    return _probed["as_of"]


def view_is_read_only(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    return (
        f"{match.namespace}:{match.url_name}" in READ_ONLY_VIEWS or f"{match.namespace}:*" in READ_ONLY_VIEWS
    )


def last_write(request: HttpRequest) -> float | None:
    try:
        return float(request.COOKIES[WROTE_COOKIE])
    except (KeyError, ValueError):
        return None


def choose(request: HttpRequest, as_of: Callable[[], datetime | None] | None = None) -> datetime | None:
    """The replica's freshness when this request may read from it, else None."""
    if request.method not in SAFE_METHODS or not view_is_read_only(request):
        return None
    fresh = (as_of or replica_as_of)()
    if fresh is None:
        return None
    if fresh.tzinfo is None:
        fresh = fresh.replace(tzinfo=UTC)
    lag = datetime.now(UTC).timestamp() - fresh.timestamp()
    if lag > settings.CCHC_REPLICA_MAX_LAG_SECONDS:
        return None
    wrote = last_write(request)
    if wrote is not None and fresh.timestamp() < wrote:
        return None  # this browser's own write is not on the replica yet
    return fresh


class ReplicaRouter:
    """Django database router: reads of the current request to the replica when ``choose`` allowed it
    and nothing has been written since; every write, migration and transaction on the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        route = _route.get()
        if (
            route is None
            or not route.use_replica
            or route.wrote
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or connections[PRIMARY].in_atomic_block
        ):
            return PRIMARY
        return REPLICA

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        route = _route.get()
        if (
            route is not None
            and model._meta.app_label != "sessions"
            and model._meta.label_lower not in BOOKKEEPING_WRITES
        ):
            route.wrote = True
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: Any
    ) -> bool | None:
        return False if db == REPLICA else None


class ReplicaMiddleware:
    """Chooses, per request, where the reads of a read-only view go; after a write, remembers its time
    in a cookie so that this browser reads its own writes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_configured():
            return self.get_response(request)
        route = Route()
        token = _route.set(route)
        try:
            response = self.get_response(request)
        finally:
            _route.reset(token)
        if route.use_replica and route.as_of is not None and not route.wrote:
            response["X-Data-As-Of"] = route.as_of.isoformat(timespec="seconds")
        if request.method not in SAFE_METHODS or route.wrote:
            pin = settings.CCHC_REPLICA_PIN_SECONDS
            response.set_cookie(
                WROTE_COOKIE,
                f"{time.time():.3f}",
                max_age=pin,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any) -> None:
        route = _route.get()
        if route is None:
            return
        fresh = choose(request)
        route.use_replica = fresh is not None
        route.as_of = fresh
        request.replica_as_of = fresh  # type: ignore[attr-defined]


def staleness(request: HttpRequest) -> dict[str, Any]:
    """Context processor: ``replica_as_of`` when this page's figures come from the replica."""
    return {"replica_as_of": getattr(request, "replica_as_of", None)}
