"""A refused form on the engagement's page comes back with the error beside its field and in the summary above the
form (400), and nothing is written."""

import pytest
from django.urls import reverse

from engagements import services
from engagements.models import BudgetExtension, Deliverable, State, Transition
from tests.factories.engagements import draft_engagement

pytestmark = pytest.mark.django_db


def proposed(world):
    engagement = draft_engagement(cluster=world.cluster, ceo=world.ceo, profile=world.profile)
    services.propose_engagement(engagement=engagement, proposed_by=world.ceo)
    return engagement


def summary_and_field(response, field):
    page = response.content.decode()
    return "There is a problem" in page, f'id="id_{field}_error"' in page


def test_declining_without_a_reason_shows_the_error_on_the_reason(engaged_world, client_as):
    engagement = proposed(engaged_world)
    transitions = Transition.objects.count()
    response = client_as(engaged_world.advisor).post(
        reverse("engagements:transition", args=[engagement.pk, "decline"]), {"reason": "  "}
    )
    assert response.status_code == 400
    assert response.context["reason_form"].errors == {"reason": ["A reason is required."]}
    assert summary_and_field(response, "reason") == (True, True)
    engagement.refresh_from_db()
    assert (engagement.state, Transition.objects.count()) == (State.PROPOSED, transitions)


def test_accepting_without_confirming_shows_the_error_on_the_declaration_form(engaged_world, client_as):
    engagement = proposed(engaged_world)
    response = client_as(engaged_world.advisor).post(
        reverse("engagements:transition", args=[engagement.pk, "accept"]), {"declaration": "I declare"}
    )
    assert response.status_code == 400
    form = response.context["declaration_form"]
    assert list(form.errors) == ["confirm"]
    assert form["declaration"].value() == "I declare"  # what was typed is kept
    assert summary_and_field(response, "confirm") == (True, True)
    engagement.refresh_from_db()
    assert (engagement.state, engagement.declaration_text) == (State.PROPOSED, "")


def test_withdrawing_without_a_reason_is_refused_on_the_field(engaged_world, client_as):
    engagement = proposed(engaged_world)
    response = client_as(engaged_world.ceo).post(reverse("engagements:transition", args=[engagement.pk, "withdraw"]))
    assert response.status_code == 400
    assert response.context["reason_form"].errors == {"reason": ["A reason is required."]}
    engagement.refresh_from_db()
    assert engagement.state == State.PROPOSED


def test_a_budget_extension_adding_nothing_is_refused_above_the_form(engaged_world, client_as):
    engagement = engaged_world.engagement
    response = client_as(engaged_world.ceo).post(
        reverse("engagements:extend_budget", args=[engagement.pk]),
        {"added_hours": "0", "added_amount": "0", "reason": "More workshops"},
    )
    assert response.status_code == 400
    form = response.context["extension_form"]
    assert form.non_field_errors() == ["An extension adds hours, shekels or both."]
    assert form["reason"].value() == "More workshops"
    assert "There is a problem" in response.content.decode()
    assert BudgetExtension.objects.count() == 0


def test_a_budget_extension_without_a_reason_is_refused_on_the_reason(engaged_world, client_as):
    response = client_as(engaged_world.ceo).post(
        reverse("engagements:extend_budget", args=[engaged_world.engagement.pk]),
        {"added_hours": "5", "added_amount": "0", "reason": ""},
    )
    assert response.status_code == 400
    assert list(response.context["extension_form"].errors) == ["reason"]
    assert summary_and_field(response, "reason") == (True, True)
    assert BudgetExtension.objects.count() == 0


def test_a_deliverable_without_a_file_or_a_link_is_refused_and_its_title_kept(engaged_world, client_as):
    response = client_as(engaged_world.advisor).post(
        reverse("engagements:add_deliverable", args=[engaged_world.engagement.pk]),
        {"milestone": "Tender", "title": "Draft tender"},
    )
    assert response.status_code == 400
    form = response.context["deliverable_form"]
    assert form.non_field_errors() == ["Give either a file or a link."]
    assert form["title"].value() == "Draft tender"
    assert Deliverable.objects.count() == 0


def test_a_deliverable_without_a_title_is_refused_on_the_field(engaged_world, client_as):
    response = client_as(engaged_world.advisor).post(
        reverse("engagements:add_deliverable", args=[engaged_world.engagement.pk]),
        {"milestone": "Tender", "link": "https://example.org/tender"},
    )
    assert response.status_code == 400
    assert list(response.context["deliverable_form"].errors) == ["title"]
    assert summary_and_field(response, "title") == (True, True)
    assert Deliverable.objects.count() == 0
