"""The Celery settings hold together: every task has time limits, and Redis's visibility timeout is above the longest,
so a running task is never handed to a second worker while a killed worker's task comes back within minutes."""

from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings

from config.celery import app


def registered_project_tasks():
    for config in apps.get_app_configs():
        if (Path(config.path) / "tasks.py").exists():
            import_module(f"{config.name}.tasks")  # as a worker's autodiscovery does
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def test_every_task_has_a_soft_and_a_hard_time_limit_below_the_longest():
    limits = {}
    for name, task in registered_project_tasks().items():
        soft = task.soft_time_limit or app.conf.task_soft_time_limit
        hard = task.time_limit or app.conf.task_time_limit
        assert soft and hard and soft < hard, name
        limits[name] = hard
    assert "outbox.tasks.deliver" in limits and "oversight.tasks.send_referent_digests" in limits
    assert max(limits.values()) == settings.CELERY_LONGEST_TIME_LIMIT


def test_the_visibility_timeout_is_a_little_above_the_longest_time_limit():
    timeout = app.conf.broker_transport_options["visibility_timeout"]
    assert timeout == settings.CELERY_LONGEST_TIME_LIMIT + 60
    assert registered_project_tasks()["outbox.tasks.deliver"].time_limit < settings.OUTBOX_CLAIM_SECONDS


def test_tasks_are_acknowledged_late_and_requeued_when_their_worker_dies():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    assert app.conf.task_default_queue == settings.CELERY_TASK_DEFAULT_QUEUE
    assert app.conf.beat_schedule["outbox-relay-due"]["task"] == "outbox.tasks.relay_due"
