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
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_htmx",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # project apps, lowest first: outbox <- accounts <- clusters <- quality <- advisors <- engagements <- network
    # <- forums <- oversight <- api
    "outbox",
    "accounts",
    "clusters",
    "quality",
    "advisors",
    "engagements",
    "network",
    "forums",
    "oversight",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.routers.ReplicaRoutingMiddleware",
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
# Django's widget templates, each widget's HTML kept once per process by its content (accounts/renderers.py)
FORM_RENDERER = "accounts.renderers.KeptWidgets"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: requests and the embedded schedule's thread write to one file. WAL lets readers go on
    # during a write; a transaction takes the write lock when it begins and waits up to 20 s for it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
# A read replica (PostgreSQL streaming replication): reads go to it, writes and the reads of a request after its
# first write (and of the person's requests for DATABASE_REPLICA_PIN_SECONDS after it) to the primary.
# See config/routers.py.
DATABASE_REPLICA_ALIAS = None
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "5"))
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASE_REPLICA_ALIAS = "replica"
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Redis, or a local in-memory cache with a logged warning while Redis is down (config/cache.py), so signing in
    # and every page keep working during an outage; short socket timeouts keep a hung Redis from hanging requests.
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "clusters"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
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
# People join by invitation (accounts/services.py); a public sign-up form is offered only when this is on.
ACCOUNT_PUBLIC_SIGNUP = env_bool("ACCOUNT_PUBLIC_SIGNUP", False)
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
    "referent_interior,referent_treasury,head_referent,knowledge_editor,platform_admin",
)

# The accessibility statement (IS 5568 and the Equal Rights for Persons with Disabilities regulations): who to contact
# about a barrier, when the platform was last audited, and what is known not to work yet (one item per "|").
ACCESSIBILITY_COORDINATOR_NAME = os.environ.get("ACCESSIBILITY_COORDINATOR_NAME", "")
ACCESSIBILITY_COORDINATOR_EMAIL = os.environ.get("ACCESSIBILITY_COORDINATOR_EMAIL", "")
ACCESSIBILITY_COORDINATOR_PHONE = os.environ.get("ACCESSIBILITY_COORDINATOR_PHONE", "")
ACCESSIBILITY_LAST_AUDIT = os.environ.get("ACCESSIBILITY_LAST_AUDIT", "")  # an ISO date, e.g. 2026-11-30
ACCESSIBILITY_KNOWN_LIMITATIONS = [
    item.strip() for item in os.environ.get("ACCESSIBILITY_KNOWN_LIMITATIONS", "").split("|") if item.strip()
]

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
# The first day of every week the platform computes (the work-log week, weekly digests and their schedule), in
# Python's numbering (Monday 0 … Sunday 6): Sunday, as the work week starts in Israel.
WEEK_FIRST_WEEKDAY = int(os.environ.get("WEEK_FIRST_WEEKDAY", "6"))
if not 0 <= WEEK_FIRST_WEEKDAY <= 6:
    raise ImproperlyConfigured("WEEK_FIRST_WEEKDAY is a weekday from 0 (Monday) to 6 (Sunday).")
# The same day in cron's numbering (Sunday 0 … Saturday 6), for the weekly tasks.
WEEK_FIRST_CRON_DAY = (WEEK_FIRST_WEEKDAY + 1) % 7
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
# Every task is idempotent (it takes ids and reads the current state; emails go through the outbox with a key per
# recipient and cause), so the settings below choose "at least once" delivery over "at most once".
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# Acknowledge a task when it has finished, not when a worker takes it: a worker killed mid-task leaves it in Redis
# to be run again rather than lost.
CELERY_TASK_ACKS_LATE = True
# When the child process running a task dies (SIGKILL, out of memory), requeue the task instead of marking it failed.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A worker reserves one task at a time, so a killed worker holds (and delays) at most one task per process, and a
# long task does not keep short ones waiting behind it.
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Every task has time limits (seconds): the soft one raises SoftTimeLimitExceeded inside the task so it can stop
# cleanly, the hard one kills the child. These are the defaults; tasks that need less or more set their own
# (outbox.tasks.deliver: 50 / 60, the weekly digests: 540 / 600).
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
# The longest hard time limit of any task; the visibility timeout below must stay above it.
CELERY_LONGEST_TIME_LIMIT = 600
# Redis hands an unacknowledged task to another worker after the visibility timeout: a little above the longest
# hard time limit, so a running task is never handed out twice, and a task of a killed worker runs again within
# about ten minutes (Redis's default is an hour). Tests of a killed worker set it shorter.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", str(CELERY_LONGEST_TIME_LIMIT + 60))),
}
# A worker (and beat) started while Redis is down keeps trying to connect instead of exiting, and reconnects after
# an outage; the web process gives up on a publish quickly (see outbox.services.relay) and the outbox keeps the row.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# The queue every task goes to: one per deployment, and one per run in CI, so runs sharing a Redis never take each
# other's tasks.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "clusters")
# Without a result backend nothing reads results; not storing them keeps Redis small.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}

