"""A refused form marks each field it refuses, beside the field, and sums the problems up above the form with a link
to each field: the widget says aria-invalid and names its error with aria-describedby (forms of several apps)."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from clusters import services as cluster_services
from clusters.models import WorkPlanItem
from engagements.models import WorkLog
from tests.factories.advisors import make_profile
from tests.factories.engagements import active_engagement, goal_of


def widget(page: str, field_id: str) -> str:
    """The opening tag of the element with this id."""
    match = re.search(rf'<(input|select|textarea)\b[^>]*\bid="{field_id}"[^>]*>', page)
    assert match, field_id
    return match.group(0)


def assert_marked(page: str, field_id: str, message: str) -> None:
    tag = widget(page, field_id)
    assert 'aria-invalid="true"' in tag
    assert "is-invalid" in re.search(r'class="([^"]*)"', tag).group(1).split()
    describedby = re.search(r'aria-describedby="([^"]*)"', tag).group(1).split()
    assert f"{field_id}_error" in describedby
    error = re.search(rf'<div class="invalid-feedback d-block" id="{field_id}_error">(.*?)</div>', page, re.S)
    assert message in error.group(1)
    summary = re.search(r"<div [^>]*data-error-summary>(.*?)</div>", page, re.S).group(1)
    assert f'href="#{field_id}"' in summary
    assert message in summary


def english(client_as, user):
    client = client_as(user)
    client.cookies["language"] = "en"
    return client


@pytest.fixture
def engagement(world):
    world.organisation.vetting_state = "vetted"
    world.organisation.save(update_fields=["vetting_state"])
    profile = make_profile(person=world.advisor, organisation=world.organisation)
    return active_engagement(cluster=world.cluster, ceo=world.ceo, profile=profile, goals=[goal_of(world.cluster)])


def test_a_work_log_refused_by_the_service_marks_the_date_not_only_a_banner(world, client_as, engagement):
    response = english(client_as, world.advisor).post(
        reverse("engagements:log_work", args=[engagement.pk]),
        {"worked_on": "2025-06-01", "hours": "2", "activity": "advice", "text": "Workshop"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert_marked(page, "id_worked_on", "The date must be within the engagement&#x27;s dates")
    assert 'class="alert alert-danger" role="alert"' not in page.split("data-error-summary")[0][-200:]
    assert WorkLog.objects.count() == 0


def test_a_work_log_with_too_many_hours_marks_the_hours(world, client_as, engagement):
    response = english(client_as, world.advisor).post(
        reverse("engagements:log_work", args=[engagement.pk]),
        {"worked_on": timezone.localdate().isoformat(), "hours": "30", "activity": "advice", "text": "Workshop"},
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in widget(response.content.decode(), "id_hours")
    assert WorkLog.objects.count() == 0


def test_refused_spending_is_marked_on_its_fields_on_the_work_plan_page(world, client_as):
    plan = cluster_services.start_work_plan(cluster=world.cluster, year=timezone.localdate().year, started_by=world.ceo)
    item = WorkPlanItem.objects.create(
        plan=plan, title="Tender", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )
    response = english(client_as, world.ceo).post(
        reverse("clusters:spending_create", args=[world.cluster.pk]),
        {"item": item.pk, "amount": "-5", "spent_on": "2999-01-01", "description": "Printing"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert_marked(page, "id_amount", "Ensure this value is greater than or equal to 0.01.")
    assert 'aria-invalid="true"' in widget(page, "id_spent_on")
    assert item.spending.count() == 0


def test_a_refused_invitation_marks_the_email_in_hebrew(world, client_as):
    client = client_as(world.admin)
    response = client.post(reverse("accounts:invitation_create"), {"email": "not an address", "role": "cluster_ceo"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "יש בעיה" in page
    tag = widget(page, "id_email")
    assert 'aria-invalid="true"' in tag
    assert "id_email_error" in tag


def test_a_form_without_errors_has_no_summary(world, client_as, engagement):
    page = english(client_as, world.advisor).get(reverse("engagements:log_work", args=[engagement.pk])).content.decode()
    assert "data-error-summary" not in page
    assert 'aria-invalid="true"' not in page
