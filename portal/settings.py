"""The one settings module, read from the environment.

Every value that differs between machines comes from an environment variable; bad values fail at
start-up rather than at the first request. Outside DEBUG the defaults are the safe ones, so
`manage.py check --deploy` is clean with production-like variables.
"""

from datetime import date, timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def env_bool(name: str, *, default: bool) -> bool:
    """Like env.bool, but a value that is neither true nor false is an error, not False."""
    raw = env.str(name, default=str(default)).strip().lower()
    if raw not in _TRUE | _FALSE:
        raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")
    return raw in _TRUE


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only: a fixed key is harmless when DEBUG is on and nothing is public.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

COUNCIL_NAME = env.str("COUNCIL_NAME", default="Wyebridge District Council")
SERVICE_NAME = env.str("SERVICE_NAME", default="Contact the council")


def env_date(name: str, *, default: str) -> date:
    """A date setting written YYYY-MM-DD; anything else stops the start, naming the variable."""
    raw = env.str(name, default=default).strip()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a date like 2026-11-20, not {raw!r}.") from None


# The accessibility statement says when it was prepared and last reviewed (the 2018 regulations
# require both): change them when the statement is reviewed, without a release.
ACCESSIBILITY_STATEMENT_PREPARED = env_date("ACCESSIBILITY_STATEMENT_PREPARED", default="2026-11-20")
ACCESSIBILITY_STATEMENT_REVIEWED = env_date("ACCESSIBILITY_STATEMENT_REVIEWED", default="2026-12-02")

INSTALLED_APPS = [
    # Ours, top of the stack first (see docs/architecture.md for the import direction).
    "portal",
    "contacts",
    "cases",
    "standards",
    "directory",
    "core",
    # Third party.
    "crispy_forms",
    "crispy_forms_gds",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "django_celery_beat",
    "csp",
    "axes",
    # Database triggers: the case timeline is append-only in PostgreSQL itself.
    "pgtrigger",
    # Django.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
]

# Benchmark-only endpoints (the write and read floors of `make bench`, see docs/performance.md).
# Off by default: the app, its table and its URLs exist only when this is switched on.
BENCH_ENDPOINTS = env_bool("BENCH_ENDPOINTS", default=False)
if BENCH_ENDPOINTS:
    INSTALLED_APPS.append("bench.floor")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above WhiteNoise so static files and every refusal below carry the headers too.
    "csp.middleware.CSPMiddleware",
    "core.middleware.ResponseHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Refuses TRACE and oversized bodies before any view (or CSRF's process_view) reads the body.
    "core.middleware.RequestLimitsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: it turns a sign-in it has locked out into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.root_urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

# --- Database: PostgreSQL only. -------------------------------------------------------------
DATABASE_URL = env.str("DATABASE_URL", default="")
if not DATABASE_URL:
    raise ImproperlyConfigured(
        "DATABASE_URL is not set. Use `make run` / `make test`, which start an embedded "
        "PostgreSQL, or point DATABASE_URL at a PostgreSQL server."
    )
_db = env.db_url_config(DATABASE_URL)
if _db["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must be a postgres:// URL: this project runs on PostgreSQL only.")
# django-environ puts a socket directory given as ?host=/dir into OPTIONS; libpq wants it as HOST.
_socket_host = _db.get("OPTIONS", {}).pop("host", None)
if _socket_host:
    _db["HOST"] = _socket_host
_db["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
_db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: broker, cache (rate limits) and results. ----------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL is not set. Use `make run` / `make test`, which start an embedded Redis, "
        "or point REDIS_URL at a Redis server."
    )
if not REDIS_URL.startswith(("redis://", "rediss://", "redis+socket://", "unix://")):
    raise ImproperlyConfigured("REDIS_URL must be a redis://, rediss:// or redis+socket:// URL.")
# redis-py spells a Unix socket unix://; Celery (kombu) spells it redis+socket://.
REDIS_CLIENT_URL = REDIS_URL.replace("redis+socket://", "unix://", 1)

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_CLIENT_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="portal"),
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    },
    # django-ratelimit's counts: in Redis, or in PostgreSQL while Redis is unreachable (core/cache.py),
    # so a Redis outage neither stops password resets nor lifts the limits.
    "ratelimit": {
        "BACKEND": "core.cache.RateLimitCache",
        "LOCATION": REDIS_CLIENT_URL,
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="portal"),
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        "RETRY_SECONDS": 10,
    },
}

CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_ALWAYS_EAGER = False
# Late acknowledgement only for the tasks that may run twice (core.tasks.IdempotentTask).
CELERY_TASK_ACKS_LATE = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Every task has a time limit: a task stuck on a dead connection is killed, not waited on forever.
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
# A late-acknowledged task goes back to the queue when its worker has not acknowledged it within
# this time; no countdown or ETA may be longer (long waits are due times in the database).
# Shorter only where a test kills a worker and waits for its task to come back.
TASK_VISIBILITY_SECONDS = env.int("TASK_VISIBILITY_SECONDS", default=3600)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/London"
# A submission never waits on a broker that is down: publishing gives up fast and the outbox
# (core.OutboundEmail) keeps what must still be sent.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
    "max_retries": 1,
    "visibility_timeout": TASK_VISIBILITY_SECONDS,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Every five minutes: a warning is at most this late. Long waits are due times in the database,