# outbox (see outbox/services.py): emails and task dispatches are rows written with the change that causes them.
# A failed delivery is retried after OUTBOX_RETRY_BASE_SECONDS, doubling each time up to OUTBOX_RETRY_MAX_SECONDS,
# and the message is dead (shown in the admin as failing) after OUTBOX_MAX_ATTEMPTS attempts.
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "10"))
OUTBOX_RETRY_BASE_SECONDS = int(os.environ.get("OUTBOX_RETRY_BASE_SECONDS", "60"))
OUTBOX_RETRY_MAX_SECONDS = int(os.environ.get("OUTBOX_RETRY_MAX_SECONDS", "21600"))
# A claimed message is not offered again for this long: above outbox.tasks.deliver's hard time limit (60 s), so a
# delivery in progress is never doubled, and a worker killed mid-send leaves it to the next relay.
OUTBOX_CLAIM_SECONDS = int(os.environ.get("OUTBOX_CLAIM_SECONDS", "120"))
# Beat relays every minute the messages whose hand-over to the broker failed or whose retry time has come.
CELERY_BEAT_SCHEDULE["outbox-relay-due"] = {"task": "outbox.tasks.relay_due", "schedule": timedelta(minutes=1)}
# The embedded default has no beat: `make run` turns this on so the development server runs the schedule in a thread
# of its own (outbox/scheduler.py), checking every EMBEDDED_SCHEDULER_TICK seconds.
EMBEDDED_SCHEDULER = env_bool("EMBEDDED_SCHEDULER", False)
EMBEDDED_SCHEDULER_TICK = int(os.environ.get("EMBEDDED_SCHEDULER_TICK", "30"))

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
# the programme's rule: a cluster runs one to two operating core services
CLUSTERS_MIN_CORE_SERVICES = int(os.environ.get("CLUSTERS_MIN_CORE_SERVICES", "1"))
CLUSTERS_MAX_CORE_SERVICES = int(os.environ.get("CLUSTERS_MAX_CORE_SERVICES", "2"))
# pilots: a measurement checkpoint and a decision review this many months after the start; the CEO is reminded of
# the review this many days before it is due
CLUSTERS_PILOT_MEASUREMENT_MONTHS = int(os.environ.get("CLUSTERS_PILOT_MEASUREMENT_MONTHS", "6"))
CLUSTERS_PILOT_REVIEW_MONTHS = int(os.environ.get("CLUSTERS_PILOT_REVIEW_MONTHS", "9"))
CLUSTERS_PILOT_REMINDER_DAYS_BEFORE = int(os.environ.get("CLUSTERS_PILOT_REMINDER_DAYS_BEFORE", "14"))
CELERY_BEAT_SCHEDULE["clusters-pilot-reminders"] = {
    "task": "clusters.tasks.send_pilot_reminders",
    "schedule": timedelta(hours=24),
}

