"""No planner statistics on the profiles' search document (PostgreSQL only).

A word search filters on `search_text` (LIKE and pg_trgm's `%>`). To estimate how many profiles match, the planner
applies each condition to every value of the column's statistics (a hundred documents of some hundred words each,
23 kB at 10x the national programme), computing a word similarity for each: planning the catalogue's two queries
took 12 ms each at 10x, four times their execution. Without statistics the planner takes its default estimate, which
leads to the trigram index as before, and plans each query in 2-3 ms. Nothing else filters on the document.

`SET STATISTICS 0` stops ANALYZE gathering them; statistics already gathered stay until removed, which needs a
superuser: run as a role that may not, the migration says which statement to run; search is as correct, only its
planning slower.
"""

import logging

from django.db import migrations, transaction
from django.db.utils import DatabaseError

logger = logging.getLogger(__name__)

TABLE, COLUMN = "advisors_advisorprofile", "search_text"
FORGET = (
    f"DELETE FROM pg_statistic WHERE starelid = '{TABLE}'::regclass AND staattnum = "
    f"(SELECT attnum FROM pg_attribute WHERE attrelid = '{TABLE}'::regclass AND attname = '{COLUMN}')"
)


def _set_target(schema_editor, target: int):
    schema_editor.execute(f'ALTER TABLE "{TABLE}" ALTER COLUMN "{COLUMN}" SET STATISTICS {target}')


def _gathered(schema_editor) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = %s "
            "AND attname = %s)",
            [TABLE, COLUMN],
        )
        return cursor.fetchone()[0]


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _set_target(schema_editor, 0)
    if not _gathered(schema_editor):
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute(FORGET)
    except DatabaseError:
        logger.warning(
            "The search document's planner statistics gathered before were kept (removing them needs a "
            "superuser); as one, run: %s",
            FORGET,
        )


def gather_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _set_target(schema_editor, -1)  # the default: the next ANALYZE gathers them again


class Migration(migrations.Migration):
    dependencies = [("advisors", "0008_word_similarity_cost")]

    operations = [migrations.RunPython(drop_statistics, gather_statistics)]
