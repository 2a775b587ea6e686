"""Fixed-window counters in the project's cache (Redis with REDIS_URL: shared by every app server)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def hashed(value: str) -> str:
    """A cache key part that does not store the address, phone or e-mail itself."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]


def over_limit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one event under ``key``; True when it is past ``limit`` in the window (0 = no limit)."""
    if limit <= 0:
        return False
    counter = getattr(cache, "count_in_window", None)
    if counter is not None:  # Redis (core.cache.RedisCache): one round trip instead of three
        return int(counter(key, window_seconds)) > limit
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit
