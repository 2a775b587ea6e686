"""Several app servers (docs/deploying.md, "Several app servers"): with REDIS_URL every server counts the
same rate limit, so a requester cannot get twice the allowance by landing on two servers. Each server is a
process of its own here, as gunicorn's are; without REDIS_URL each counts alone, which is why the guide asks
for Redis as soon as there is more than one."""

import json
import os
import subprocess
import sys
import uuid

from cchc.core.tests.deploy_env import PRODUCTION_ENV

# A database number of its own on the Redis that runs on these machines (as the deploy-check tests).
WORKING_REDIS = "redis://127.0.0.1:6379/13"
LIMIT = 20


def attempts_on_a_server(key: str, count: int, **extra: str) -> list[bool]:
    """``count`` events under ``key`` counted by a new server process; True where the limit refused."""
    code = (
        "import json\n"
        "from cchc.core.ratelimit import over_limit\n"
        f"print(json.dumps([over_limit({key!r}, {LIMIT}, 60) for _ in range({count})]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "cchc", "shell", "--no-imports", "-c", code],
        capture_output=True,
        text=True,
        env={**PRODUCTION_ENV, **extra},
        cwd=os.getcwd(),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def forget(key: str) -> None:
    code = f"from django.core.cache import cache\ncache.delete({key!r})\n"
    subprocess.run(
        [sys.executable, "-m", "cchc", "shell", "--no-imports", "-c", code],
        env={**PRODUCTION_ENV, "REDIS_URL": WORKING_REDIS},
        cwd=os.getcwd(),
        check=True,
    )


def test_the_limit_counts_the_attempts_made_on_both_servers_with_redis():
    key = f"cchc:test:shared:{uuid.uuid4().hex}"
    try:
        server_a = attempts_on_a_server(key, LIMIT // 2, REDIS_URL=WORKING_REDIS)
        server_b = attempts_on_a_server(key, LIMIT // 2 + 1, REDIS_URL=WORKING_REDIS)
    finally:
        forget(key)
    assert server_a == [False] * (LIMIT // 2)
    # Server B has seen only 11 attempts, but the 21st of the requester's is refused.
    assert server_b == [False] * (LIMIT // 2) + [True]


def test_without_redis_each_server_counts_alone():
    key = f"cchc:test:alone:{uuid.uuid4().hex}"
    attempts_on_a_server(key, LIMIT // 2)
    assert attempts_on_a_server(key, LIMIT // 2 + 1) == [False] * (LIMIT // 2 + 1)
