"""pg_trgm for the catalogue's free-text search, and a trigram index on the normalised search column.

Both are PostgreSQL only: on SQLite the extension operation does nothing and the index is skipped.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "advisors_profile_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON advisors_advisorprofile USING gin (search_text gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("advisors", "0003_load_needs")]

    operations = [TrigramExtension(), migrations.RunPython(create_index, drop_index)]
