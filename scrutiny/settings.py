"""Settings for scrutiny, all read from the environment (see the README's Configuration)."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from scrutiny.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "django-insecure-development-only-never-use-in-production")
else:
    try:
        SECRET_KEY = env_str("SECRET_KEY")
    except ImproperlyConfigured:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off: generate one with "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        ) from None

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

COUNCIL_NAME = env_str("COUNCIL_NAME", "Lincolnshire County Council")
SERVICE_NAME = "Children's services scrutiny"
# The council's own authority, by either code (old three-digit or ONS nine-character).
OUR_AUTHORITY = env_str("OUR_AUTHORITY", "925")
# How figures are rated: "default" (Achieved / Within tolerance / Not achieved), "exceeded"
# (also a blue Exceeded beyond the better end of the band) or "tolerance_achieved".
RAG_SCHEME = env_choice("RAG_SCHEME", "default", ["default", "exceeded", "tolerance_achieved"])
# Where the public ask for papers in another format or report accessibility problems.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "")
# The agenda pack's cover letter: who signs it, the address it comes from, where papers live.
CHIEF_EXECUTIVE = env_str("CHIEF_EXECUTIVE", "Tony McArdle")
CHIEF_EXECUTIVE_TITLE = env_str("CHIEF_EXECUTIVE_TITLE", "Chief Executive")
COUNCIL_ADDRESS = env_list("COUNCIL_ADDRESS", ["County Offices", "Newland", "Lincoln", "LN1 1YL"])
PAPERS_URL = env_str("PAPERS_URL", "www.lincolnshire.gov.uk/committeerecords")
# kaleido draws the pack's charts in this Chromium (it never downloads one).
BROWSER_PATH = env_str("BROWSER_PATH", "/usr/bin/chromium")
# Uploaded papers: refused when saved if over these limits (checked again in each build).
PAPER_MAX_MB = env_int("PAPER_MAX_MB", 20)
PAPER_MAX_PAGES = env_int("PAPER_MAX_PAGES", 1000)
PAPER_MAX_DECOMPRESSED_MB = env_int("PAPER_MAX_DECOMPRESSED_MB", 512)
PAPER_MAX_DEPTH = env_int("PAPER_MAX_DEPTH", 100)
if not 1 <= PAPER_MAX_DEPTH <= 100:
    # qpdf, which reads and merges uploads, refuses page trees deeper than about 100.
    raise ImproperlyConfigured(f"PAPER_MAX_DEPTH must be from 1 to 100, not {PAPER_MAX_DEPTH}.")
PAPER_CHECK_SECONDS = env_int("PAPER_CHECK_SECONDS", 30)
# A pack build's time budget, its steps' own limits, and the memory of its child processes.
PACK_BUILD_SECONDS = env_int("PACK_BUILD_SECONDS", 600)
PACK_BROWSER_SECONDS = env_int("PACK_BROWSER_SECONDS", 30)
PACK_CHART_SECONDS = env_int("PACK_CHART_SECONDS", 30)
PACK_MEMORY_MB = env_int("PACK_MEMORY_MB", 2048)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "simple_history",
    "import_export",
    "django_filters",
    "django_tables2",
    "scrutiny",
    "measures",
    "committees",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "scrutiny.middleware.CapQueryLengthMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "scrutiny.urls"
WSGI_APPLICATION = "scrutiny.wsgi.application"

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
                "scrutiny.context_processors.service",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Throttle repeated failed sign-ins per username and address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind PROXY_COUNT proxies, each appending the address it was reached from to
# X-Forwarded-For, the client is that header's PROXY_COUNT-th address from the right;
# anything further left was written by the client and is ignored (django-ipware counts
# only the addresses after the client's, hence the - 1, and strict off lets a forged
# prefix through to be skipped rather than discarding the whole header).
PROXY_COUNT = env_int("PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"PROXY_COUNT must be 0 or more, not {PROXY_COUNT}.")
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1
    AXES_IPWARE_META_PRECEDENCE_ORDER: tuple[str, ...] = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names let browsers cache assets for ever; DEBUG serves them unhashed.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = True

# Security: production defaults, relaxed only by DEBUG or an explicit variable.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Load balancers check health over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("BEHIND_PROXY", False):
    # The proxy terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG and not SECURE_SSL_REDIRECT:
    # An explicit choice: the proxy in front redirects plain HTTP itself.
    SILENCED_SYSTEM_CHECKS = ["security.W008"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        name: {"level": "WARNING"}
        # Chatty at INFO: WeasyPrint logs every page laid out, choreographer every browser tab.
        for name in [
            "axes",
            "weasyprint",
            "fontTools",
            "choreographer",
            "kaleido",
            "logistro",
            "pikepdf",
        ]
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# Background work (issue 16): pack builds, national imports, scheduled publication and e-mail
# run as tasks of Django's tasks framework (the django-tasks backport). The database backend
# needs no other server and works on SQLite and PostgreSQL; `manage.py db_worker` runs them.
# Larger installations may use Redis through RQ (TASKS_BACKEND=rq, REDIS_URL, and the [rq]
# extra installed), with `manage.py rqworker default --job-class django_tasks_rq.Job` as the
# worker (RQ's own job class cannot run a django-tasks task).
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
TASKS_BACKEND = env_choice("TASKS_BACKEND", "database", ["database", "rq"])
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "rq": "django_tasks_rq.RQBackend",
        }[TASKS_BACKEND],
        "QUEUES": ["default"],
    }
}
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")}}
# A worker started again marks the builds and imports it was running as failed; its id is
# the host's name unless given, so give each worker on one host its own --worker-id.
# Password reset e-mail (issue 15) and later alerts go through Django's e-mail API.
# Messages are handed to a task, which sends them through MAIL_DELIVERY_BACKEND (SMTP by
# default; the console in DEBUG), so a slow mail server never holds up a page.
EMAIL_BACKEND = "scrutiny.mail.TaskEmailBackend"
MAIL_DELIVERY_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", CONTACT_EMAIL or "webmaster@localhost")
# How long a reset link works, in seconds (Django's default is three days; an hour is enough).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3600)

# Caching with a data version (scrutiny/caching.py): public pages and costly values are kept
# until published data changes. The database cache (table scrutiny_cache, made by migrate) is
# shared by every gunicorn worker; "redis" needs CACHE_LOCATION=redis://host:6379/0 and the
# redis package; "locmem" keeps a cache in each process; "dummy" keeps nothing.
CACHE_BACKEND = env_choice("CACHE_BACKEND", "database", ["database", "redis", "locmem", "dummy"])
CACHES = {
    "default": {
        "BACKEND": {
            "database": "django.core.cache.backends.db.DatabaseCache",
            "redis": "django.core.cache.backends.redis.RedisCache",
            "locmem": "django.core.cache.backends.locmem.LocMemCache",
            "dummy": "django.core.cache.backends.dummy.DummyCache",
        }[CACHE_BACKEND],
        "LOCATION": env_str(
            "CACHE_LOCATION", "scrutiny_cache" if CACHE_BACKEND == "database" else ""
        ),
        # Entries are keyed on the data version, so old ones are never read again: they only
        # wait to expire or be culled.
        "TIMEOUT": env_int("CACHE_SECONDS", 86_400),
    }
}
if CACHE_BACKEND in ("database", "locmem"):
    CACHES["default"]["OPTIONS"] = {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5_000)}

# Content-Security-Policy, the other security headers and structured logs (issue 16).
# Scripts only from the site's own files: no inline script or on* attribute anywhere (charts
# read their figures from <script type="application/json"> blocks). Styles allow
# 'unsafe-inline' because plotly.js inserts a <style> element and sets style attributes as it
# draws, which a nonce cannot cover; with scripts locked down, injected CSS cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        # Plotly's "download as PNG" draws the chart through data: and blob: images.
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Referrer-Policy, X-Content-Type-Options and Cross-Origin-Opener-Policy come from Django's
# SecurityMiddleware (SECURE_REFERRER_POLICY and SECURE_CONTENT_TYPE_NOSNIFF above, and
# SECURE_CROSS_ORIGIN_OPENER_POLICY here).
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# The service uses none of these browser features, so no page (or anything it embeds) may.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
}
INSTALLED_APPS.append("csp")
# The request log is outermost, so its time and status are the whole request's.
MIDDLEWARE.insert(0, "scrutiny.logs.RequestLogMiddleware")
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
    "django_permissions_policy.PermissionsPolicyMiddleware",
)
# One JSON line per request and per task start, finish or failure, for log collectors.
LOGGING["formatters"] = {
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": ["asctime", "levelname", "name", "message"],
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
    }
}
_handlers, _loggers = LOGGING["handlers"], LOGGING["loggers"]
assert isinstance(_handlers, dict) and isinstance(_loggers, dict)
_handlers["structured"] = {"class": "logging.StreamHandler", "formatter": "json"}
for _logger in ("scrutiny.requests", "scrutiny.tasks"):
    _loggers[_logger] = {"handlers": ["structured"], "level": "INFO", "propagate": False}

# The pack's charts (issue 16): Chromium tabs drawing at once, and how long a drawn chart's
# SVG is kept (MEDIA_ROOT/cache/charts) after a build last used it.
PACK_CHART_TABS = env_int("PACK_CHART_TABS", 1)
PACK_CHART_CACHE_DAYS = env_int("PACK_CHART_CACHE_DAYS", 90)

# The open data API (scrutiny/api): answers open to any site's scripts, conditional GETs, and
# API_RATE_LIMIT requests a minute from each client address not signed in, counted in the
# default cache (with several server processes, configure a shared one).
MIDDLEWARE.insert(
    MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "scrutiny.api.middleware.OpenDataMiddleware"
)
API_RATE_LIMIT = env_int("API_RATE_LIMIT", 120)
if API_RATE_LIMIT < 1:
    raise ImproperlyConfigured(f"API_RATE_LIMIT must be 1 or more, not {API_RATE_LIMIT}.")
NINJA_NUM_PROXIES = PROXY_COUNT

# Members' questions (issue 18): how many clear working days before a meeting questions close.
QUESTION_CLEAR_DAYS = env_int("QUESTION_CLEAR_DAYS", 3)
if QUESTION_CLEAR_DAYS < 0:
    raise ImproperlyConfigured(f"QUESTION_CLEAR_DAYS must be 0 or more, not {QUESTION_CLEAR_DAYS}.")
# E-mail alerts (issue 17, scrutiny/alerts): anyone may follow a committee or a measure by
# e-mail. Messages link back to SITE_URL (the worker sends them with no request to read the
# address from); a confirmation link works for ALERT_CONFIRM_DAYS days, after which what it
# would have confirmed is deleted.
INSTALLED_APPS += ["scrutiny.alerts"]
_SITE_HOST = next((h for h in ALLOWED_HOSTS if h != "*" and not h.startswith(".")), "")
SITE_URL = env_str(
    "SITE_URL", f"https://{_SITE_HOST}" if _SITE_HOST and not DEBUG else "http://127.0.0.1:8000"
)
ALERT_CONFIRM_DAYS = env_int("ALERT_CONFIRM_DAYS", 7)
if ALERT_CONFIRM_DAYS < 1:
    raise ImproperlyConfigured(f"ALERT_CONFIRM_DAYS must be 1 or more, not {ALERT_CONFIRM_DAYS}.")
