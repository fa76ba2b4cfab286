"""Settings for every environment, driven by environment variables.

Production differs from the local demo only by the values in the environment (see .env.example).
"""

import os
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

INSECURE_SECRET_KEYS = {"", "change-me", "dev-insecure-key"}
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if SECRET_KEY in INSECURE_SECRET_KEYS or len(SECRET_KEY) < 32:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 32 characters when DEBUG is off."
        )
    SECRET_KEY = SECRET_KEY or "dev-insecure-key"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_htmx",
    "simple_history",
    # project apps, lowest first: accounts <- clusters <- advisors <- engagements <- oversight
    "accounts",
    "clusters",
    "advisors",
    "engagements",
    "oversight",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "accounts.middleware.RequireTwoFactorMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "clusters"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, written out so they are visible and tunable
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# A sign-in or password confirmation this recent (seconds) lets a person make security changes without typing it again.
ACCOUNT_REAUTHENTICATION_TIMEOUT = int(os.environ.get("ACCOUNT_REAUTHENTICATION_TIMEOUT", "300"))
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Regional clusters"
# Key that encrypts TOTP secrets at rest; derived from SECRET_KEY when not set.
MFA_ENCRYPTION_KEY = os.environ.get("MFA_ENCRYPTION_KEY", "")

# Roles that must set up two-factor authentication before using the platform.
# Production: every role (OWASP ASVS level 2). The local demo sets it empty.
MFA_REQUIRED_ROLES = env_list(
    "MFA_REQUIRED_ROLES",
    "cluster_ceo,board_member,advisor,organisation_manager,curator,"
    "referent_interior,referent_treasury,head_referent,platform_admin",
)

INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "7"))
# Months after an advisory or oversight role ends during which the other kind cannot be held.
COOLING_OFF_MONTHS = int(os.environ.get("COOLING_OFF_MONTHS", "12"))
# Every date a form or URL takes must fall within these years: the clusters' history starts in the 2000s and
# plans, goals and reports reach a few decades ahead. Outside them a date is a typing error (year 1, 9999) that
# would otherwise overflow date arithmetic or be stored as nonsense.
DOMAIN_FIRST_YEAR = int(os.environ.get("DOMAIN_FIRST_YEAR", "2000"))
DOMAIN_LAST_YEAR = int(os.environ.get("DOMAIN_LAST_YEAR", "2100"))
# Trust X-Forwarded-For from this many proxies in front of the app when recording where a sign-in came from.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Languages: Hebrew is the default; Arabic and English are offered.
LANGUAGE_CODE = "he"
LANGUAGES = [("he", _("Hebrew")), ("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Jerusalem"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files live outside the web root and are served only through permission-checked views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Email (Django's MAILERS): the console in the local demo, SMTP from the environment in production.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
        "OPTIONS": {},
    }
}
if MAILERS["default"]["BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "25")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS"),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@clusters.localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people reach the platform: links in emails sent by background tasks start with it.
PLATFORM_URL = os.environ.get("PLATFORM_URL", "http://127.0.0.1:8000").rstrip("/")

# Celery: Redis broker in production; without REDIS_URL tasks run in-process (the embedded default).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}

# Security
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(timedelta(hours=12).total_seconds())
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
X_FRAME_OPTIONS = "DENY"
# Content Security Policy: scripts only from our own static files; inline style attributes are allowed
# (Bootstrap utilities and progress bars use them), inline scripts are not.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Tasks run in-process (no broker) would otherwise log each run and a warning about the in-memory broker.
    "loggers": (
        {"celery.app.trace": {"level": "WARNING"}, "kombu.connection": {"level": "ERROR"}}
        if CELERY_TASK_ALWAYS_EAGER
        else {}
    ),
}

# clusters
# The programme's composition criteria (shown as warnings) and how far behind an even path a goal may be
# before it is off track rather than at risk (a share of the way from baseline to target).
CLUSTERS_MIN_MEMBERS = int(os.environ.get("CLUSTERS_MIN_MEMBERS", "5"))
CLUSTERS_MAX_MEMBERS = int(os.environ.get("CLUSTERS_MAX_MEMBERS", "10"))
CLUSTERS_MIN_POPULATION = int(os.environ.get("CLUSTERS_MIN_POPULATION", "50000"))
CLUSTERS_MIN_SOCIOECONOMIC_SPREAD = int(os.environ.get("CLUSTERS_MIN_SOCIOECONOMIC_SPREAD", "3"))
CLUSTERS_AT_RISK_MARGIN = float(os.environ.get("CLUSTERS_AT_RISK_MARGIN", "0.2"))

