"""Settings, all read from the environment through the small typed helpers below.

Every variable is documented in README.md (section "Cấu hình / Configuration").
"""

import os
from datetime import time
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CCHC_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_time(name: str, default: str) -> time:
    raw = env_str(name, default)
    try:
        return time.fromisoformat(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a time HH:MM, got {raw!r}") from exc


# --- core -------------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)
# The demo switch: enables demo logins without a second factor and the demo banner. Never in production.
CCHC_DEMO = env_bool("CCHC_DEMO", False)
TESTING = env_bool("CCHC_TESTING", False)

_default_secret = "insecure-dev-only-key-do-not-use-in-production" if (DEBUG or CCHC_DEMO or TESTING) else ""
SECRET_KEY = env_str("SECRET_KEY", _default_secret)
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set (or run with DEBUG=1 / CCHC_DEMO=1 for development)")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1", "testserver"}
# The demo publishes accounts with a shared public password and no second factor. An installation that
# serves real host names without DEBUG is a production one: it refuses the demo switch unless this
# explicit override says the public demo server is meant (`cchc check --deploy` still fails then).
CCHC_DEMO_ALLOW_PUBLIC = env_bool("CCHC_DEMO_ALLOW_PUBLIC", False)
if CCHC_DEMO and not DEBUG and not CCHC_DEMO_ALLOW_PUBLIC and set(ALLOWED_HOSTS) - LOCAL_HOSTS:
    raise ImproperlyConfigured(
        "CCHC_DEMO=1 with DEBUG=0 and public ALLOWED_HOSTS would publish the demo accounts (shared "
        "password, no second factor). Unset CCHC_DEMO, or set CCHC_DEMO_ALLOW_PUBLIC=1 for a public demo."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves Swagger UI's files itself, so /api/docs works offline
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_htmx",
    # core before django_tasks_db: its db_worker command (reaping dead jobs first) replaces the library's.
    "cchc.core",
    "django_tasks_db",
    "cchc.accounts",
    "cchc.org",
    "cchc.calendar",
    "cchc.notify",
    "cchc.deadlines",
    "cchc.portal",
    "cchc.dossiers",
    "cchc.directives",
    "cchc.surveys",
    "cchc.feedback",
    "cchc.earlywarning",
    "cchc.reports",
    "cchc.scorecards",
    "cchc.oversight",
    "cchc.training",
    "cchc.proposals",
    "cchc.emulation",
    "cchc.unitsite",
    "cchc.home",
    "cchc.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "cchc.core.middleware.PermissionsPolicyMiddleware",
    "cchc.core.middleware.HostileInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cchc.core.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cchc.accounts.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cchc.core.replica.ReplicaMiddleware",
]

ROOT_URLCONF = "cchc.urls"
WSGI_APPLICATION = "cchc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cchc" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "cchc.core.context_processors.navigation",
                "cchc.core.language.language_context",
                "cchc.core.replica.staleness",
            ],
            # Vietnamese number format on every page without a {% load %}: {{ n|so }} (core.templatetags).
            "builtins": ["cchc.core.templatetags.vn_format"],
        },
    },
]

# --- database ---------------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'cchc.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet; SQLite cannot create the file without its folder.
    _sqlite_name = str(DATABASES["default"].get("NAME") or "")
    if _sqlite_name and _sqlite_name != ":memory:":
        Path(_sqlite_name).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the background worker and the web server write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0


