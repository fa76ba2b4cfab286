"""`manage.py flush`, which also empties the final report versions that the database otherwise keeps forever.

On SQLite, flush deletes row by row, so the trigger that refuses to delete an accepted or confirmed report version
(migration oversight 0007) would stop it; the trigger lets rows go while oversight_report_guard_override holds a
row, which this command writes for the flush only. PostgreSQL's flush truncates, which fires no row trigger.
"""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections

OVERRIDE_TABLE = "oversight_report_guard_override"


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite" or OVERRIDE_TABLE not in connection.introspection.table_names():
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute("INSERT OR IGNORE INTO oversight_report_guard_override (id) VALUES (1)")
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM oversight_report_guard_override")
