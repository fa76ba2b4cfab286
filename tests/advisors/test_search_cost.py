"""The planner knows word similarity is costly (advisors 0008): a word search narrows the profiles by the trigram
index first. Where the database role may not alter pg_trgm's functions, the migration says so and goes on."""

import importlib
import logging
from unittest import mock

import pytest
from django.db import connection
from django.db.utils import ProgrammingError

migration = importlib.import_module("advisors.migrations.0008_word_similarity_cost")


@pytest.mark.django_db
def test_the_word_similarity_functions_cost_what_the_migration_says():
    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT oid::regprocedure::text, procost FROM pg_proc WHERE oid = ANY(%s::regprocedure[])",
            [list(migration.FUNCTIONS)],
        )
        costs = dict(cursor.fetchall())
    assert len(costs) == 3 and set(costs.values()) == {migration.COST}


@pytest.mark.django_db
def test_a_role_that_may_not_alter_the_functions_is_told_what_to_run(caplog):
    editor = mock.Mock()
    editor.connection = mock.Mock(vendor="postgresql", alias="default")
    editor.execute.side_effect = ProgrammingError("must be owner of function word_similarity")
    with caplog.at_level(logging.WARNING, logger=migration.__name__):
        migration.raise_cost(None, editor)
    assert "ALTER FUNCTION word_similarity(text, text) COST 1000" in caplog.text
    editor.execute.assert_called_once()


def test_other_databases_are_left_alone():
    editor = mock.Mock()
    editor.connection = mock.Mock(vendor="sqlite")
    migration.restore_cost(None, editor)
    editor.execute.assert_not_called()
