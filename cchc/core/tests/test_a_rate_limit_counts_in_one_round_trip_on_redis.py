"""With Redis (core.cache.RedisCache) a rate limit counts an event in one transaction instead of Django's
add + incr (three round trips): the same count, the window set by the first event and never extended,
the value Django's cache reads, and the limit refused past its count — on every server alike."""

import os
import uuid

import pytest

from cchc.core import ratelimit
from cchc.core.cache import RedisCache

# The Redis of these machines, on the database number the other Redis tests use; a helper sharing the
# machine points it elsewhere with CCHC_TEST_REDIS_URL.
WORKING_REDIS = os.environ.get("CCHC_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def redis_cache() -> RedisCache:
    return RedisCache(WORKING_REDIS, {"OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2}})


@pytest.fixture
def key():
    name = f"cchc:test:window:{uuid.uuid4().hex}"
    yield name
    redis_cache().delete(name)


def test_each_event_counts_one_and_the_window_is_set_once(key):
    cache = redis_cache()
    client = cache._cache.get_client(write=True)
    full = cache.make_and_validate_key(key)
    assert [cache.count_in_window(key, 60) for _ in range(3)] == [1, 2, 3]
    assert 55 <= client.ttl(full) <= 60
    client.expire(full, 30)  # later events do not push the window's end
    cache.count_in_window(key, 60)
    assert client.ttl(full) <= 30
    assert cache.get(key) == 4  # the plain integer Django's cache reads


def test_a_count_goes_on_from_djangos_add_and_incr_and_back(key):
    cache = redis_cache()
    assert cache.add(key, 0, timeout=60) is True
    assert cache.incr(key) == 1
    assert cache.count_in_window(key, 60) == 2
    assert cache.incr(key) == 3


def test_a_window_that_ended_starts_again_at_one(key):
    cache = redis_cache()
    cache.count_in_window(key, 60)
    cache.count_in_window(key, 60)
    cache.delete(key)  # what the expiry does
    assert cache.count_in_window(key, 60) == 1
    assert cache._cache.get_client().ttl(cache.make_and_validate_key(key)) > 0


def test_the_limit_refuses_past_its_count_and_two_servers_share_it(key, monkeypatch):
    server_a, server_b = redis_cache(), redis_cache()
    monkeypatch.setattr(ratelimit, "cache", server_a)
    seen = [ratelimit.over_limit(key, 5, 60) for _ in range(3)]
    monkeypatch.setattr(ratelimit, "cache", server_b)
    seen += [ratelimit.over_limit(key, 5, 60) for _ in range(3)]
    assert seen == [False] * 5 + [True]
    assert ratelimit.over_limit(key, 0, 60) is False  # 0: no limit, nothing counted
    assert server_a.get(key) == 6