# never a countdown in the broker.
CHASE_EVERY_SECONDS = env.int("CHASE_EVERY_SECONDS", default=300)
CELERY_BEAT_SCHEDULE = {
    "email-flush-pending": {"task": "core.tasks.email_flush_pending", "schedule": crontab(minute="*")},
    "sign-in-records-purge": {"task": "core.tasks.sign_in_records_purge", "schedule": crontab(hour=3, minute=17)},
    # The chaser (cases.services.chase_run): warnings, escalations, residents' holding updates.
    "chase-run": {"task": "cases.tasks.chase_run", "schedule": CHASE_EVERY_SECONDS},
    "attachments-pending-purge": {
        "task": "cases.tasks.attachments_pending_purge",
        "schedule": crontab(hour=3, minute=41),
    },
}

# --- Email. -------------------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Wyebridge District Council <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Auth. --------------------------------------------------------------------------------------
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:staff-home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


def env_int_at_least(name: str, *, default: int, minimum: int) -> int:
    """An integer setting of at least `minimum`; anything else stops the start, naming the variable."""
    raw = env.str(name, default=str(default)).strip()
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


# Proxies in front of the app that append to X-Forwarded-For (the HTTPS proxy: 1). Every rate
# limit and lockout counts per client address read through core.client_ip; 0 never reads the
# header, which a client can set.
TRUSTED_PROXY_COUNT = env_int_at_least("TRUSTED_PROXY_COUNT", default=0, minimum=0)

