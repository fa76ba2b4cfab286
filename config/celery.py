"""The Celery application. Tasks live in each app's tasks.py and are discovered here."""

import os

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def _read_from_the_replica_again(**kwargs):
    """Each task starts reading from the read replica, if there is one (see config/routers.py)."""
    from config.routers import reset_pin

    reset_pin()
