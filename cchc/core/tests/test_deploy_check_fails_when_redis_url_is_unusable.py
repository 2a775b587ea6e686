"""REDIS_URL moves every rate limit and cached table to Redis: `check --deploy` proves it answers."""

import os
import subprocess
import sys

from cchc.core.tests.deploy_env import PRODUCTION_ENV

# A database number of its own on the Redis that runs on these machines; the probe deletes its key.
WORKING_REDIS = "redis://127.0.0.1:6379/13"


def deploy_check(**extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cchc", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env={**PRODUCTION_ENV, **extra},
        cwd=os.getcwd(),
    )


def test_deploy_check_fails_when_nothing_listens_at_redis_url():
    result = deploy_check(REDIS_URL="redis://127.0.0.1:1/0")
    assert result.returncode != 0
    assert "cchc.E002" in result.stdout + result.stderr


def test_deploy_check_passes_with_a_working_redis():
    result = deploy_check(REDIS_URL=WORKING_REDIS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_redis_cache_counts_like_the_rate_limits_do():
    code = (
        "from django.core.cache import cache\n"
        "cache.delete('cchc:test:incr'); cache.add('cchc:test:incr', 0, 60)\n"
        "print(cache.incr('cchc:test:incr'), cache.incr('cchc:test:incr'))\n"
        "cache.delete('cchc:test:incr')\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "cchc", "shell", "--no-imports", "-c", code],
        capture_output=True,
        text=True,
        env={**PRODUCTION_ENV, "REDIS_URL": WORKING_REDIS},
        cwd=os.getcwd(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "2"]
