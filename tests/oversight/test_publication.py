"""The CEO publishes sections of an accepted report's summary; nothing else can be published, nor by anyone else."""

import pytest

from accounts.models import AuditEvent
from oversight.models import PeriodicReport
from oversight.publication import PublicationError, publish_report_sections
from tests.factories.oversight import report_in_state

pytestmark = pytest.mark.django_db


def test_the_ceo_publishes_sections_of_an_accepted_report(world):
    report = report_in_state(world.cluster, world.ceo, "accepted")
    assert publish_report_sections(report=report, sections=["narrative", "unknown"], published_by=world.ceo) is True
    report.refresh_from_db()
    assert (report.is_narrative_public, report.is_goals_public, report.is_risks_public) == (True, False, False)
    assert publish_report_sections(report=report, sections=["narrative"], published_by=world.ceo) is False
    assert AuditEvent.objects.filter(action="report_published").count() == 1


@pytest.mark.parametrize("state", ["draft", "submitted", "returned"])
def test_a_report_not_yet_accepted_cannot_be_published_and_nothing_changes(state, world):
    report = report_in_state(world.cluster, world.ceo, state)
    with pytest.raises(PublicationError):
        publish_report_sections(report=report, sections=["narrative"], published_by=world.ceo)
    assert PeriodicReport.objects.filter(is_narrative_public=True).count() == 0
    assert AuditEvent.objects.filter(action="report_published").count() == 0


@pytest.mark.parametrize("person", ["board_member", "referent", "head_referent", "other_ceo"])
def test_only_the_clusters_ceo_publishes_and_nothing_changes(person, world):
    report = report_in_state(world.cluster, world.ceo, "accepted")
    with pytest.raises(PublicationError):
        publish_report_sections(report=report, sections=["narrative"], published_by=world.people[person])
    assert PeriodicReport.objects.filter(is_narrative_public=True).count() == 0
    assert AuditEvent.objects.filter(action="report_published").count() == 0
