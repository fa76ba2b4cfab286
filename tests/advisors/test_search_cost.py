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


statistics = importlib.import_module("advisors.migrations.0009_search_text_statistics")


def _search_text_statistics():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attrelid = %s::regclass AND attname = %s",
            [statistics.TABLE, statistics.COLUMN],
        )
        [target] = cursor.fetchone()
        cursor.execute("ANALYZE advisors_advisorprofile")
        cursor.execute(
            "SELECT count(*) FROM pg_stats WHERE tablename = %s AND attname = %s", [statistics.TABLE, statistics.COLUMN]
        )
        [gathered] = cursor.fetchone()
    return target, gathered


@pytest.mark.django_db
def test_analyze_gathers_no_statistics_of_the_search_document():
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's")
    from tests.factories.advisors import make_profile

    make_profile()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the profile's deferred checks, before altering its table
    assert _search_text_statistics() == (0, 0)
    # undone, ANALYZE gathers them again; done again, they are removed (the test database's role is a superuser)
    with connection.schema_editor(atomic=False) as editor:
        statistics.gather_statistics(None, editor)
    assert _search_text_statistics() == (-1, 1)
    with connection.schema_editor(atomic=False) as editor:
        statistics.drop_statistics(None, editor)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stats WHERE tablename = %s AND attname = %s", [statistics.TABLE, "search_text"]
        )
        assert cursor.fetchone() == (0,)
    assert _search_text_statistics() == (0, 0)


def test_a_role_that_may_not_remove_gathered_statistics_is_told_what_to_run(caplog):
    editor = mock.MagicMock()
    editor.connection.vendor = "postgresql"
    editor.connection.alias = "default"
    editor.connection.cursor.return_value.__enter__.return_value.fetchone.return_value = (True,)

    def execute(statement):
        if statement.startswith("DELETE"):
            raise ProgrammingError("permission denied for table pg_statistic")

    editor.execute.side_effect = execute
    with (
        mock.patch.object(statistics.transaction, "atomic"),
        caplog.at_level(logging.WARNING, logger=statistics.__name__),
    ):
        statistics.drop_statistics(None, editor)
    assert "DELETE FROM pg_statistic WHERE starelid = 'advisors_advisorprofile'::regclass" in caplog.text
    assert editor.execute.call_args_list[0] == mock.call(
        'ALTER TABLE "advisors_advisorprofile" ALTER COLUMN "search_text" SET STATISTICS 0'
    )


def test_other_databases_keep_their_statistics():
    editor = mock.Mock()
    editor.connection = mock.Mock(vendor="sqlite")
    statistics.drop_statistics(None, editor)
    statistics.gather_statistics(None, editor)
    editor.execute.assert_not_called()
