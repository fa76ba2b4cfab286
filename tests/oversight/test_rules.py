"""The red / amber / green rules, one by one, on plain facts."""

from datetime import date

import pytest

from clusters.progress import AT_RISK, NO_DATA, OFF_TRACK, ON_TRACK
from oversight.rules import AMBER, GREEN, RED, ClusterFacts, Thresholds, assess, last_quarter_start

TODAY = date(2026, 5, 15)
RECENT = date(2026, 1, 1)  # the last complete quarter before May 2026


def facts(**overrides) -> ClusterFacts:
    values = {
        "today": TODAY,
        "incorporated_on": date(2024, 1, 1),
        "operating_core_services": 1,
        "goal_statuses": [ON_TRACK],
        "latest_measurement_on": RECENT,
        "ceo_vacant_since": None,
        "work_plan_status": "approved",
        "overdue_findings": 0,
    }
    values.update(overrides)
    return ClusterFacts(**values)


def codes(assessment) -> list[str]:
    return [rule.code for rule in assessment.fired]


def test_a_healthy_cluster_is_green_and_no_rule_fires():
    assessment = assess(facts())
    assert (assessment.status, assessment.fired) == (GREEN, [])


def test_last_quarter_start_is_the_previous_complete_quarter():
    assert last_quarter_start(date(2026, 5, 15)) == date(2026, 1, 1)
    assert last_quarter_start(date(2026, 1, 10)) == date(2025, 10, 1)


def test_no_operating_core_service_twelve_months_after_incorporation_is_red():
    assessment = assess(facts(incorporated_on=date(2025, 5, 15), operating_core_services=0))
    assert assessment.status == RED
    assert codes(assessment) == ["no_core_service"]
    assert "12 months" in assessment.fired[0].message


def test_no_operating_core_service_before_twelve_months_is_only_the_programme_warning():
    assessment = assess(facts(incorporated_on=date(2025, 5, 16), operating_core_services=0))
    assert (assessment.status, codes(assessment)) == (AMBER, ["core_service_count"])
    assert assessment.fired[0].message == "No core service is operating; the programme expects 1 to 2."


def test_a_forming_cluster_without_services_is_not_held_to_the_core_service_rule():
    assert codes(assess(facts(incorporated_on=None, is_forming=True, operating_core_services=0))) == []


def test_an_unknown_incorporation_date_still_warns_of_no_operating_core_service():
    assert codes(assess(facts(incorporated_on=None, operating_core_services=0))) == ["core_service_count"]


@pytest.mark.parametrize(
    ("operating", "fired"),
    [(0, ["core_service_count"]), (1, []), (2, []), (3, ["core_service_count"])],
)
def test_the_programme_expects_one_to_two_operating_core_services(operating, fired):
    assessment = assess(facts(incorporated_on=date(2026, 1, 1), operating_core_services=operating))
    assert codes(assessment) == fired
    assert assessment.status == (AMBER if fired else GREEN)


def test_more_than_two_operating_core_services_are_counted_in_the_message():
    assessment = assess(facts(operating_core_services=3))
    assert assessment.fired[0].message == "3 core services are operating; the programme expects 1 to 2."


def test_the_core_service_range_is_a_threshold():
    assessment = assess(facts(operating_core_services=3), Thresholds(max_core_services=3))
    assert codes(assessment) == []


def test_the_core_service_grace_is_a_threshold():
    assessment = assess(
        facts(incorporated_on=date(2025, 11, 15), operating_core_services=0),
        Thresholds(core_service_grace_months=6),
    )
    assert codes(assessment) == ["no_core_service"]


def test_goals_off_track_make_the_cluster_red_with_the_count():
    assessment = assess(facts(goal_statuses=[OFF_TRACK, ON_TRACK, OFF_TRACK]))
    assert assessment.status == RED
    assert codes(assessment) == ["goals_off_track"]
    assert assessment.fired[0].message == "2 of 3 goals are off track."


def test_goals_at_risk_make_the_cluster_amber_with_the_count():
    assessment = assess(facts(goal_statuses=[AT_RISK, ON_TRACK]))
    assert assessment.status == AMBER
    assert assessment.fired[0].message == "1 of 2 goals is at risk."


def test_off_track_wins_over_at_risk():
    assessment = assess(facts(goal_statuses=[AT_RISK, OFF_TRACK]))
    assert (assessment.status, codes(assessment)) == (RED, ["goals_off_track", "goals_at_risk"])


def test_no_measurement_for_the_last_quarter_is_amber():
    assessment = assess(facts(latest_measurement_on=date(2025, 10, 1)))
    assert assessment.status == AMBER
    assert codes(assessment) == ["no_recent_measurement"]
    assert assessment.fired[0].message == "The latest measurement is for 01/10/2025; expected one from 01/01/2026."


def test_goals_never_measured_fire_the_measurement_rule():
    assessment = assess(facts(goal_statuses=[NO_DATA], latest_measurement_on=None))
    assert codes(assessment) == ["no_recent_measurement"]


def test_a_cluster_without_goals_is_not_held_to_the_measurement_rule():
    assert codes(assess(facts(goal_statuses=[], latest_measurement_on=None))) == []


def test_ceo_seat_vacant_for_more_than_sixty_days_is_amber():
    assessment = assess(facts(ceo_vacant_since=date(2026, 3, 15)))
    assert assessment.status == AMBER
    assert assessment.fired[0].message == "The CEO seat has been vacant for 61 days (limit 60)."


def test_ceo_seat_vacant_for_sixty_days_fires_nothing():
    assert codes(assess(facts(ceo_vacant_since=date(2026, 3, 16)))) == []


def test_work_plan_not_approved_after_its_due_date_is_amber():
    assessment = assess(facts(work_plan_status="board_review"))
    assert assessment.status == AMBER
    assert assessment.fired[0].message == "The 2026 work plan is not approved; it was due on 31/03/2026 (45 days ago)."


def test_missing_work_plan_after_its_due_date_fires():
    assert codes(assess(facts(work_plan_status=None))) == ["work_plan_late"]


def test_work_plan_not_approved_before_its_due_date_fires_nothing():
    assert (
        codes(assess(facts(today=date(2026, 3, 31), latest_measurement_on=date(2025, 10, 1), work_plan_status=None)))
        == []
    )


def test_overdue_findings_are_amber_with_the_count():
    assessment = assess(facts(overdue_findings=2))
    assert assessment.status == AMBER
    assert assessment.fired[0].message == "2 open findings are past their due date."


def test_the_explanation_lists_every_rule_that_fired():
    assessment = assess(facts(goal_statuses=[OFF_TRACK], overdue_findings=1))
    assert assessment.explanation == "1 of 1 goals is off track.; 1 open finding is past its due date."


def test_a_service_whose_response_time_worsened_makes_the_cluster_amber():
    assessment = assess(facts(worsening_services=["Welfare", "Waste"]), Thresholds(response_worsening_months=2))
    assert assessment.status == AMBER
    assert [(rule.code, str(rule.message)) for rule in assessment.fired] == [
        ("response_worsening", "The response times of Welfare, Waste worsened 2 months running.")
    ]
