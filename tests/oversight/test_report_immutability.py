"""An accepted or confirmed report version cannot be changed by any code path: the database refuses a plain ORM
save, update or delete (a trigger on SQLite and on PostgreSQL, migration oversight 0007), while the services keep
their friendly refusals. Run these on PostgreSQL too: DATABASE_URL=postgres://... pytest tests/oversight."""

import importlib
from datetime import date

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from oversight import reports
from oversight.models import PeriodicReport, ReportStep, ReportVersion
from tests.factories.oversight import report_in_state

FINAL = ["accepted", "confirmed"]
GUARD = importlib.import_module("oversight.migrations.0007_report_versions_final_guard")


def row(version):
    return ReportVersion.objects.filter(pk=version.pk).values().get()


def final_version(world, state):
    return report_in_state(world.cluster, world.ceo, state).versions.get()


def refused(action):
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


@pytest.mark.parametrize("state", FINAL)
def test_a_plain_save_of_a_final_version_is_refused_by_the_database(world, state):
    version = final_version(world, state)
    before = row(version)
    version.narrative = "Rewritten after acceptance"
    refused(version.save)
    version.snapshot = {"goals": []}
    refused(lambda: version.save(update_fields=["snapshot"]))
    assert row(version) == before


@pytest.mark.parametrize("state", FINAL)
def test_a_queryset_update_of_a_final_version_is_refused(world, state):
    version = final_version(world, state)
    before = row(version)
    refused(lambda: ReportVersion.objects.filter(pk=version.pk).update(narrative="Changed"))
    refused(lambda: ReportVersion.objects.filter(pk=version.pk).update(state="draft"))
    refused(lambda: ReportVersion.objects.filter(pk=version.pk).update(state="returned", snapshot=None))
    assert row(version) == before


@pytest.mark.parametrize("state", FINAL)
def test_deleting_a_final_version_is_refused(world, state):
    version = final_version(world, state)
    refused(version.delete)
    refused(lambda: ReportVersion.objects.filter(report__cluster=world.cluster).delete())
    assert ReportVersion.objects.filter(pk=version.pk).count() == 1


def test_a_refusal_is_a_database_error_with_a_reason(world):
    version = final_version(world, "accepted")
    with pytest.raises(DatabaseError) as error, transaction.atomic():
        ReportVersion.objects.filter(pk=version.pk).update(requests="More money")
    assert "cannot be changed" in str(error.value)


def test_confirming_an_accepted_version_changes_only_its_state_and_passes(world):
    version = final_version(world, "accepted")
    ReportVersion.objects.filter(pk=version.pk).update(state="confirmed")
    assert ReportVersion.objects.get(pk=version.pk).state == "confirmed"
    refused(lambda: ReportVersion.objects.filter(pk=version.pk).update(state="accepted"))


def test_confirming_while_changing_the_content_is_refused(world):
    version = final_version(world, "accepted")
    refused(lambda: ReportVersion.objects.filter(pk=version.pk).update(state="confirmed", narrative="Changed"))
    assert ReportVersion.objects.get(pk=version.pk).state == "accepted"


@pytest.mark.parametrize("state", ["draft", "submitted", "returned"])
def test_versions_under_review_stay_writable(world, state):
    version = final_version(world, state)
    ReportVersion.objects.filter(pk=version.pk).update(narrative="Edited")
    assert ReportVersion.objects.get(pk=version.pk).narrative == "Edited"


def test_the_review_cycle_still_runs_through_the_services(reporting):
    report = reports.open_report(cluster=reporting.cluster, period_start=date(2026, 1, 1), opened_by=reporting.ceo)
    version = report.versions.get()
    reports.save_report_texts(version=version, edited_by=reporting.ceo, narrative="Done.", risks="", requests="")
    reports.submit_report(version=version, submitted_by=reporting.ceo)
    reports.accept_report(version=version, accepted_by=reporting.referent)
    reports.confirm_report(version=version, confirmed_by=reporting.treasury_referent)
    correction = reports.start_correction(report=report, started_by=reporting.ceo)
    assert list(report.versions.values_list("number", "state")) == [(1, "confirmed"), (2, "draft")]
    # The services' friendly refusal comes first, and the database stays as it was.
    with pytest.raises(reports.ReportError):
        reports.save_report_texts(version=version, edited_by=reporting.ceo, narrative="Late", risks="", requests="")
    assert ReportVersion.objects.get(pk=version.pk).narrative == "Done."
    assert correction.narrative == "Done."
    assert ReportStep.objects.filter(version=version).count() == 4


def test_the_guard_is_reversible(world):
    version = final_version(world, "accepted")
    forwards, backwards = (
        (GUARD.POSTGRESQL, GUARD.POSTGRESQL_REVERSE)
        if connection.vendor == "postgresql"
        else (GUARD.SQLITE, GUARD.SQLITE_REVERSE)
    )
    with connection.cursor() as cursor:
        for statement in backwards:
            cursor.execute(statement)
    ReportVersion.objects.filter(pk=version.pk).update(narrative="Changed without the guard")
    with connection.cursor() as cursor:
        for statement in forwards:
            cursor.execute(statement)
    refused(lambda: ReportVersion.objects.filter(pk=version.pk).update(narrative="Changed again"))
    assert ReportVersion.objects.get(pk=version.pk).narrative == "Changed without the guard"


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_a_database_holding_final_versions():
    from tests.conftest import build_world

    world = build_world()
    final_version(world, "confirmed")
    call_command("flush", interactive=False, verbosity=0)
    assert (PeriodicReport.objects.count(), ReportVersion.objects.count()) == (0, 0)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM oversight_report_guard_override")
            assert cursor.fetchone() == (0,)
