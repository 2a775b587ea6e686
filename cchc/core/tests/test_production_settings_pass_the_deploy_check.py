import os
import subprocess
import sys

from cchc.core.tests.deploy_env import PRODUCTION_ENV


def test_deploy_check_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "-m", "cchc", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=PRODUCTION_ENV,
        cwd=os.getcwd(),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = subprocess.run([sys.executable, "-m", "cchc", "check"], capture_output=True, text=True, env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
