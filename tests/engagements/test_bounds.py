"""Numbers and dates beyond their columns or the domain's range are field errors, bad URL parameters are 404s;
nothing is written either way."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from advisors.models import Need
from engagements.models import BudgetExtension, Engagement, Proposal, WorkLog
from tests.factories.requests import open_request


def engagement_terms(**values):
    return {
        "needs": [Need.objects.get(code="management.workplan_budget").pk],
        "scope": "Budget plan",
        "starts_on": "2026-02-01",
        "ends_on": "2026-03-01",
        "budget_hours": "10",
        "hourly_rate": "400",
        **values,
    }


def post_engagement(world, client_as, **values):
    url = f"{reverse('engagements:new')}?profile={world.profile.pk}"
    return client_as(world.ceo).post(url, engagement_terms(**values))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("budget_amount", "10000000000000", "Enter a number from 0 to 100,000,000."),
        ("budget_amount", "100000000.01", "Enter a number from 0 to 100,000,000."),
        ("budget_hours", "99999999", "Enter a number from 0 to 10,000."),
        ("hourly_rate", "123456789", "Enter a number from 0 to 10,000."),
        ("budget_amount", "-1", "Enter a number from 0 to 100,000,000."),
        ("budget_amount", "1.005", "Enter at most 2 digits after the decimal point."),
    ],
)
def test_engagement_amount_beyond_column_is_a_field_error(engaged_world, client_as, field, value, message):
    before = Engagement.objects.count()
    response = post_engagement(engaged_world, client_as, **{field: value})
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert Engagement.objects.count() == before


@pytest.mark.parametrize("value", ["1e309", "NaN", "Infinity", "-inf", "sNaN", "1e-400"])
def test_engagement_infinity_and_nan_are_field_errors(engaged_world, client_as, value):
    before = Engagement.objects.count()
    response = post_engagement(engaged_world, client_as, budget_amount=value)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["budget_amount"]
    assert Engagement.objects.count() == before


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "field"),
    [
        ("0001-01-01", "2026-03-01", "starts_on"),
        ("2026-02-01", "9999-12-31", "ends_on"),
        ("1999-12-31", "2026-03-01", "starts_on"),
    ],
)
def test_engagement_dates_outside_the_domain_years_are_field_errors(
    engaged_world, client_as, starts_on, ends_on, field
):
    before = Engagement.objects.count()
    response = post_engagement(engaged_world, client_as, starts_on=starts_on, ends_on=ends_on)
    assert response.status_code == 200
    assert response.context["form"].errors == {field: ["Enter a date between 2000 and 2100."]}
    assert Engagement.objects.count() == before


def test_engagement_within_the_bounds_is_saved(engaged_world, client_as):
    response = post_engagement(
        engaged_world,
        client_as,
        budget_amount="100000000",
        hourly_rate="10000",
        starts_on="2000-01-01",
        ends_on="2100-12-31",
    )
    assert response.status_code == 302
    engagement = Engagement.objects.get(scope="Budget plan")
    assert (engagement.budget_amount, engagement.hourly_rate) == (Decimal("100000000.00"), Decimal("10000.00"))


@pytest.mark.parametrize("raw", ["abc", "", "-1", "1.5", "²", "99999999999999999999", "9223372036854775808"])
def test_new_engagement_with_a_bad_profile_parameter_is_not_found(engaged_world, client_as, raw):
    response = client_as(engaged_world.ceo).get(reverse("engagements:new"), {"profile": raw})
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["entry", "proposal"])
@pytest.mark.parametrize("raw", ["abc", "²", "99999999999999999999"])
def test_new_engagement_with_a_bad_entry_or_proposal_parameter_is_not_found(engaged_world, client_as, name, raw):
    response = client_as(engaged_world.ceo).get(reverse("engagements:new"), {name: raw})
    assert response.status_code == 404


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01", "1999-12-31", "2101-01-01", "not-a-date", "2026-02-30"])
def test_work_page_with_a_week_outside_the_domain_is_not_found(engaged_world, client_as, week):
    url = reverse("engagements:log_work", args=[engaged_world.engagement.pk])
    assert client_as(engaged_world.advisor).get(url, {"week": week}).status_code == 404


def test_work_page_at_the_domain_edges_answers(engaged_world, client_as):
    url = reverse("engagements:log_work", args=[engaged_world.engagement.pk])
    client = client_as(engaged_world.advisor)
    assert [client.get(url, {"week": week}).status_code for week in ("2000-01-01", "2100-12-31", "")] == [200] * 3


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"hours": "1e309"}, "Enter a number from 0.25 to 24."),
        ({"hours": "NaN"}, "Enter a number."),
        ({"worked_on": "9999-12-31"}, "Enter a date between 2000 and 2100."),
    ],
)
def test_work_log_beyond_its_bounds_is_a_field_error(engaged_world, client_as, values, message):
    url = reverse("engagements:log_work", args=[engaged_world.engagement.pk])
    data = {"worked_on": "2026-03-02", "hours": "2", "activity": "advice", "text": "Workshop", **values}
    response = client_as(engaged_world.advisor).post(url, data)
    assert response.status_code == 400
    assert response.context["form"].errors == {next(iter(values)): [message]}
    assert WorkLog.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"added_amount": "10000000000000"}, "Added amount (₪): Enter a number from 0 to 100,000,000."),
        ({"added_amount": "1e309"}, "Added amount (₪): Enter a number from 0 to 100,000,000."),
        ({"added_hours": "NaN"}, "Added hours: Enter a number."),
        ({"added_hours": "99999999"}, "Added hours: Enter a number from 0 to 10,000."),
    ],
)
def test_budget_extension_amount_beyond_column_is_a_field_error(engaged_world, client_as, values, message):
    engagement = engaged_world.engagement
    before = (engagement.budget_hours, engagement.budget_amount)
    url = reverse("engagements:extend_budget", args=[engagement.pk])
    response = client_as(engaged_world.ceo).post(
        url, {"added_hours": "0", "added_amount": "0", "reason": "More", **values}
    )
    # The engagement's page again, the error on the field and in the summary above the form.
    assert response.status_code == 400
    form = response.context["extension_form"]
    field = "added_amount" if "added_amount" in values else "added_hours"
    assert list(form.errors) == [field]
    assert f"{form[field].label}: {form.errors[field][0]}" == message
    assert f'id="id_{field}_error"' in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    engagement.refresh_from_db()
    assert (engagement.budget_hours, engagement.budget_amount) == before
    assert BudgetExtension.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"amount": "10000000000000"}, "amount", "Enter a number from 1 to 100,000,000."),
        ({"amount": "1e309"}, "amount", "Enter a number from 1 to 100,000,000."),
        ({"hours": "Infinity"}, "hours", "Enter a number."),
        ({"hourly_rate": "123456789"}, "hourly_rate", "Enter a number from 0 to 10,000."),
    ],
)
def test_proposal_amount_beyond_column_is_a_field_error(engaged_world, client_as, values, field, message):
    brief = open_request(cluster=engaged_world.cluster, ceo=engaged_world.ceo)
    url = reverse("engagements:request_detail", args=[brief.pk])
    response = client_as(engaged_world.advisor).post(url, {"text": "Two workshops", **values})
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [message]}
    assert Proposal.objects.count() == 0


@pytest.mark.parametrize("answer_by", ["9999-12-31", "0001-01-01"])
def test_request_answer_by_outside_the_domain_is_a_field_error(engaged_world, client_as, answer_by):
    data = {
        "need": Need.objects.get(code="management.workplan_budget").pk,
        "title": "Procurement support",
        "text": "A joint tender.",
        "answer_by": answer_by,
    }
    response = client_as(engaged_world.ceo).post(reverse("engagements:request_new"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"answer_by": ["Enter a date between 2000 and 2100."]}
    from engagements.models import Request

    assert Request.objects.count() == 0


def test_returning_a_work_log_with_a_null_character_is_refused_and_nothing_changes(engaged_world, client_as):
    from engagements import services

    entry = services.log_work(
        engagement=engaged_world.engagement,
        advisor=engaged_world.advisor,
        worked_on=date(2026, 3, 2),
        hours=Decimal(2),
        activity="advice",
        text="Workshop",
    )
    url = reverse("engagements:work_log_decide", args=[entry.pk, "return"])
    response = client_as(engaged_world.ceo).post(url, {"reason": "Which\x00 day?"})
    assert response.status_code == 400  # the queue again, the error beside the entry's reason
    assert response.context["refused_form"].errors == {"reason": ["Null characters are not allowed."]}
    entry.refresh_from_db()
    assert (entry.state, entry.return_reason) == ("submitted", "")


def test_a_transition_with_a_null_character_is_refused_and_the_state_kept(engaged_world, client_as):
    from tests.factories.engagements import draft_engagement

    draft = draft_engagement(cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=engaged_world.profile)
    url = reverse("engagements:transition", args=[draft.pk, "propose"])
    response = client_as(engaged_world.ceo).post(url, {"reason": "\x00"})
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Reason: Null characters are not allowed."]
    draft.refresh_from_db()
    assert draft.state == "draft"
