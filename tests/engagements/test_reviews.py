from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from engagements import services, tasks
from engagements.models import Engagement, Review
from engagements.services import EngagementError


@pytest.fixture
def completed(engaged_world):
    services.complete_engagement(engagement=engaged_world.engagement, completed_by=engaged_world.ceo)
    return engaged_world


def client_review(world, **scores):
    values = {"expertise": 5, "responsiveness": 4, "goals": 4, "value": 3} | scores
    return services.submit_review(engagement=world.engagement, author=world.ceo, text="Clear and useful", **values)


def advisor_review(world):
    return services.submit_review(engagement=world.engagement, author=world.advisor, text="Good data access")


def test_reviews_wait_for_completion(engaged_world):
    with pytest.raises(EngagementError, match="after completion"):
        client_review(engaged_world)
    assert Review.objects.count() == 0


def test_first_review_stays_hidden_until_the_other_arrives(completed):
    first = client_review(completed)
    assert first.revealed_at is None
    completed.profile.refresh_from_db()
    assert completed.profile.review_count == 0
    second = advisor_review(completed)
    first.refresh_from_db()
    assert first.revealed_at is not None
    assert second.revealed_at == first.revealed_at
    completed.profile.refresh_from_db()
    assert (completed.profile.review_count, completed.profile.rating_distributions["expertise"]) == (1, [0, 0, 0, 0, 1])


def test_reviews_are_revealed_after_the_window_by_the_periodic_task(completed):
    review = client_review(completed)
    assert tasks.reveal_reviews() == 0
    Engagement.objects.filter(pk=completed.engagement.pk).update(closed_at=timezone.now() - timedelta(days=15))
    assert tasks.reveal_reviews() == 1
    assert tasks.reveal_reviews() == 0
    review.refresh_from_db()
    assert review.revealed_at is not None
    completed.profile.refresh_from_db()
    assert completed.profile.review_count == 1


def test_client_review_rates_every_dimension_from_1_to_5(completed):
    with pytest.raises(EngagementError, match="Rate each dimension from 1 to 5"):
        client_review(completed, value=6)
    with pytest.raises(EngagementError, match="Rate each dimension from 1 to 5"):
        client_review(completed, goals=None)
    assert Review.objects.count() == 0


def test_each_side_reviews_once(completed):
    client_review(completed)
    with pytest.raises(EngagementError, match="already been written"):
        client_review(completed, expertise=1)
    assert list(Review.objects.values_list("expertise", flat=True)) == [5]


@pytest.mark.parametrize("name", ["other_ceo", "referent", "other_advisor", "board_member"])
def test_only_the_two_sides_review(completed, name):
    with pytest.raises(EngagementError, match="after completion"):
        services.submit_review(
            engagement=completed.engagement,
            author=getattr(completed, name),
            text="x",
            expertise=1,
            responsiveness=1,
            goals=1,
            value=1,
        )
    assert Review.objects.count() == 0


def test_advisor_replies_once_to_the_revealed_client_review(completed):
    review = client_review(completed)
    with pytest.raises(EngagementError, match="one reply"):
        services.reply_to_review(review=review, replied_by=completed.advisor, reply="Thanks")
    advisor_review(completed)
    review.refresh_from_db()
    services.reply_to_review(review=review, replied_by=completed.advisor, reply="Thank you")
    with pytest.raises(EngagementError, match="one reply"):
        services.reply_to_review(review=Review.objects.get(pk=review.pk), replied_by=completed.advisor, reply="Again")
    assert Review.objects.get(pk=review.pk).reply == "Thank you"


def test_completion_pushes_the_track_record(completed):
    completed.profile.refresh_from_db()
    assert (completed.profile.completed_engagements, completed.profile.rating_overall) == (1, None)
    assert completed.engagement.hourly_rate == Decimal(400)
