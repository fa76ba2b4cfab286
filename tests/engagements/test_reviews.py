from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
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


# --- blind reviews: the window that reveals one side closes both ----------------------------------------------------

CLOSED = (
    "The review window has ended and the other side's review is revealed, so this engagement takes no more reviews."
)


def past_the_window(world):
    Engagement.objects.filter(pk=world.engagement.pk).update(closed_at=timezone.now() - timedelta(days=15))
    world.engagement.refresh_from_db()


def review_form(world):
    return {"expertise": "2", "responsiveness": "2", "goals": "2", "value": "2", "text": "In reply"}


def test_once_the_window_reveals_the_clients_review_the_advisor_cannot_write(completed, client_as):
    first = client_review(completed)
    past_the_window(completed)
    assert tasks.reveal_reviews() == 1
    with pytest.raises(EngagementError) as refused:
        advisor_review(completed)
    assert refused.value.messages == [CLOSED]
    client = client_as(completed.advisor)
    page = client.get(reverse("engagements:detail", args=[completed.engagement.pk]))
    assert (page.context["can_review"], page.context["reviews_closed"]) == (False, True)
    response = client.post(reverse("engagements:review", args=[completed.engagement.pk]), {"text": "In reply"})
    assert response.status_code == 400
    assert response.context["review_form"].non_field_errors() == [CLOSED]
    assert list(Review.objects.values_list("pk", "side", "text")) == [(first.pk, "client", "Clear and useful")]


def test_once_the_window_reveals_the_advisors_review_the_ceo_cannot_write(completed, client_as):
    first = advisor_review(completed)
    past_the_window(completed)
    assert tasks.reveal_reviews() == 1
    with pytest.raises(EngagementError) as refused:
        client_review(completed)
    assert refused.value.messages == [CLOSED]
    client = client_as(completed.ceo)
    page = client.get(reverse("engagements:detail", args=[completed.engagement.pk]))
    assert (page.context["can_review"], page.context["reviews_closed"]) == (False, True)
    assert "Good data access" in page.content.decode()
    client.post(reverse("engagements:review", args=[completed.engagement.pk]), review_form(completed))
    assert list(Review.objects.values_list("pk", "side", "text")) == [(first.pk, "advisor", "Good data access")]
    completed.profile.refresh_from_db()
    assert completed.profile.review_count == 0


@pytest.mark.parametrize("first_side", ["client", "advisor"])
def test_past_the_window_the_other_side_is_refused_even_before_the_reveal_task_runs(completed, first_side):
    first = client_review(completed) if first_side == "client" else advisor_review(completed)
    past_the_window(completed)
    with pytest.raises(EngagementError, match="takes no more reviews"):
        advisor_review(completed) if first_side == "client" else client_review(completed)
    assert list(Review.objects.values_list("pk", flat=True)) == [first.pk]
    first.refresh_from_db()
    assert first.revealed_at is None


def test_past_the_window_with_no_review_yet_either_side_may_still_write_first(completed):
    past_the_window(completed)
    review = client_review(completed)
    assert review.revealed_at is None
    assert tasks.reveal_reviews() == 1
    with pytest.raises(EngagementError, match="takes no more reviews"):
        advisor_review(completed)
    assert Review.objects.count() == 1


def test_within_the_window_the_second_review_reveals_both(completed, client_as):
    client_review(completed)
    page = client_as(completed.advisor).get(reverse("engagements:detail", args=[completed.engagement.pk]))
    assert (page.context["can_review"], page.context["reviews_closed"]) == (True, False)
    second = advisor_review(completed)
    assert second.revealed_at is not None
    assert Review.objects.filter(revealed_at__isnull=False).count() == 2
