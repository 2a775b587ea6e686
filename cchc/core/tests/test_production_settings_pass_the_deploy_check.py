import os
import subprocess
import sys

PRODUCTION_ENV = {
    "PATH": "/usr/bin:/bin",
    "SECRET_KEY": "k" * 10 + "-production-like-secret-with-enough-entropy-0123456789abcdef",
    "ALLOWED_HOSTS": "cchc.example.gov.vn",
    "DATABASE_URL": "sqlite:////tmp/cchc-deploy-check.sqlite3",
    "SESSION_COOKIE_SECURE": "1",
    "CSRF_COOKIE_SECURE": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "BEHIND_TLS_PROXY": "1",
}


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
