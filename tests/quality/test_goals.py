"""Goals whose measurements come from the quality measures: computed, written through clusters' services."""

from datetime import date
from decimal import Decimal

import pytest

from clusters.models import Goal, Measurement
from clusters.selectors import goal_with_progress
from quality.models import Measure, QualityGoalSource
from quality.services.goals import link_goal, sync_goal_source
from tests.factories.clusters import GoalFactory
from tests.factories.quality import quality_setup

FEB, MAR = date(2026, 2, 1), date(2026, 3, 1)


@pytest.fixture
def setup(world):
    setup = quality_setup(world.cluster)
    a, b = setup.authorities
    for authority, values in ((a, ("10", "12")), (b, ("30", "20"))):
        for month, value in zip((FEB, MAR), values, strict=True):
            Measure.objects.create(
                service=setup.service, authority=authority, month=month, channel="", close_median_hours=Decimal(value)
            )
    return setup


def test_a_gap_goal_takes_each_authority_s_value(setup, ceo):
    goal = GoalFactory(
        service=setup.service,
        kind=Goal.Kind.GAP,
        unit="h",
        baseline_value=Decimal(20),
        baseline_on=date(2026, 1, 1),
        target_percent=Decimal(50),
    )
    link_goal(goal=goal, metric="close_median_hours", aggregate="authorities", linked_by=ceo)
    a, b = setup.authorities
    rows = {
        m.period_start: {v.authority_id: v.value for v in m.authority_values.all()}
        for m in Measurement.objects.filter(goal=goal)
    }
    assert rows == {
        FEB: {a.pk: Decimal("10.00"), b.pk: Decimal("30.00")},
        MAR: {a.pk: Decimal("12.00"), b.pk: Decimal("20.00")},
    }
    progress = goal_with_progress(goal_id=goal.pk).progress
    # the gap went from 20 (baseline) to 8 in March; the target is 10
    assert (progress.current, progress.target) == (Decimal("8.00"), Decimal("10"))


def test_a_custom_goal_takes_the_worst_authority_and_follows_changes(setup, ceo):
    goal = GoalFactory(
        service=setup.service,
        kind=Goal.Kind.CUSTOM,
        unit="h",
        direction="lower",
        baseline_value=Decimal(60),
        baseline_on=date(2026, 1, 1),
        target_value=Decimal(48),
        target_percent=None,
    )
    source = link_goal(goal=goal, metric="close_median_hours", aggregate="worst", linked_by=ceo)
    assert list(Measurement.objects.filter(goal=goal).values_list("period_start", "value")) == [
        (FEB, Decimal("30.00")),
        (MAR, Decimal("20.00")),
    ]
    assert sync_goal_source(source=source) == 0  # nothing changed, nothing written
    Measure.objects.filter(month=MAR, authority=setup.authorities[0]).update(close_median_hours=Decimal("25"))
    assert sync_goal_source(source=QualityGoalSource.objects.get(pk=source.pk)) == 1
    corrected = Measurement.objects.get(goal=goal, period_start=MAR)
    assert corrected.value == Decimal("25.00")
    assert corrected.history.filter(history_type="~").count() == 1


def test_the_ceo_links_a_goal_from_the_service_page(setup, english_client, ceo, board_member):
    goal = GoalFactory(
        service=setup.service,
        kind=Goal.Kind.CUSTOM,
        unit="h",
        baseline_value=Decimal(60),
        baseline_on=date(2026, 1, 1),
        target_value=Decimal(48),
        target_percent=None,
    )
    url = f"/quality/services/{setup.service.pk}/goals/"
    data = {"goal": goal.pk, "metric": "close_median_hours", "aggregate": "worst"}
    assert english_client(board_member).post(url, data).status_code == 403
    assert QualityGoalSource.objects.count() == 0
    response = english_client(ceo).post(url, {**data, "aggregate": "authorities"})
    assert response.status_code == 400  # the service page again, the refusal above the form
    assert QualityGoalSource.objects.count() == 0  # a custom goal takes the worst value or the median
    english_client(ceo).post(url, data)
    assert QualityGoalSource.objects.get().goal == goal
    assert Measurement.objects.filter(goal=goal).count() == 2


def test_a_computed_goal_takes_no_typed_measurement(setup, english_client, ceo):
    goal = GoalFactory(
        service=setup.service,
        kind=Goal.Kind.CUSTOM,
        unit="h",
        baseline_value=Decimal(60),
        baseline_on=date(2026, 1, 1),
        target_value=Decimal(48),
        target_percent=None,
    )
    link_goal(goal=goal, metric="close_median_hours", aggregate="worst", linked_by=ceo)
    goal.refresh_from_db()
    assert goal.computed_from == "the service-quality measures (Median time to close (h), The worst authority's value)"
    client = english_client(ceo)
    before = list(Measurement.objects.filter(goal=goal).values_list("period_start", "value"))
    response = client.post(
        f"/clusters/goals/{goal.pk}/measurements/new/", {"period_kind": "month", "period": "2026-04", "value": "1"}
    )
    assert response.status_code == 403
    measurement = Measurement.objects.filter(goal=goal).first()
    assert client.post(f"/clusters/measurements/{measurement.pk}/correct/", {"value": "1"}).status_code == 403
    assert list(Measurement.objects.filter(goal=goal).values_list("period_start", "value")) == before
    page = client.get(f"/clusters/goals/{goal.pk}/").content.decode()
    assert "they are never typed" in page
    assert f"/clusters/goals/{goal.pk}/measurements/new/" not in page


def test_a_refused_goal_link_comes_back_on_the_service_page_with_its_error(setup, world, english_client):
    from django.urls import reverse

    goal = GoalFactory(service=setup.service, kind=Goal.Kind.GAP, unit="h", baseline_value=Decimal(20))
    response = english_client(world.ceo).post(
        reverse("quality:goal_link", args=[setup.service.pk]),
        {"goal": goal.pk, "metric": "close_median_hours", "aggregate": "median"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "A gap goal takes each authority" in page
    assert 'value="median" selected' in page  # what was chosen is kept
    assert QualityGoalSource.objects.count() == 0
