"""Settings of the web and worker processes that tests/test_production_shape.py starts: those of the real-worker
tests (tests/outbox/worker_settings.py) with one more URL, which owes a task and an email through the outbox."""

from tests.outbox.worker_settings import *  # noqa: F403

ROOT_URLCONF = "tests.shape.urls"
