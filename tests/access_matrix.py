"""The role × URL access matrix: every URL of the project says who may reach it and what the others get.

Each app's rules live in tests/<app>/access.py as a list named RULES. test_access_matrix.py walks every URL
pattern and fails for any pattern no rule declares.

Expected answers: OK (200), LOGIN (redirect to the sign-in page), FORBIDDEN (403), NOT_FOUND (404),
REDIRECT (any other redirect), GONE (410), NOT_ALLOWED (405), BAD_REQUEST (400).
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection

from tests.conftest import ACTORS

OK, FORBIDDEN, NOT_FOUND, GONE, NOT_ALLOWED, BAD_REQUEST = 200, 403, 404, 410, 405, 400
LOGIN = "login"
REDIRECT = "redirect"

SIGNED_IN = [actor for actor in ACTORS if actor != "anonymous"]
REFUSALS = (LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED, GONE, BAD_REQUEST)
# Written by reading a page, not by acting on it: the referents' access log and the session.
UNTRACKED_TABLES = {"oversight_accesslogentry", "django_session"}


def fingerprint() -> dict[str, object]:
    """A summary of every table but UNTRACKED_TABLES: equal before and after a request means it wrote nothing.

    On PostgreSQL, the rows each table had inserted, updated and deleted so far in this transaction (the
    functions behind `pg_stat_xact_user_tables`, one query over the statistics the server keeps anyway): any write
    between two fingerprints changes them, a same-value update and a write the request itself rolled back
    included, so a refusal may not even attempt one. Elsewhere, each table's row count and a checksum of its rows.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The functions pg_stat_xact_user_tables reads these three columns from, without the view's other
            # columns: half the time, and the matrix takes two fingerprints a refusal.
            cursor.execute(
                "SELECT relname, ins, upd, del FROM ("
                " SELECT relname, pg_stat_get_xact_tuples_inserted(oid) AS ins,"
                " pg_stat_get_xact_tuples_updated(oid) AS upd, pg_stat_get_xact_tuples_deleted(oid) AS del"
                " FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p', 'm')"
                ") AS counts WHERE ins + upd + del > 0"
            )
            return {table: tuple(counts) for table, *counts in cursor.fetchall() if table not in UNTRACKED_TABLES}
        tables = [t for t in sorted(connection.introspection.table_names(cursor)) if t not in UNTRACKED_TABLES]
        result = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - introspected names
            rows = sorted(repr(row) for row in cursor.fetchall())
            result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode("utf-8", "replace")).hexdigest())
    return result


def changed_tables(before: dict, after: dict) -> list[str]:
    return [table for table in sorted(after.keys() | before.keys()) if before.get(table) != after.get(table)]


def expect(default=FORBIDDEN, anonymous=LOGIN, **overrides) -> dict[str, object]:
    """Expected answer per actor: `default` for everyone not named, anonymous visitors sent to sign in."""
    answers = {actor: default for actor in ACTORS}
    answers["anonymous"] = anonymous
    for actor, answer in overrides.items():
        if actor not in answers:
            raise ValueError(f"unknown actor {actor}")
        answers[actor] = answer
    return answers


def only(*actors, answer=OK, others=FORBIDDEN) -> dict[str, object]:
    """Only these actors get `answer`; every other signed-in person gets `others`."""
    return expect(default=others, **dict.fromkeys(actors, answer))


@dataclass
class Rule:
    """Who gets what from one named URL.

    `kwargs` builds the URL's arguments from the test world; `method` and `data` say how to call it.
    `setup` may add objects to the world first (it returns nothing).
    """

    name: str
    expected: dict[str, object]
    kwargs: Callable | None = None
    method: str = "get"
    data: Callable | dict | None = None
    setup: Callable | None = None
    note: str = ""
    covers: list[str] = field(default_factory=list)


@dataclass
class Namespace:
    """A namespace whose URLs share one rule (used for the Django admin: staff only, checked by the admin site)."""

    namespace: str
    expected: dict[str, object]
    note: str = ""
    # url name -> answers that differ from `expected` for that URL
    overrides: dict[str, dict[str, object]] = field(default_factory=dict)