# advisors
# A catalogue profile must be reconfirmed this often, or it leaves search until it is.
ADVISORS_RECONFIRM_MONTHS = int(os.environ.get("ADVISORS_RECONFIRM_MONTHS", "6"))
# The advisor is reminded this many days before the reconfirmation is due.
ADVISORS_REMINDER_DAYS_BEFORE = int(os.environ.get("ADVISORS_REMINDER_DAYS_BEFORE", "14"))
# Ratings are shown (and sorted and filtered on) only from this many reviews, to protect reviewers' privacy.
ADVISORS_MIN_REVIEWS_SHOWN = int(os.environ.get("ADVISORS_MIN_REVIEWS_SHOWN", "3"))
# PostgreSQL: minimum pg_trgm word similarity for a free-text word to match a profile.
ADVISORS_SEARCH_SIMILARITY = float(os.environ.get("ADVISORS_SEARCH_SIMILARITY", "0.5"))
CELERY_BEAT_SCHEDULE["advisors-reconfirmation-reminders"] = {
    "task": "advisors.tasks.send_reconfirmation_reminders",
    "schedule": timedelta(hours=24),
}

# oversight
# The red / amber / green rules of the oversight dashboard (see oversight/rules.py).
# A cluster incorporated this many months ago should operate at least one core service.
OVERSIGHT_CORE_SERVICE_GRACE_MONTHS = int(os.environ.get("OVERSIGHT_CORE_SERVICE_GRACE_MONTHS", "12"))
# A CEO seat vacant for more than this many days counts against the cluster.
OVERSIGHT_CEO_VACANCY_DAYS = int(os.environ.get("OVERSIGHT_CEO_VACANCY_DAYS", "60"))
# The board approves the year's work plan by this month and day of the plan year.
OVERSIGHT_WORK_PLAN_DUE_MONTH = int(os.environ.get("OVERSIGHT_WORK_PLAN_DUE_MONTH", "3"))
OVERSIGHT_WORK_PLAN_DUE_DAY = int(os.environ.get("OVERSIGHT_WORK_PLAN_DUE_DAY", "31"))
# Every cluster's status is recomputed and kept daily; each referent gets a weekly digest (Sunday morning).
CELERY_BEAT_SCHEDULE["oversight-record-statuses"] = {
    "task": "oversight.tasks.record_statuses",
    "schedule": crontab(hour=2, minute=30),
}
CELERY_BEAT_SCHEDULE["oversight-referent-digests"] = {
    "task": "oversight.tasks.send_referent_digests",
    "schedule": crontab(day_of_week="sunday", hour=7, minute=0),
}
# Periodic reports (see oversight/reports.py): a period lasts this many months (1, 2, 3, 4, 6 or 12),
OVERSIGHT_REPORT_PERIOD_MONTHS = int(os.environ.get("OVERSIGHT_REPORT_PERIOD_MONTHS", "3"))
# the first period reported starts on this date (a cluster reports once past the forming stage),
OVERSIGHT_REPORTS_START = date.fromisoformat(os.environ.get("OVERSIGHT_REPORTS_START", "2026-01-01"))
# the reporting window opens when the period ends and the report is due this many days later.
OVERSIGHT_REPORT_DUE_DAYS = int(os.environ.get("OVERSIGHT_REPORT_DUE_DAYS", "30"))
# After the Interior referent accepts, the Treasury referent confirms; when off, acceptance is final.
OVERSIGHT_REPORT_TREASURY_CONFIRMATION = env_bool("OVERSIGHT_REPORT_TREASURY_CONFIRMATION", True)
# Completeness and on-time rates count this many past due periods.
OVERSIGHT_REPORT_RATE_PERIODS = int(os.environ.get("OVERSIGHT_REPORT_RATE_PERIODS", "4"))
# An overdue report makes the cluster amber; overdue by more than this many days, red.
OVERSIGHT_REPORT_OVERDUE_RED_DAYS = int(os.environ.get("OVERSIGHT_REPORT_OVERDUE_RED_DAYS", "30"))
# The CEO is reminded this many days before a report is due (and once when it is overdue).
OVERSIGHT_REPORT_REMINDER_DAYS_BEFORE = int(os.environ.get("OVERSIGHT_REPORT_REMINDER_DAYS_BEFORE", "7"))
CELERY_BEAT_SCHEDULE["oversight-report-reminders"] = {
    "task": "oversight.tasks.send_report_reminders",
    "schedule": timedelta(hours=24),
}

# Engagements
ENGAGEMENTS_BUDGET_WARNING_PERCENT = int(os.environ.get("ENGAGEMENTS_BUDGET_WARNING_PERCENT", "80"))
# Work logs awaiting approval longer than this are escalated (the CEO reminded, the board chair told).
ENGAGEMENTS_ESCALATE_AFTER_DAYS = int(os.environ.get("ENGAGEMENTS_ESCALATE_AFTER_DAYS", "14"))
# Reviews are revealed together, or this many days after completion.
ENGAGEMENTS_REVIEW_WINDOW_DAYS = int(os.environ.get("ENGAGEMENTS_REVIEW_WINDOW_DAYS", "14"))
ENGAGEMENTS_MAX_UPLOAD_BYTES = int(os.environ.get("ENGAGEMENTS_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
CELERY_BEAT_SCHEDULE["engagements-escalate-work-logs"] = {
    "task": "engagements.tasks.escalate_waiting_work_logs",
    "schedule": timedelta(hours=6),
}
CELERY_BEAT_SCHEDULE["engagements-reveal-reviews"] = {
    "task": "engagements.tasks.reveal_reviews",
    "schedule": timedelta(hours=1),
}
