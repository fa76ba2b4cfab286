import os

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Outbox")

    def ready(self):
        from . import scheduler

        if scheduler.should_start(os.environ):
            scheduler.start()