# advisors
# A catalogue profile must be reconfirmed this often, or it leaves search until it is.
ADVISORS_RECONFIRM_MONTHS = int(os.environ.get("ADVISORS_RECONFIRM_MONTHS", "6"))
# The advisor is reminded this many days before the reconfirmation is due.
ADVISORS_REMINDER_DAYS_BEFORE = int(os.environ.get("ADVISORS_REMINDER_DAYS_BEFORE", "14"))
# Ratings are shown (and sorted and filtered on) only from this many reviews, to protect reviewers' privacy.
ADVISORS_MIN_REVIEWS_SHOWN = int(os.environ.get("ADVISORS_MIN_REVIEWS_SHOWN", "3"))
# PostgreSQL: minimum pg_trgm word similarity for a free-text word to match a profile.
ADVISORS_SEARCH_SIMILARITY = float(os.environ.get("ADVISORS_SEARCH_SIMILARITY", "0.5"))
# Query words this short (letters) must be closer to match, or any word sharing their first two letters would.
ADVISORS_SEARCH_SHORT_WORD_LENGTH = int(os.environ.get("ADVISORS_SEARCH_SHORT_WORD_LENGTH", "3"))
ADVISORS_SEARCH_SHORT_WORD_SIMILARITY = float(os.environ.get("ADVISORS_SEARCH_SHORT_WORD_SIMILARITY", "0.7"))
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # The `%>` operator (which can use the trigram index) compares with this connection setting.
    for _alias in DATABASES:
        DATABASES[_alias].setdefault("OPTIONS", {})["options"] = (
            f"-c pg_trgm.word_similarity_threshold={ADVISORS_SEARCH_SIMILARITY}"
        )
CELERY_BEAT_SCHEDULE["advisors-reconfirmation-reminders"] = {
    "task": "advisors.tasks.send_reconfirmation_reminders",
    "schedule": timedelta(hours=24),
}

# quality
# Inquiries files are read and saved in batches of this many rows (memory stays bounded whatever the file size).
QUALITY_IMPORT_BATCH_SIZE = int(os.environ.get("QUALITY_IMPORT_BATCH_SIZE", "2000"))
# An uploaded inquiries file may be at most this many MiB.
QUALITY_UPLOAD_MAX_MB = int(os.environ.get("QUALITY_UPLOAD_MAX_MB", "100"))

# oversight
# The red / amber / green rules of the oversight dashboard (see oversight/rules.py).
# A cluster incorporated this many months ago should operate at least one core service.
OVERSIGHT_CORE_SERVICE_GRACE_MONTHS = int(os.environ.get("OVERSIGHT_CORE_SERVICE_GRACE_MONTHS", "12"))
# A CEO seat vacant for more than this many days counts against the cluster.
OVERSIGHT_CEO_VACANCY_DAYS = int(os.environ.get("OVERSIGHT_CEO_VACANCY_DAYS", "60"))
# The year's work plan is off plan when it has spent more than this share of its budget above what the time elapsed
# on its lines calls for, or more than the second share below it.
OVERSIGHT_BURN_OVER_MARGIN = float(os.environ.get("OVERSIGHT_BURN_OVER_MARGIN", "0.15"))
OVERSIGHT_BURN_UNDER_MARGIN = float(os.environ.get("OVERSIGHT_BURN_UNDER_MARGIN", "0.30"))
# The board approves the year's work plan by this month and day of the plan year.
OVERSIGHT_WORK_PLAN_DUE_MONTH = int(os.environ.get("OVERSIGHT_WORK_PLAN_DUE_MONTH", "3"))
OVERSIGHT_WORK_PLAN_DUE_DAY = int(os.environ.get("OVERSIGHT_WORK_PLAN_DUE_DAY", "31"))
# A service's cluster-wide median time to first response that rose this many months running counts against the
# cluster, when each rise is at least OVERSIGHT_RESPONSE_WORSENING_PERCENT percent (see quality.selectors).
OVERSIGHT_RESPONSE_WORSENING_MONTHS = int(os.environ.get("OVERSIGHT_RESPONSE_WORSENING_MONTHS", "2"))
OVERSIGHT_RESPONSE_WORSENING_PERCENT = int(os.environ.get("OVERSIGHT_RESPONSE_WORSENING_PERCENT", "5"))
# Every cluster's status and dashboard row are recomputed and kept for the day, every this many minutes (the
# dashboard reads them; a cluster changed since by an oversight workflow is computed live until the next run);
# each referent gets a weekly digest (Sunday morning).
OVERSIGHT_STATUS_REFRESH_MINUTES = int(os.environ.get("OVERSIGHT_STATUS_REFRESH_MINUTES", "15"))
CELERY_BEAT_SCHEDULE["oversight-record-statuses"] = {
    "task": "oversight.tasks.record_statuses",
    "schedule": timedelta(minutes=OVERSIGHT_STATUS_REFRESH_MINUTES),
}
CELERY_BEAT_SCHEDULE["oversight-referent-digests"] = {
    "task": "oversight.tasks.send_referent_digests",
    "schedule": crontab(day_of_week=WEEK_FIRST_CRON_DAY, hour=7, minute=0),
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

# Public pages and open data (api.public): how long a page stays cached (the CEO's publish switches clear it at
# once), and the licence every open-data file carries.
PUBLIC_PAGES_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGES_CACHE_SECONDS", "300"))
PUBLIC_DATA_LICENCE = os.environ.get("PUBLIC_DATA_LICENCE", "CC BY 4.0")
PUBLIC_DATA_LICENCE_URL = os.environ.get("PUBLIC_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")

# The read-only API (api.rest): signed-in sessions or personal access tokens; JSON only; every list cursor-paginated.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.rest.authentication.AccessTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.rest.authentication.ReadOnlyAndSignedIn"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regional clusters platform API",
    "DESCRIPTION": "Read-only. Every list holds what the token's owner may read on the pages.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Swagger UI from our own static files (drf-spectacular-sidecar): no CDN, and the CSP holds. (Redoc is left
    # out: it fetches fonts and a logo from elsewhere and starts a blob worker, which the CSP refuses.)
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.rest.schema.add_error_responses",
    ],
}
# Personal access tokens: valid this many days unless the person chooses otherwise, never longer than the maximum.
API_TOKEN_DEFAULT_DAYS = int(os.environ.get("API_TOKEN_DEFAULT_DAYS", "30"))
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS", "365"))

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
# An active engagement that a newly recorded control mandate bars: its CEO is told within the hour.
CELERY_BEAT_SCHEDULE["engagements-notify-mandate-conflicts"] = {
    "task": "engagements.tasks.notify_mandate_conflicts",
    "schedule": timedelta(hours=1),
}
CELERY_BEAT_SCHEDULE["engagements-reveal-reviews"] = {
    "task": "engagements.tasks.reveal_reviews",
    "schedule": timedelta(hours=1),
}

