from datetime import date
from decimal import Decimal

from clusters.progress import (
    AT_RISK,
    IMPROVING,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    STEADY,
    UNKNOWN,
    WORSENING,
    Member,
    Point,
    check_composition,
    compute_progress,
)

START, DUE = date(2025, 1, 1), date(2027, 1, 1)
HALFWAY = date(2026, 1, 1)  # 365 of 730 days: an even path is half way there


def progress(kind, points, *, baseline, target_value=None, target_percent=None, today=HALFWAY):
    return compute_progress(
        kind=kind,
        baseline=Decimal(baseline),
        target_value=None if target_value is None else Decimal(target_value),
        target_percent=None if target_percent is None else Decimal(target_percent),
        baseline_on=START,
        target_on=DUE,
        points=points,
        today=today,
    )


def test_cost_saving_target_is_85_percent_of_baseline_and_progress_is_saving_against_target():
    result = progress(
        "cost_saving", [Point(date(2025, 10, 1), Decimal(900_000))], baseline=1_000_000, target_percent=15
    )
    assert result.target == Decimal(850_000)
    assert result.current == Decimal(900_000)
    assert result.share == Decimal("0.6667")
    assert result.percent == 67
    assert result.status == ON_TRACK


def test_cost_saving_that_costs_more_than_baseline_is_off_track():
    result = progress(
        "cost_saving", [Point(date(2025, 10, 1), Decimal(1_050_000))], baseline=1_000_000, target_percent=15
    )
    assert result.share == Decimal("-0.3333")
    assert result.status == OFF_TRACK


def test_cost_saving_a_little_behind_the_even_path_is_at_risk():
    # 40 % of the way at half time: behind by 10 points, within the 20 point margin
    result = progress(
        "cost_saving", [Point(date(2025, 10, 1), Decimal(940_000))], baseline=1_000_000, target_percent=15
    )
    assert result.share == Decimal("0.4000")
    assert result.status == AT_RISK


def test_cost_saving_far_behind_the_even_path_is_off_track():
    result = progress(
        "cost_saving", [Point(date(2025, 10, 1), Decimal(980_000))], baseline=1_000_000, target_percent=15
    )
    assert result.share == Decimal("0.1333")
    assert result.status == OFF_TRACK


def test_coverage_counts_authorities_receiving_the_service():
    point = Point(date(2025, 10, 1), None, {1: Decimal(1), 2: Decimal(1), 3: Decimal(0), 4: Decimal(1)})
    result = progress("coverage", [point], baseline=1, target_value=5)
    assert result.current == Decimal(3)
    assert result.share == Decimal("0.5000")
    assert result.status == ON_TRACK


def test_gap_is_best_minus_worst_authority_and_must_narrow():
    point = Point(date(2025, 10, 1), None, {1: Decimal(4), 2: Decimal(9), 3: Decimal(6)})
    result = progress("gap", [point], baseline=10, target_percent=50)
    assert result.target == Decimal(5)
    assert result.current == Decimal(5)
    assert result.share == Decimal("1.0000")
    assert result.status == ON_TRACK


def test_gap_with_one_authority_value_has_no_data():
    result = progress("gap", [Point(date(2025, 10, 1), None, {1: Decimal(4)})], baseline=10, target_percent=50)
    assert result.current is None
    assert result.share is None
    assert result.status == NO_DATA


def test_custom_kpi_where_higher_is_better():
    points = [Point(date(2025, 4, 1), Decimal(120)), Point(date(2025, 7, 1), Decimal(150))]
    result = progress("custom", points, baseline=100, target_value=200)
    assert result.share == Decimal("0.5000")
    assert result.status == ON_TRACK
    assert result.trend == IMPROVING


def test_custom_kpi_where_lower_is_better_falling_value_is_progress():
    points = [Point(date(2025, 4, 1), Decimal(8)), Point(date(2025, 7, 1), Decimal(9))]
    result = progress("custom", points, baseline=10, target_value=5)
    assert result.current == Decimal(9)
    assert result.share == Decimal("0.2000")
    assert result.status == OFF_TRACK
    assert result.trend == WORSENING


def test_no_measurements_means_no_data_not_off_track():
    result = progress("custom", [], baseline=10, target_value=5)
    assert (result.status, result.trend, result.share, result.current) == (NO_DATA, UNKNOWN, None, None)


def test_missing_period_value_uses_the_latest_known_value():
    points = [Point(date(2025, 4, 1), Decimal(150)), Point(date(2025, 7, 1), None)]
    result = progress("custom", points, baseline=100, target_value=200)
    assert result.current == Decimal(150)
    assert result.series == [(date(2025, 4, 1), Decimal(150)), (date(2025, 7, 1), None)]
    assert result.trend == UNKNOWN


def test_same_value_twice_is_a_steady_trend():
    points = [Point(date(2025, 4, 1), Decimal(150)), Point(date(2025, 7, 1), Decimal(150))]
    assert progress("custom", points, baseline=100, target_value=200).trend == STEADY


def test_before_the_baseline_date_any_progress_is_on_track():
    result = progress("custom", [Point(date(2025, 1, 1), Decimal(100))], baseline=100, target_value=200, today=START)
    assert result.expected_share == Decimal(0)
    assert result.status == ON_TRACK


def member(kind="local_council", population=20_000, strength=5):
    return Member(kind, population, strength)


def test_balanced_cluster_has_no_composition_warnings():
    members = [member("municipality", 30_000, 2), member(strength=8), member("regional_council", 10_000, 5)]
    members += [member(strength=4), member(strength=6)]
    assert check_composition(members) == []


def test_small_cluster_of_one_kind_and_strength_gets_every_warning_with_numbers():
    warnings = check_composition([member(population=9_000, strength=3), member(population=11_000, strength=4)])
    assert [w.code for w in warnings] == ["member_count", "population", "kinds", "strength"]
    assert str(warnings[0].message) == "The cluster has 2 member authorities; the programme expects 5 to 10."
    assert str(warnings[1].message) == (
        "The member authorities have 20,000 residents; the programme expects at least 50,000."
    )
    assert str(warnings[3].message) == (
        "Member authorities range only from socio-economic cluster 3 to 4; "
        "the programme expects a mix of stronger and weaker authorities."
    )


def test_cluster_with_more_than_ten_members_is_warned_not_refused():
    members = [member("municipality", strength=2)] + [member(strength=8) for _ in range(11)]
    warnings = check_composition(members)
    assert [w.code for w in warnings] == ["member_count"]
    assert str(warnings[0].message) == "The cluster has 12 member authorities; the programme expects 5 to 10."
