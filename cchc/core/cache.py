"""Django's Redis cache, with one Redis client per server reused by every call.

Django's own backend builds a new ``redis.Redis`` object for every cache operation (the connection pool
is shared, the client object is not), and building one costs more CPU than the command it sends: the
look-up's two rate limits alone paid about a millisecond per request for it
(bench/bench_public_page_cpu.py). A ``redis.Redis`` client holds no connection of its own — every command
takes one from the pool — so one client per pool serves every thread of the process.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django: Any = self  # the private attributes of Django's client, which its type stubs leave out
        index = django._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            # Two threads may both build one here; either is fine (the pool is the shared part).
            if index not in django._pools:
                django._pools[index] = django._pool_class.from_url(
                    django._servers[index], **django._pool_options
                )
            client = self._clients[index] = django._client(connection_pool=django._pools[index])
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient

    def count_in_window(self, key: str, window_seconds: int) -> int:
        """One more event under ``key``, counted in a window of ``window_seconds`` from the first; the
        count so far. Django's ``add`` then ``incr`` took three round trips to Redis (SET NX, EXISTS,
        INCR) for each rate limit of the public look-up; one transaction (MULTI: the key cannot expire
        between its two commands) does the same in one: the key made with 0 and the window's expiry if
        absent, then incremented. The stored value is the plain integer Django's ``get`` reads."""
        full_key = self.make_and_validate_key(key)
        client = self._cache.get_client(full_key, write=True)
        with client.pipeline(transaction=True) as pipe:
            pipe.set(full_key, 0, ex=int(window_seconds), nx=True)
            pipe.incr(full_key)
            _, count = pipe.execute()
        return int(count)
