"""The catalogue's number and date filters and the profile form's numbers stay within their bounds."""

import pytest
from django.urls import reverse

from advisors.models import AdvisorProfile
from tests.factories.advisors import make_profile


@pytest.mark.parametrize(
    "query",
    [
        {"rate_max": "1e309"},
        {"rate_min": "-99999999999999999999"},
        {"rate_max": "NaN"},
        {"available_from": "9999-12-31"},
        {"available_from": "0001-01-01"},
        {"min_rating": "Infinity"},
        {"page": "99999999999999999999"},
    ],
)
def test_catalogue_filters_beyond_their_bounds_answer_without_error(world, client_as, query):
    make_profile(person=world.advisor, organisation=world.organisation)
    response = client_as(world.ceo).get(reverse("advisors:catalogue"), query)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("day_rate", "1e309", "Enter a whole number."),
        ("day_rate", "99999999999999999999", "Enter a number from 0 to 100,000."),
        ("days_per_month", "32", "Enter a number from 0 to 31."),
        ("available_from", "9999-12-31", "Enter a date between 2000 and 2100."),
    ],
)
def test_profile_numbers_beyond_their_bounds_are_field_errors(world, client_as, field, value, message):
    profile = make_profile(person=world.advisor, organisation=world.organisation)
    before = (profile.day_rate, profile.days_per_month, profile.available_from)
    client = client_as(world.advisor)
    client.cookies["language"] = "en"
    data = {
        "headline": "Budgets",
        "bio_en": "Budgets for clusters",
        "needs": ["management.workplan_budget"],
        "regions": ["north"],
        "languages": ["he"],
        "orientation": "both",
        "day_rate": "3000",
        "days_per_month": "4",
        field: value,
    }
    response = client.post(reverse("advisors:profile_edit", kwargs={"pk": profile.pk}), data)
    assert response.context["form"].errors == {field: [message]}
    profile = AdvisorProfile.objects.get(pk=profile.pk)
    assert (profile.day_rate, profile.days_per_month, profile.available_from) == before
