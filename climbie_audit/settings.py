"""Settings for Climbié Audit.

Every value that differs between machines is read from the environment here and nowhere else.
CLIMBIE_ENV=production switches on the hardened defaults that `check --deploy` expects.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


ENVIRONMENT = os.environ.get("CLIMBIE_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_flag("DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when CLIMBIE_ENV=production.")
    # Development only: a fixed key keeps sessions alive across restarts of `make run`.
    SECRET_KEY = "development-only-key-not-for-production-use-0123456789abcdefghijklmnop"

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The test database on SQLite is a file, not Django's default in-memory one: the live server
    # the browser tests drive would otherwise share the test thread's single connection across
    # threads ("cannot open savepoint - SQL statements in progress" on a busy machine). With a
    # file each server thread opens its own. pytest-xdist workers get _gw0, _gw1... appended.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-artifacts" / "test-db.sqlite3")}

# --- Cache -------------------------------------------------------------------------------------
# Only figures of records that never change are cached, by id (docs/decisions/0003), so a cache
# local to each process is correct. REDIS_URL (redis://127.0.0.1:6379/1) shares one between app
# servers, so that each figure is counted once; CACHE_BACKEND=database selects the database cache
# instead (run `manage.py createcachetable` once).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_BACKEND = os.environ.get("CACHE_BACKEND", "redis" if REDIS_URL else "locmem")
if CACHE_BACKEND == "redis":
    if not REDIS_URL:
        raise ImproperlyConfigured("CACHE_BACKEND=redis needs REDIS_URL.")
    CACHES: dict[str, dict[str, object]] = {
        "default": {
            # Redis away means an empty cache, never an error page (climbie_audit/cache.py).
            "BACKEND": "climbie_audit.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that stops answering costs a request at most these timeouts, then is
            # left alone for a few seconds.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
            # One Redis may serve several deployments (or a load test beside a live service).
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "climbie"),
        }
    }
elif CACHE_BACKEND == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "climbie_cache",
        }
    }
elif CACHE_BACKEND == "locmem":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            # Django's default of 300 entries is less than the national overview keeps (one entry
            # per submitted return and per issued evaluation, about 150 councils).
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
else:
    raise ImproperlyConfigured(
        f"CACHE_BACKEND must be redis, database or locmem, not {CACHE_BACKEND!r}."
    )

# --- Task queue and documents (issue 17, docs/decisions/0012) --------------------------------------
# Draft PDFs are rendered by `manage.py db_worker` (started by `make run`) from jobs kept in the
# database, SQLite or PostgreSQL alike. TASKS_BACKEND=immediate runs each job as it is asked for
# (the tests do, except those about the queue).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASKS_BACKEND],
    }
}
# Past this a PDF stops rendering with a clear message (gunicorn's own timeout is 60 s).
PDF_TIME_LIMIT_SECONDS = float(os.environ.get("PDF_TIME_LIMIT_SECONDS", "20"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "axes",
    # Two-factor sign-in (docs/decisions/0006-accounts-and-two-factor.md): authenticator apps
    # (TOTP) and recovery codes (static tokens).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The task queue (issue 17): Django's tasks API (django-tasks backport), jobs in the database.
    "django_tasks",
    "django_tasks_db",
    "climbie_audit",
    "standards",
    "evaluations",
    "reports",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL byte anywhere in the path is a 404 before anything reads the path.
    "climbie_audit.middleware.NulBytePathMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed its second factor?
    "django_otp.middleware.OTPMiddleware",
    # Sessions end 12 hours after sign-in, however busy (beside the 30-minute idle timeout).
    "climbie_audit.accounts.middleware.AbsoluteSessionLifetimeMiddleware",
    # A person with a second factor, or who must have one, sees nothing else until it is done.
    "climbie_audit.accounts.middleware.SecondFactorMiddleware",
    # Anonymous visitors see only the sign-in page: views opt out with @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "climbie_audit.audit_log.AuditLogMiddleware",
    # Last, as django-axes asks: it turns lockouts into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock it out for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Every sign-in input is bounded before anything stores it (no 500 for any length or byte).
AXES_USERNAME_CALLABLE = "climbie_audit.accounts.throttling.bounded_username"

# Request bodies (decision 0011). A standard page at every limit (15 criteria of evidence and
# improvement) is about 2 MB as the browser percent-encodes it; anything larger answers the
# GOV.UK "too large" page (400), never a 500. Uploaded workbooks have their own limit
# (standards.spreadsheet.upload_safety).
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

ROOT_URLCONF = "climbie_audit.urls"
WSGI_APPLICATION = "climbie_audit.wsgi.application"

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
                "climbie_audit.context_processors.service",
                # By name, as the URLs are: the open SSI queries the council's pages show (lazy).
                "evaluations.challenge.context_processors.challenge",
            ],
        },
    },
]

AUTH_USER_MODEL = "climbie_audit.User"
# Argon2id first: new passwords are hashed with it, and a PBKDF2 hash is rehashed with Argon2id
# the next time its owner signs in (Django does this for any hasher that is not first).
PASSWORD_HASHERS = [
    # OWASP's parameters, not Django's (climbie_audit/accounts/hashers.py says why).
    "climbie_audit.accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Accounts (issue 16) ---------------------------------------------------------------------------
# Every person signs in with a second factor in production; in development it is optional, so the
# demo sign-ins stay one step. REQUIRE_TWO_FACTOR=true|false overrides either.
REQUIRE_TWO_FACTOR = env_flag("REQUIRE_TWO_FACTOR", PRODUCTION)
# A forgotten-password link works once and for an hour; an invitation once and for 7 days.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_SECONDS", str(60 * 60)))
INVITATION_TIMEOUT = int(os.environ.get("INVITATION_SECONDS", str(7 * 24 * 60 * 60)))
OTP_TOTP_ISSUER = "Climbié Audit"
# Wrong codes slow further tries down (django-otp doubles the wait after each failure).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]


def file_storage(environ: "os._Environ[str] | dict[str, str]") -> dict[str, object]:
    """Where uploaded files (evidence documents) are kept: the local file system under
    MEDIA_ROOT by default; S3-compatible object storage when FILE_STORAGE=s3 (production), named
    by S3_BUCKET and, for a service other than AWS's, S3_ENDPOINT_URL. Credentials come from
    the usual AWS variables or the machine's role, never from here."""
    if environ.get("FILE_STORAGE", "filesystem") != "s3":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if not environ.get("S3_BUCKET"):
        raise ImproperlyConfigured("FILE_STORAGE=s3 needs S3_BUCKET")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environ["S3_BUCKET"],
            "endpoint_url": environ.get("S3_ENDPOINT_URL") or None,
            "region_name": environ.get("S3_REGION") or None,
            "default_acl": None,  # the bucket's own policy: private
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }


MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": file_storage(os.environ),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "climbie-audit@localhost")

SESSION_COOKIE_HTTPONLY = True
# Idle timeout: every request pushes expiry on; pages warn two minutes before it ends.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
# However busy, a session ends this long after its sign-in (ASVS 7.3.2).
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(12 * 60 * 60)))
SESSION_TIMEOUT_WARNING_SECONDS = 120
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host- cookies: the browser keeps them only if Secure, for path / and without a Domain,
    # so no other host (a sibling subdomain) can set or shadow them (ASVS 3.3.1).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SESSION_COOKIE_PATH = CSRF_COOKIE_PATH = "/"
    SESSION_COOKIE_DOMAIN = CSRF_COOKIE_DOMAIN = None
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SERVICE_NAME = "Climbié Audit"

# No inline script or style anywhere: every asset is a file the app serves itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Absolute address of the service, for links in emails.
SERVICE_URL = os.environ.get("SERVICE_URL", "http://127.0.0.1:8000")
