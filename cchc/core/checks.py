"""Deployment checks added to `cchc check --deploy`: settings that would start but be unsafe or broken."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def demo_switch_is_off(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Demo accounts share a published password and skip the second factor: never in production."""
    if not getattr(settings, "CCHC_DEMO", False):
        return []
    return [
        Error(
            "CCHC_DEMO=1: demo accounts with the shared public password and no second factor are enabled.",
            hint="Unset CCHC_DEMO in production; CCHC_DEMO_ALLOW_PUBLIC only lets a public demo start.",
            id="cchc.E001",
        )
    ]


@register(Tags.caches, deploy=True)
def shared_cache_answers(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """With REDIS_URL set, every rate limit and the league tables use Redis: it must answer now."""
    if not getattr(settings, "REDIS_URL", ""):
        return []
    from django.core.cache import cache

    probe = "cchc:deploy-check"
    try:
        cache.set(probe, "ok", timeout=10)
        answer = cache.get(probe)
        cache.delete(probe)
    except Exception as exc:  # any failure (missing client library, refused, auth) makes it unusable
        return [
            Error(
                f"REDIS_URL is set but the cache does not work: {type(exc).__name__}: {exc}",
                hint="Install the requirements (redis, hiredis), check the address, or unset REDIS_URL.",
                id="cchc.E002",
            )
        ]
    if answer != "ok":
        return [Error("REDIS_URL is set but the cache returned nothing it stored.", id="cchc.E002")]
    return []
