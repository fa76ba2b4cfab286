import time
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

# Notifications the demo workflows send are kept in memory: seeding should not mail anyone or flood the console.
HELD_MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


class Command(BaseCommand):
    help = (
        "Build the demo data, idempotently: each app's demo module seeds its part, lowest app first. "
        "Refuses to run unless DEBUG is on or --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Seed even when DEBUG is off.")
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the demo logins.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would be seeded, then roll back.")
        parser.add_argument(
            "--scale",
            type=float,
            default=0,
            metavar="N",
            help="Add synthetic data at N times the national programme (accounts/scale.py) after the demo data.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed of --scale: the same seed, the same data.")

    def handle(self, *args, force=False, quiet_logins=False, dry_run=False, scale=0, seed=1, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo data is for local use: run with DEBUG=1, or pass --force.")
        if scale < 0:
            raise CommandError("--scale takes a positive number.")
        if scale:
            from accounts import scale as scale_data

            if scale_data.is_seeded():
                raise CommandError("This database already holds synthetic data at scale: use a fresh database.")
        # Apps are seeded in INSTALLED_APPS order, which lists the project's apps lowest first.
        mail.outbox = []
        with override_settings(MAILERS=HELD_MAILERS), transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if config.path.startswith(str(settings.BASE_DIR)) and find_spec(module_name):
                    import_module(module_name).seed(stdout=self.stdout)
            if scale:
                started = time.monotonic()
                scale_data.generate(scale=scale, seed=seed, stdout=self.stdout)
                self.stdout.write(
                    f"Synthetic data at scale {scale:g} (seed {seed}) in {time.monotonic() - started:.0f} s."
                )
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write("Dry run: nothing was saved.")
                return
        if scale:
            self.vacuum()
        if mail.outbox:
            self.stdout.write(f"{len(mail.outbox)} notification emails of the demo workflows were not sent.")
        if not quiet_logins:
            from accounts.demo import DEMO_PASSWORD, DEMO_USERS

            self.stdout.write("")
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
            for email, _name, role_label in DEMO_USERS:
                self.stdout.write(f"  {role_label:<38} {email}")

    def vacuum(self):
        """After the bulk inserts (which accounts/scale.py has analysed), PostgreSQL's visibility map as autovacuum
        would leave it in a while: until then every index-only scan reads the table too (the national quality
        page's queries took 15 ms at 10x straight after seeding, 8 ms after this). Not inside a transaction
        (tests), where VACUUM may not run."""
        from django.db import connection

        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")
        self.stdout.write(f"VACUUM in {time.monotonic() - started:.0f} s.")
