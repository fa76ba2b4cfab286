"""Settings of the Celery worker that the real-worker tests start: the production settings, with Redis handing a
killed worker's task out again after seconds rather than minutes, keys of the test's own, and emails written to files
the test counts."""

import os

from config.settings.base import *  # noqa: F403

_queue = os.environ["CELERY_TASK_DEFAULT_QUEUE"]
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 5,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
    # The unacknowledged-task bookkeeping of this test only: another test's worker never restores its tasks early.
    "unacked_key": f"unacked-{_queue}",
    "unacked_index_key": f"unacked-index-{_queue}",
    "unacked_mutex_key": f"unacked-mutex-{_queue}",
}
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "OPTIONS": {"file_path": os.environ["TEST_EMAIL_DIR"]},
    }
}