def env_database_url(name: str) -> dj_database_url.DBConfig | None:
    """An optional database given by URL (empty: none); only PostgreSQL can stream a replica."""
    raw = env_str(name, "")
    if not raw:
        return None
    try:
        parsed = dj_database_url.parse(raw, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a database URL, got {raw!r}") from exc
    if "postgresql" not in str(parsed.get("ENGINE", "")):
        raise ImproperlyConfigured(f"{name} must be a PostgreSQL URL (a streaming replica), got {raw!r}")
    return parsed


# Reads of reports, rankings, the IOC feed and public pages from a streaming replica (core.replica,
# docs/deploying.md): no older than the lag bound (else the primary), never before this browser's last
# write (remembered for the pin window).
DATABASE_REPLICA_URL = env_database_url("DATABASE_REPLICA_URL")
CCHC_REPLICA_MAX_LAG_SECONDS = env_int("CCHC_REPLICA_MAX_LAG_SECONDS", 120)
CCHC_REPLICA_PIN_SECONDS = env_int("CCHC_REPLICA_PIN_SECONDS", 300)
if DATABASE_REPLICA_URL:
    # Tests run against the primary's test database: the replica alias is a mirror of it.
    DATABASES["replica"] = DATABASE_REPLICA_URL
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["cchc.core.replica.ReplicaRouter"]
# The public read-only pages a visitor who is not signed in opens, kept rendered in the cache for this
# many seconds (portal.page_cache; the page says when its figures were taken). 0 renders every request;
# the tests render every request unless a test turns it on.
CCHC_PUBLIC_PAGE_CACHE_SECONDS = env_int("CCHC_PUBLIC_PAGE_CACHE_SECONDS", 0 if TESTING else 60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- background work (django.tasks + django-tasks-db; worker: `cchc db_worker`) ----------------

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {
            # Django's backend, reusing its Redis client between calls (cchc/core/cache.py).
            "BACKEND": "cchc.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that stops answering must not hang every page: fail fast, the caller degrades.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- accounts and security --------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"
if TESTING:
    # Hashing cost is irrelevant in tests and dominates their run time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Officials must pass a TOTP second factor. Only a demo installation (CCHC_DEMO=1) may waive it, and
# then only for the accounts flagged ``is_demo`` (see accounts.middleware); real accounts never skip it.
CCHC_DEMO_WITHOUT_2FA = CCHC_DEMO and env_bool("CCHC_DEMO_WITHOUT_2FA", True)
CCHC_LOGIN_MAX_FAILURES = env_int("CCHC_LOGIN_MAX_FAILURES", 5)
CCHC_LOGIN_LOCKOUT_MINUTES = env_int("CCHC_LOGIN_LOCKOUT_MINUTES", 15)
# Password spraying (one guess at many names) never locks a name; this caps failures per address.
CCHC_LOGIN_MAX_FAILURES_PER_IP = env_int("CCHC_LOGIN_MAX_FAILURES_PER_IP", 50)
# Password-reset e-mails per hour: to one address, and asked from one network address (0 = no limit).
CCHC_PASSWORD_RESET_PER_ADDRESS_HOUR = env_int("CCHC_PASSWORD_RESET_PER_ADDRESS_HOUR", 3)
CCHC_PASSWORD_RESET_PER_IP_HOUR = env_int("CCHC_PASSWORD_RESET_PER_IP_HOUR", 10)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "CCHC")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # never show TOTP secrets in the admin

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True  # idle timeout: the age counts from the last request
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
X_FRAME_OPTIONS = "DENY"
# Every response carries a Content-Security-Policy: scripts only from our own static files (vendored, no
# CDN) or an inline block carrying the request's nonce; no inline handlers, no eval. Inline style
# attributes are still allowed (many templates use them; styles cannot run code).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features no page needs are switched off; the public petition form may ask for the position.
CCHC_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- e-mail -----------------------------------------------------------------------------------

_email_backend = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if (DEBUG or CCHC_DEMO)
    else "django.core.mail.backends.smtp.EmailBackend",
)
_email_options: dict[str, object] = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER", ""),
        "password": env_str("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "use_ssl": env_bool("EMAIL_USE_SSL", False),
        "timeout": env_int("EMAIL_TIMEOUT", 30),
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
# --- notifications (e-mail built in; SMS and Zalo pluggable: any class with send(to, subject, body)) ---

_recording = "cchc.notify.channels.RecordingChannel"
CCHC_NOTIFY_CHANNELS = {
    "email": env_str("CCHC_EMAIL_CHANNEL", "cchc.notify.channels.EmailChannel"),
    "sms": env_str(
        "CCHC_SMS_CHANNEL", _recording if (CCHC_DEMO or TESTING) else "cchc.notify.channels.SmsHttpChannel"
    ),
    # Zalo: a ZNS template message to the phone, SMS when it fails (docs/zalo.md); the relay
    # ``cchc.notify.channels.ZaloHttpChannel`` (CCHC_ZALO_URL/TOKEN) remains available.
    "zalo": env_str(
        "CCHC_ZALO_CHANNEL", _recording if (CCHC_DEMO or TESTING) else "cchc.notify.zalo.ZaloZnsChannel"
    ),
    # The Official Account's answers to a citizen who wrote to it (the webhook).
    "zalo_oa": env_str(
        "CCHC_ZALO_OA_CHANNEL", _recording if (CCHC_DEMO or TESTING) else "cchc.notify.zalo.ZaloOaChannel"
    ),
}
CCHC_SMS_URL = env_str("CCHC_SMS_URL", "")
CCHC_SMS_TOKEN = env_str("CCHC_SMS_TOKEN", "")
CCHC_ZALO_URL = env_str("CCHC_ZALO_URL", "")
CCHC_ZALO_TOKEN = env_str("CCHC_ZALO_TOKEN", "")
CCHC_ZALO_ACCESS_TOKEN = env_str("CCHC_ZALO_ACCESS_TOKEN", "")
CCHC_ZALO_APP_ID = env_str("CCHC_ZALO_APP_ID", "")
CCHC_ZALO_OA_SECRET_KEY = env_str("CCHC_ZALO_OA_SECRET_KEY", "")
CCHC_ZALO_ZNS_TEMPLATE_ID = env_str("CCHC_ZALO_ZNS_TEMPLATE_ID", "")
CCHC_ZALO_ZNS_URL = env_str("CCHC_ZALO_ZNS_URL", "https://business.openapi.zalo.me/message/template")
CCHC_ZALO_OA_MESSAGE_URL = env_str("CCHC_ZALO_OA_MESSAGE_URL", "https://openapi.zalo.me/v3.0/oa/message/cs")
CCHC_ZALO_WEBHOOK_MAX_AGE_SECONDS = env_int("CCHC_ZALO_WEBHOOK_MAX_AGE_SECONDS", 600)
# Reminder and escalation ladder in working days relative to the due date (negative = before):
# unit officer → unit head → Office → leader. No legal text fixes the offsets
# (docs/rules/directive-tasks.md).
CCHC_REMINDER_LADDER = env_str(
    "CCHC_REMINDER_LADDER", "-3:officer,-1:unit_head,1:unit_head,3:office,5:leader"
)
# Inter-agency dossier steps (docs/dossier-interagency.md): the handling official one working day
# before the step's deadline, the head of the unit holding the dossier one working day after. No legal
# text read fixes the offsets. Where a step's deadline comes from: "sent" takes the deadline the source
# system sent (NgayKetThucTheoQuyDinh) and computes one from the procedure's approved split only when
# none was sent; "shares" always computes it from the split.
CCHC_STEP_REMINDER_LADDER = env_str("CCHC_STEP_REMINDER_LADDER", "-1:officer,1:unit_head")
CCHC_STEP_DEADLINE_SOURCE = env_str("CCHC_STEP_DEADLINE_SOURCE", "sent")

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CCHC <cchc@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- language, time ---------------------------------------------------------------------------

LANGUAGE_CODE = "vi"
# Vietnamese is the source language and the default. English is chosen with the switcher in the page
# header and is given only on the pages translated in full (cchc/core/language.py, docs/translating.md).
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "cchc_ngon_ngu"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LOCALE_PATHS = [BASE_DIR / "cchc" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True

# --- static and media -------------------------------------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# --- working-day calendar (docs/rules/working-days.md PRACTICE: office hours are configuration, not law)
# -----

CCHC_OFFICE_MORNING_START = env_time("CCHC_OFFICE_MORNING_START", "07:00")
CCHC_OFFICE_MORNING_END = env_time("CCHC_OFFICE_MORNING_END", "11:30")
CCHC_OFFICE_AFTERNOON_START = env_time("CCHC_OFFICE_AFTERNOON_START", "13:30")
CCHC_OFFICE_AFTERNOON_END = env_time("CCHC_OFFICE_AFTERNOON_END", "17:00")
# A dossier received after this time counts from the next working day. No general rule exists
# (docs/rules/working-days.md, UNCONFIRMED); 15:00 is the sector rule of ND 23/2015 Art. 7 and Hà Nội's
# practice.
CCHC_AFTERNOON_CUTOFF = env_time("CCHC_AFTERNOON_CUTOFF", "17:00")
# How a completed supplement shifts the appointment (docs/rules/dossier-deadlines.md): whole working days
# (default) or working hours. The national formula subtracts the time; its precision is not stated.
CCHC_SUPPLEMENT_SHIFT = env_str("CCHC_SUPPLEMENT_SHIFT", "working_days")
CCHC_WORKDAYS_CSV = Path(
    env_str("CCHC_WORKDAYS_CSV", str(BASE_DIR / "cchc" / "calendar" / "data" / "vn-workdays-2022-2027.csv"))
)

# --- periodic reports (docs/reports.md, "Schedules") -------------------------------------------

# 0: calendar periods; 1–28: periods cut off on that day of the month (Nghị định 09/2019/NĐ-CP Art. 12
# cuts on the 14th). Unconfirmed for the reform report of a People's Committee, hence a setting.
CCHC_REPORT_CUTOFF_DAY = env_int("CCHC_REPORT_CUTOFF_DAY", 0)
# Calendar days after the period's last day by which a unit sends its report to the city.
CCHC_REPORT_DUE_DAYS_QUARTER = env_int("CCHC_REPORT_DUE_DAYS_QUARTER", 5)
CCHC_REPORT_DUE_DAYS_HALF = env_int("CCHC_REPORT_DUE_DAYS_HALF", 5)
CCHC_REPORT_DUE_DAYS_YEAR = env_int("CCHC_REPORT_DUE_DAYS_YEAR", 10)
# The kinds of unit that send periodic reports to the city (org UnitKind values).
CCHC_REPORT_UNIT_KINDS = env_list("CCHC_REPORT_UNIT_KINDS", ["ward", "agency"])

# --- plausible instants (docs/security.md) ------------------------------------------------------
# Every date or instant entering the system (API, imports, forms, Open311) must lie in this window, or
# the row is rejected with a reason: a receipt, a step or an answer no earlier than CCHC_PLAUSIBLE_FROM
# and no later than CCHC_PLAUSIBLE_RECEIPT_YEARS from today; a deadline or appointment up to
# CCHC_PLAUSIBLE_DEADLINE_YEARS ahead. Year 1 or 9999 once stored broke every page that showed it.
CCHC_PLAUSIBLE_FROM = env_str("CCHC_PLAUSIBLE_FROM", "1990-01-01")
CCHC_PLAUSIBLE_RECEIPT_YEARS = env_int("CCHC_PLAUSIBLE_RECEIPT_YEARS", 5)
CCHC_PLAUSIBLE_DEADLINE_YEARS = env_int("CCHC_PLAUSIBLE_DEADLINE_YEARS", 10)

# --- dossiers ------------------------------------------------------------------------

CCHC_LEAGUE_MIN_DOSSIERS = env_int("CCHC_LEAGUE_MIN_DOSSIERS", 30)  # finished dossiers before ranking
CCHC_LEAGUE_CACHE_SECONDS = env_int("CCHC_LEAGUE_CACHE_SECONDS", 600)
# Web uploads larger than this (uncompressed, for a workbook) run in the background worker.
CCHC_IMPORT_BACKGROUND_BYTES = env_int("CCHC_IMPORT_BACKGROUND_BYTES", 5 * 1024 * 1024)
# Compressed-file bombs (cchc.lib.zipguard): a workbook that unpacks to more than this, or whose sheet
# declares more cells, is refused before any parser sees it.
CCHC_IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("CCHC_IMPORT_MAX_UNCOMPRESSED_BYTES", 256 * 1024 * 1024)
CCHC_IMPORT_MAX_CELLS = env_int("CCHC_IMPORT_MAX_CELLS", 10_000_000)
# A background job running longer than this fails with its reason; the next worker start (or job)
# marks any batch still "running" past it as failed (a killed worker leaves nothing running for ever).
CCHC_JOB_TIME_LIMIT_SECONDS = env_int("CCHC_JOB_TIME_LIMIT_SECONDS", 2 * 3600)
# CSV files of at least this many lines try the columnar import path first (0: never).
CCHC_IMPORT_COLUMNAR_MIN_ROWS = env_int("CCHC_IMPORT_COLUMNAR_MIN_ROWS", 2000)
# The most of a CSV the columnar path holds as columns at once; a larger file is read slice by slice.
# The import's peak memory grows with it (docs/benchmarks.md): 64 MB keeps a million dossiers under
# 1 GB, 256 MB took 2.3 GB.
CCHC_IMPORT_COLUMNAR_MAX_BYTES = env_int("CCHC_IMPORT_COLUMNAR_MAX_BYTES", 64 * 1024 * 1024)
# A columnar import of at least this many new dossiers into empty ledger tables drops their secondary
# indexes inside its transaction and builds them once after the writes (``dossiers/deferred_indexes``).
CCHC_IMPORT_REBUILD_INDEXES_MIN_ROWS = env_int("CCHC_IMPORT_REBUILD_INDEXES_MIN_ROWS", 100_000)
CCHC_API_MAX_DOSSIERS = env_int("CCHC_API_MAX_DOSSIERS", 1000)  # per push-API request
CCHC_API_MAX_PROGRESS = env_int("CCHC_API_MAX_PROGRESS", 100)
CCHC_LOOKUP_RATE_PER_HOUR = env_int("CCHC_LOOKUP_RATE_PER_HOUR", 20)  # public look-ups per requester address
# Wrong answers for one code + phone pair per hour; no limit counts per code alone (that locked the
# look-up of a predictable code for its own applicant).
CCHC_LOOKUP_WRONG_PAIR_PER_HOUR = env_int("CCHC_LOOKUP_WRONG_PAIR_PER_HOUR", 5)
# docs/rules/late-dossiers.md: the apology comes at least one day before the deadline; counted in working days
# by default (the texts say "một ngày" without saying which kind).
CCHC_APOLOGY_NOTICE_WORKING_DAYS = env_bool("CCHC_APOLOGY_NOTICE_WORKING_DAYS", True)

# --- citizen voice (docs/feedback.md; docs/rules/petitions.md, docs/rules/indices.md)
# ----------------

CCHC_FEEDBACK_REJECT_WORKING_DAYS = env_int("CCHC_FEEDBACK_REJECT_WORKING_DAYS", 2)
CCHC_FEEDBACK_INFO_REQUEST_WORKING_DAYS = env_int("CCHC_FEEDBACK_INFO_REQUEST_WORKING_DAYS", 5)
CCHC_FEEDBACK_PROCESS_WORKING_DAYS = env_int("CCHC_FEEDBACK_PROCESS_WORKING_DAYS", 15)
CCHC_FEEDBACK_PUBLISH_WORKING_DAYS = env_int("CCHC_FEEDBACK_PUBLISH_WORKING_DAYS", 2)
CCHC_FEEDBACK_TRANSFER_WORKING_DAYS = env_int("CCHC_FEEDBACK_TRANSFER_WORKING_DAYS", 5)
CCHC_ACCOUNTABILITY_ACCEPT_WORKING_DAYS = env_int("CCHC_ACCOUNTABILITY_ACCEPT_WORKING_DAYS", 5)
CCHC_ACCOUNTABILITY_ANSWER_DAYS = env_int("CCHC_ACCOUNTABILITY_ANSWER_DAYS", 15)
CCHC_ACCOUNTABILITY_EXTENSION_MAX_DAYS = env_int("CCHC_ACCOUNTABILITY_EXTENSION_MAX_DAYS", 15)
CCHC_FEEDBACK_PAUSE_WHILE_AWAITING_INFO = env_bool("CCHC_FEEDBACK_PAUSE_WHILE_AWAITING_INFO", True)
CCHC_FEEDBACK_RATE_LIMITS = env_bool("CCHC_FEEDBACK_RATE_LIMITS", True)
CCHC_FEEDBACK_RATE_PER_IP_HOUR = env_int("CCHC_FEEDBACK_RATE_PER_IP_HOUR", 10)
CCHC_FEEDBACK_RATE_PER_PHONE_DAY = env_int("CCHC_FEEDBACK_RATE_PER_PHONE_DAY", 5)
CCHC_FEEDBACK_LOOKUPS_PER_HOUR = env_int("CCHC_FEEDBACK_LOOKUPS_PER_HOUR", 20)
CCHC_FEEDBACK_TRUST_X_FORWARDED_FOR = env_bool("CCHC_FEEDBACK_TRUST_X_FORWARDED_FOR", False)
CCHC_FEEDBACK_MIN_FILL_SECONDS = env_int("CCHC_FEEDBACK_MIN_FILL_SECONDS", 3)
CCHC_FEEDBACK_JURISDICTION = env_str("CCHC_FEEDBACK_JURISDICTION", "")
CCHC_FEEDBACK_TRIAGE_UNIT = env_str("CCHC_FEEDBACK_TRIAGE_UNIT", "VP")
CCHC_FEEDBACK_IMAP_HOST = env_str("CCHC_FEEDBACK_IMAP_HOST", "")
CCHC_FEEDBACK_IMAP_PORT = env_int("CCHC_FEEDBACK_IMAP_PORT", 993)
CCHC_FEEDBACK_IMAP_SSL = env_bool("CCHC_FEEDBACK_IMAP_SSL", True)
CCHC_FEEDBACK_IMAP_USER = env_str("CCHC_FEEDBACK_IMAP_USER", "")
CCHC_FEEDBACK_IMAP_PASSWORD = env_str("CCHC_FEEDBACK_IMAP_PASSWORD", "")
CCHC_FEEDBACK_IMAP_FOLDER = env_str("CCHC_FEEDBACK_IMAP_FOLDER", "INBOX")
CCHC_FEEDBACK_EMAIL_CATEGORY = env_str("CCHC_FEEDBACK_EMAIL_CATEGORY", "KHAC")
CCHC_OPEN311_SERVICE_TYPE = env_str("CCHC_OPEN311_SERVICE_TYPE", "realtime")

# First page: "due soon" in working days of the unit's calendar (UNCONFIRMED; the ladder's first rung).
CCHC_HOME_DUE_SOON_WORKING_DAYS = env_int("CCHC_HOME_DUE_SOON_WORKING_DAYS", 3)

# Early warning (docs/early-warning.md): an item is "at risk" from this chance of finishing late (a
# percentage; the threshold the backtest chose on the demo year), history over a rolling window of calendar
# days, and at least this many comparable finished items before a unit's own history is used.
CCHC_EARLY_WARNING_THRESHOLD_PERCENT = env_int("CCHC_EARLY_WARNING_THRESHOLD_PERCENT", 45)
CCHC_EARLY_WARNING_WINDOW_DAYS = env_int("CCHC_EARLY_WARNING_WINDOW_DAYS", 180)
CCHC_EARLY_WARNING_MIN_HISTORY = env_int("CCHC_EARLY_WARNING_MIN_HISTORY", 20)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# --- scorecards (the city's reform index) ----------------------------------------------------------

# Largest evidence file a unit may attach to a self-assessed criterion (a choice, not a rule).
CCHC_EVIDENCE_MAX_MB = env_int("CCHC_EVIDENCE_MAX_MB", 10)
