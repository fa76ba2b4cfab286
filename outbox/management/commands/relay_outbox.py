"""Hand every due pending outbox message over for delivery (what beat does every minute). Safe to run any time."""

from django.core.management.base import BaseCommand

from outbox.models import OutboxMessage
from outbox.services import relay_due


class Command(BaseCommand):
    help = "Relay due pending outbox messages (emails and task dispatches) to Celery, or send them in-process."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count the messages that are due.")

    def handle(self, *args, dry_run: bool = False, **options):
        due = OutboxMessage.objects.due().count()
        if dry_run:
            self.stdout.write(f"{due} due")
            return
        relayed = relay_due()
        pending = OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).count()
        dead = OutboxMessage.objects.filter(state=OutboxMessage.State.DEAD).count()
        self.stdout.write(f"{relayed} relayed of {due} due; {pending} pending, {dead} dead")
