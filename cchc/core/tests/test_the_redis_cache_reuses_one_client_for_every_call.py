"""The Redis cache of several app servers (cchc/core/cache.py) builds one Redis client and reuses it for
every call, instead of Django's new client object per operation — and still reads, writes, adds and
counts like Django's backend (the rate limits rely on add + incr)."""

import uuid

import pytest

from cchc.core.cache import RedisCache

# The Redis of these machines, on the database number the deploy-check tests already use.
WORKING_REDIS = "redis://127.0.0.1:6379/13"


@pytest.fixture
def redis_cache():
    return RedisCache(WORKING_REDIS, {"OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2}})


def test_every_call_uses_the_same_client(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
    assert redis_cache._cache.get_client("some-key") is client


def test_it_still_stores_adds_and_counts(redis_cache):
    key = f"cchc:test:client:{uuid.uuid4().hex}"
    try:
        assert redis_cache.get(key) is None
        assert redis_cache.add(key, 0, timeout=60) is True
        assert redis_cache.add(key, 5, timeout=60) is False
        assert redis_cache.incr(key) == 1
        assert redis_cache.incr(key) == 2
        redis_cache.set(key, {"page": "văn bản"}, timeout=60)
        assert redis_cache.get(key) == {"page": "văn bản"}
    finally:
        redis_cache.delete(key)
