"""CCHC_DEMO publishes accounts with a shared password and no second factor: never in production."""

import os
import subprocess
import sys

from cchc.core.tests.deploy_env import PRODUCTION_ENV


def run_cchc(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cchc", *args],
        capture_output=True,
        text=True,
        env={**PRODUCTION_ENV, **extra},
        cwd=os.getcwd(),
    )


def test_production_settings_refuse_to_start_with_the_demo_switch():
    result = run_cchc("check", CCHC_DEMO="1")
    assert result.returncode != 0
    assert "CCHC_DEMO_ALLOW_PUBLIC" in result.stderr


def test_the_explicit_override_starts_but_the_deploy_check_still_fails():
    assert run_cchc("check", CCHC_DEMO="1", CCHC_DEMO_ALLOW_PUBLIC="1").returncode == 0
    result = run_cchc("check", "--deploy", CCHC_DEMO="1", CCHC_DEMO_ALLOW_PUBLIC="1")
    assert result.returncode != 0
    assert "cchc.E001" in result.stdout + result.stderr


def test_the_local_demo_still_starts():
    local = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = subprocess.run(
        [sys.executable, "-m", "cchc", "check"],
        capture_output=True,
        text=True,
        env={**local, "CCHC_DEMO": "1"},
        cwd=os.getcwd(),
    )
    assert result.returncode == 0, result.stderr