# The national cluster (network/): playbook pages are reviewed every this many months, CEOs with an intended
# application are reminded this many days before a call's deadline, attachments are at most this large, and the
# weekly digest of new knowledge and calls goes out on Sunday morning.
NETWORK_PLAYBOOK_REVIEW_MONTHS = int(os.environ.get("NETWORK_PLAYBOOK_REVIEW_MONTHS", "6"))
NETWORK_CALL_REMINDER_DAYS = int(os.environ.get("NETWORK_CALL_REMINDER_DAYS", "14"))
NETWORK_MAX_UPLOAD_BYTES = int(os.environ.get("NETWORK_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
CELERY_BEAT_SCHEDULE["network-playbook-review-reminders"] = {
    "task": "network.tasks.send_playbook_review_reminders",
    "schedule": timedelta(hours=24),
}
CELERY_BEAT_SCHEDULE["network-call-deadline-reminders"] = {
    "task": "network.tasks.send_deadline_reminders",
    "schedule": timedelta(hours=24),
}
CELERY_BEAT_SCHEDULE["network-weekly-digests"] = {
    "task": "network.tasks.send_weekly_digests",
    "schedule": crontab(day_of_week=WEEK_FIRST_CRON_DAY, hour=7, minute=30),
}

# Forums (forums/): invitees are reminded of a meeting this many days before it, owners of overdue actions once per
# due date, and meeting attachments are at most this large.
FORUMS_MEETING_REMINDER_DAYS = int(os.environ.get("FORUMS_MEETING_REMINDER_DAYS", "2"))
FORUMS_MAX_UPLOAD_BYTES = int(os.environ.get("FORUMS_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
CELERY_BEAT_SCHEDULE["forums-meeting-reminders"] = {
    "task": "forums.tasks.send_meeting_reminders",
    "schedule": timedelta(hours=1),
}
CELERY_BEAT_SCHEDULE["forums-overdue-action-reminders"] = {
    "task": "forums.tasks.send_overdue_action_reminders",
    "schedule": timedelta(hours=24),
}
# Each member's weekly digest of their forums (meetings this many days ahead, actions they own, the week's decisions),
# on the first day of the work week.
FORUMS_DIGEST_DAYS_AHEAD = int(os.environ.get("FORUMS_DIGEST_DAYS_AHEAD", "14"))
CELERY_BEAT_SCHEDULE["forums-weekly-digests"] = {
    "task": "forums.tasks.send_weekly_digests",
    "schedule": crontab(day_of_week=WEEK_FIRST_CRON_DAY, hour=7, minute=45),
}
