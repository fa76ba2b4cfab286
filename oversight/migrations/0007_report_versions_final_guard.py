"""An accepted or confirmed report version cannot be changed or deleted by any code path, not only the services.

A trigger on each supported database refuses, on oversight_reportversion:
- any UPDATE of a confirmed version;
- any UPDATE of an accepted version except the Treasury's confirmation (state accepted → confirmed, nothing else
  changed);
- any DELETE of an accepted or confirmed version.
The refusal is an integrity error (SQLSTATE 23000 on PostgreSQL, RAISE(ABORT) on SQLite), so Django raises
IntegrityError. A correction is a new version, which the services create.

PostgreSQL's TRUNCATE (what `manage.py flush` uses there) fires no row trigger. SQLite's flush deletes row by
row, so the delete trigger lets rows go while oversight_report_guard_override holds a row: only the flush command
(oversight/management/commands/flush.py), which empties the whole database on purpose, writes it.
"""

from django.db import migrations

GUARDED = "report_id, number, state, narrative, risks, requests, snapshot, created_by_id, created_at, submitted_at"
UNCHANGED_BUT_STATE = [column.strip() for column in GUARDED.split(",") if column.strip() != "state"]

POSTGRESQL = [
    """
    CREATE OR REPLACE FUNCTION oversight_reportversion_final_guard() RETURNS trigger
    LANGUAGE plpgsql AS $guard$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            IF OLD.state IN ('accepted', 'confirmed') THEN
                RAISE EXCEPTION 'report version % is % and cannot be deleted', OLD.id, OLD.state
                    USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN OLD;
        END IF;
        IF OLD.state = 'confirmed'
           OR (OLD.state = 'accepted' AND (
               NEW.state <> 'confirmed'
               OR ROW(NEW.%(columns)s) IS DISTINCT FROM ROW(OLD.%(columns_old)s)
           )) THEN
            RAISE EXCEPTION 'report version % is % and cannot be changed; a correction is a new version',
                OLD.id, OLD.state USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END;
    $guard$
    """.replace("%(columns)s", ", NEW.".join(UNCHANGED_BUT_STATE)).replace(
        "%(columns_old)s", ", OLD.".join(UNCHANGED_BUT_STATE)
    ),
    """
    CREATE TRIGGER oversight_reportversion_final
    BEFORE UPDATE OR DELETE ON oversight_reportversion
    FOR EACH ROW EXECUTE FUNCTION oversight_reportversion_final_guard()
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS oversight_reportversion_final ON oversight_reportversion",
    "DROP FUNCTION IF EXISTS oversight_reportversion_final_guard()",
]

SQLITE_CHANGED = " OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in UNCHANGED_BUT_STATE)
SQLITE = [
    "CREATE TABLE oversight_report_guard_override (id integer NOT NULL PRIMARY KEY CHECK (id = 1))",
    f"""
    CREATE TRIGGER oversight_reportversion_final_update
    BEFORE UPDATE ON oversight_reportversion
    FOR EACH ROW WHEN OLD.state = 'confirmed'
        OR (OLD.state = 'accepted' AND (NEW.state IS NOT 'confirmed' OR {SQLITE_CHANGED}))
    BEGIN
        SELECT RAISE(ABORT, 'an accepted or confirmed report version cannot be changed; a correction is a new version');
    END
    """,
    """
    CREATE TRIGGER oversight_reportversion_final_delete
    BEFORE DELETE ON oversight_reportversion
    FOR EACH ROW WHEN OLD.state IN ('accepted', 'confirmed')
        AND NOT EXISTS (SELECT 1 FROM oversight_report_guard_override)
    BEGIN
        SELECT RAISE(ABORT, 'an accepted or confirmed report version cannot be deleted');
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS oversight_reportversion_final_delete",
    "DROP TRIGGER IF EXISTS oversight_reportversion_final_update",
    "DROP TABLE IF EXISTS oversight_report_guard_override",
]


class RunSQLOn(migrations.RunSQL):
    """RunSQL for one database vendor only; elsewhere it does nothing (in both directions)."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"Guard final report versions on {self.vendor}"


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0006_engagement_export_pages"),
    ]

    operations = [
        RunSQLOn("postgresql", POSTGRESQL, POSTGRESQL_REVERSE),
        RunSQLOn("sqlite", SQLITE, SQLITE_REVERSE),
    ]
