"""The report_overdue rule on plain facts: amber when a report is overdue, red when long overdue."""

from datetime import date, timedelta

from oversight.rules import AMBER, GREEN, RED, ClusterFacts, Thresholds, assess
from tests.oversight.test_rules import TODAY, codes, facts


def test_no_overdue_report_fires_nothing():
    assert assess(facts(overdue_reports=0)).status == GREEN
    assert isinstance(facts(), ClusterFacts)


def test_an_overdue_report_makes_the_cluster_amber_with_the_numbers():
    assessment = assess(facts(overdue_reports=1, oldest_overdue_report_due_on=TODAY - timedelta(days=30)))
    assert (assessment.status, codes(assessment)) == (AMBER, ["report_overdue"])
    assert assessment.fired[0].message == (
        "1 periodic report is overdue; the oldest was due on 15/04/2026 (30 days ago)."
    )


def test_a_report_overdue_longer_than_the_threshold_makes_the_cluster_red():
    assessment = assess(facts(overdue_reports=2, oldest_overdue_report_due_on=TODAY - timedelta(days=31)))
    assert (assessment.status, codes(assessment)) == (RED, ["report_overdue"])
    assert assessment.fired[0].message.startswith("2 periodic reports are overdue")


def test_the_red_threshold_is_a_setting():
    overdue = facts(overdue_reports=1, oldest_overdue_report_due_on=date(2026, 5, 1))
    assert assess(overdue, Thresholds(report_overdue_red_days=10)).status == RED
    assert assess(overdue, Thresholds(report_overdue_red_days=14)).status == AMBER
