"""Tell PostgreSQL's planner what pg_trgm's word similarity costs, so a word search uses the trigram index.

The functions are declared with PostgreSQL's default cost (1, as cheap as comparing two integers), so the planner
prefers reading every profile and computing the similarity of each (at 10x the national programme, 4,000 profiles:
125 ms; at 1x, 430 profiles: 15 ms) over the trigram index, which finds the candidates first (12 ms and 3 ms). The
similarity of a word and a profile's document takes some 30 microseconds, about a thousand times the planner's
cost of an operator: at COST 100 the planner still read every row at 1x. PostgreSQL only. Altering
the extension's functions needs their owner (the superuser who installed pg_trgm): run as a role that may not,
the migration leaves the costs as they are and says which statements to run; search is as correct, only slower.
"""

import logging

from django.db import migrations, transaction
from django.db.utils import DatabaseError

# `%>` is word_similarity_commutator_op, `<%` word_similarity_op
FUNCTIONS = ("word_similarity(text, text)", "word_similarity_op(text, text)", "word_similarity_commutator_op(text, text)")
COST = 1000
DEFAULT_COST = 1

logger = logging.getLogger(__name__)


def _set_cost(schema_editor, cost: int):
    if schema_editor.connection.vendor != "postgresql":
        return
    statements = [f"ALTER FUNCTION {function} COST {cost}" for function in FUNCTIONS]
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            for statement in statements:
                schema_editor.execute(statement)
    except DatabaseError:
        logger.warning(
            "The word similarity functions' planner cost was left unchanged (the database role does not own "
            "pg_trgm's functions); as their owner, run: %s",
            "; ".join(statements),
        )


def raise_cost(apps, schema_editor):
    _set_cost(schema_editor, COST)


def restore_cost(apps, schema_editor):
    _set_cost(schema_editor, DEFAULT_COST)


class Migration(migrations.Migration):
    dependencies = [("advisors", "0007_profile_awaiting_check")]

    operations = [migrations.RunPython(raise_cost, restore_cost)]