# Sign-in throttling (django-axes, counted in PostgreSQL, so it works with Redis down): the staff
# sign-in and Django admin's login lock a client address, and separately an account, after
# LOGIN_FAILURE_LIMIT failures, until LOGIN_COOL_OFF_MINUTES pass without another attempt.
# AxesStandaloneBackend (core's subclass) comes first so a locked-out sign-in is refused before
# any password is checked.
AUTHENTICATION_BACKENDS = [
    "core.auth_backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int_at_least("LOGIN_FAILURE_LIMIT", default=10, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int_at_least("LOGIN_COOL_OFF_MINUTES", default=15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"
# The same page and status whether or not the account exists (portal.views.locked_out).
AXES_LOCKOUT_CALLABLE = "portal.views.locked_out"
# One log line per event, not several; usernames and addresses in it stay masked (axes' default
# AXES_SENSITIVE_PARAMETERS): a mistyped username is often the password.
AXES_VERBOSE = False
# Every sign-in (username, address, browser) is recorded for audit; kept this many days, then
# deleted by a daily task (core.tasks.sign_in_records_purge).
SIGN_IN_RECORDS_DAYS = env_int_at_least("SIGN_IN_RECORDS_DAYS", default=90, minimum=1)
# A resolved case can be reopened for this many days after its resolution; later, a new case is raised.
CASE_REOPEN_DAYS = env_int_at_least("CASE_REOPEN_DAYS", default=28, minimum=1)

# --- The front door: online forms and tracking (contacts). --------------------------------------
# Where the portal is published: the links in emails (a tracking link) are built on it.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
# Acknowledgement emails one address gets in 24 hours at most; the form still works past it.
CONTACT_ACKNOWLEDGEMENTS_PER_DAY = env_int_at_least("CONTACT_ACKNOWLEDGEMENTS_PER_DAY", default=3, minimum=1)
# Answers in progress are kept this long after the resident's last step (the page warns first).
CONTACT_DRAFT_MINUTES = env_int_at_least("CONTACT_DRAFT_MINUTES", default=60, minimum=5)
# Satisfaction surveys: a link lasts this many days, and a customer is invited at most once in
# this many days (a survey after every call would go unread).
SURVEY_LINK_DAYS = env_int_at_least("SURVEY_LINK_DAYS", default=28, minimum=1)
SURVEY_QUIET_DAYS = env_int_at_least("SURVEY_QUIET_DAYS", default=30, minimum=0)
# Survey answers sent per client address (a link takes one answer; this stops a flood of posts).
SURVEY_RATE = env.str("SURVEY_RATE", default="10/m")
# Forms sent per client address and per email address (django-ratelimit, CACHES["ratelimit"]).
CONTACT_FORM_RATE_IP = env.str("CONTACT_FORM_RATE_IP", default="20/h")
CONTACT_FORM_RATE_EMAIL = env.str("CONTACT_FORM_RATE_EMAIL", default="10/h")
# Tracking look-ups per client address: a reference cannot be guessed at speed.
TRACKING_RATE = env.str("TRACKING_RATE", default="10/m")
# Files residents upload with a form: where they are kept (outside the web root), how many, how big.
ATTACHMENTS_ROOT = Path(env.str("ATTACHMENTS_ROOT", default=str(BASE_DIR / "var" / "attachments")))
ATTACHMENTS_PER_FORM = env_int_at_least("ATTACHMENTS_PER_FORM", default=3, minimum=1)
ATTACHMENT_MAX_BYTES = env_int_at_least("ATTACHMENT_MAX_BYTES", default=5 * 1024 * 1024, minimum=1024)
# Files sent per client address: a form takes ATTACHMENTS_PER_FORM, but a new session is a new
# form, so this is what stops a robot filling the disk (30 an hour: 150 MB at most).
ATTACHMENT_UPLOAD_RATE_IP = env.str("ATTACHMENT_UPLOAD_RATE_IP", default="30/h")

# Password resets allowed per client address (django-ratelimit, counted in CACHES["ratelimit"]).
PASSWORD_RESET_RATE = env.str("PASSWORD_RESET_RATE", default="5/m")
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_IP_META_KEY = "core.client_ip.client_ip"
RATELIMIT_VIEW = "portal.views.rate_limited"

# --- Security: safe unless DEBUG. ---------------------------------------------------------------
SECURE = not DEBUG and env_bool("SECURE", default=True)
SECURE_SSL_REDIRECT = SECURE and env_bool("SECURE_SSL_REDIRECT", default=True)
# The proxy says whether the request came over HTTPS; without a trusted proxy nothing may (a client
# could claim it and skip the redirect to HTTPS).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4 format). Every script and stylesheet is a static file, so
# nothing inline runs: no 'unsafe-inline', no nonces. Django admin (5.2) works under the same
# policy, so it gets no looser one: its scripts read their data from data- attributes, and its
# one <style> block is only on change lists of a ModelAdmin with both actions_on_top and
# actions_on_bottom off, which none here sets (tests/portal/test_browser_csp.py opens the admin
# in Chromium and fails on any violation).
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_NONE],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
        **({"upgrade-insecure-requests": True} if SECURE else {}),
    },
}
# Features the site never uses, denied to every page and anything it might embed.
# interest-cohort (FLoC) and browsing-topics (its successor) keep the site out of ad profiling.
# Only features Chromium knows: it logs an error for each unknown one (bluetooth, battery, ...).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "encrypted-media",
        "geolocation", "gyroscope", "hid", "idle-detection", "interest-cohort", "local-fonts",
        "magnetometer", "microphone", "midi", "otp-credentials", "payment", "picture-in-picture",
        "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "window-management",
        "xr-spatial-tracking",
    )
}  # fmt: skip
# Staff responses: never kept in a (shared) browser cache (core.middleware.ResponseHeadersMiddleware).
# A resident's answers in progress, their tracking page and survey: personal data, on shared computers too.
NO_STORE_PATH_PREFIXES = ["/staff/", "/admin/", "/contact/", "/track/", "/survey/"]
NO_STORE_SIGNED_IN_PATH_PREFIXES = ["/api/"]
# Largest request body accepted (413 above it, before anything reads it): the CSV import takes
# files up to 2 MB and a form's photo up to ATTACHMENT_MAX_BYTES (5 MB), plus the multipart framing.
# The HTTPS proxy must set the same limit.
MAX_REQUEST_BODY_BYTES = env_int_at_least("MAX_REQUEST_BODY_BYTES", default=6 * 1024 * 1024, minimum=1)
# Form fields other than files are held in memory; no form here has more than a few KB of them.
DATA_UPLOAD_MAX_MEMORY_SIZE = min(MAX_REQUEST_BODY_BYTES, 1024 * 1024)

# --- Internationalisation. ----------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files. ------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Tests use plain storage: live_server does not serve manifest-hashed names (pages go unstyled).
_STATIC_STORAGE = env.str("STATICFILES_STORAGE", default="") or (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": _STATIC_STORAGE},
}

# --- Forms and API. -----------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

REST_FRAMEWORK = {
    # core: bad input is a 400 (never a 500), and the schema lists the refusals.
    "DEFAULT_SCHEMA_CLASS": "core.api_schema.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": [
        "core.api.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.Pagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Council customer-services portal API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}


class _ClientErrorsOnOneLine:
    """Drops the traceback from records of 4xx responses: Django logs a refused permission (403)
    or a bad request (400) with the exception that caused it, though each is an expected event;
    one line says all there is. 5xx records keep their traceback."""

    def filter(self, record) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = record.exc_text = None
        return True


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_on_one_line": {"()": _ClientErrorsOnOneLine}},
    # On the handler too: a logger's filters miss records from its children (django.security.*).
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["client_errors_on_one_line"]}},
    "loggers": {"django.request": {"filters": ["client_errors_on_one_line"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
