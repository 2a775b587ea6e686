"""The production-like environment the deploy-check tests start `cchc` with (no demo, HTTPS on)."""

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
