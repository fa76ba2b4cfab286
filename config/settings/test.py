"""Test settings: the base settings with fast hashing, in-memory email and tasks run in-process.

DATABASE_URL and REDIS_URL are honoured, so CI runs the suite on PostgreSQL and Redis.
"""

import os
import tempfile

os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-that-is-long-enough-0123456789")
os.environ.setdefault("CACHE_KEY_PREFIX", f"test-{os.getpid()}")
# Each pytest-xdist worker keeps its own keys in a shared Redis, so one worker's rate limits or cache.clear() never
# reach another's.
os.environ["CACHE_KEY_PREFIX"] = f"{os.environ['CACHE_KEY_PREFIX']}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"

from .base import *  # noqa: E402,F403
from .base import STORAGES  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CELERY_TASK_ALWAYS_EAGER = True
MFA_REQUIRED_ROLES: list[str] = []
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
ACCOUNT_RATE_LIMITS = False
MEDIA_ROOT = tempfile.mkdtemp(prefix="clusters-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="clusters-static-")  # static files come from the finders in tests
WHITENOISE_USE_FINDERS = True
# Files are looked up when asked for, not indexed each time a test client loads the middleware (every test).
WHITENOISE_AUTOREFRESH = True

# Test databases (one per pytest-xdist worker) in UTF-8 from template0, so they take the server's UTF-8 locale, under
# which PostgreSQL's trigram search finds Hebrew and Arabic words (the C locale finds none).
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"TEMPLATE": "template0", "CHARSET": "UTF8"}  # noqa: F405

# A second alias on the same test database, as a read replica would be (config/routers.py): the router tests turn
# routing on with `settings.DATABASE_REPLICA_ALIAS = "replica"`; every other test reads and writes the primary.
DATABASE_REPLICA_ALIAS = None
if "replica" not in DATABASES:  # noqa: F405
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
