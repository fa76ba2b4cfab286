"""Bad dates in oversight forms and URLs: a field error or a 404, and nothing written."""

import pytest
from django.urls import reverse

from oversight.models import Finding, PeriodicReport


@pytest.mark.parametrize("period", ["0001-01-01", "9999-12-31", "1999-10-01", "2026-13-01", "abc"])
def test_report_period_outside_the_domain_is_not_found(world, client_as, period):
    url = reverse("oversight:report_open", kwargs={"pk": world.cluster.pk, "period": period})
    assert client_as(world.ceo).post(url).status_code == 404
    assert PeriodicReport.objects.count() == 0


@pytest.mark.parametrize("due_on", ["0001-01-01", "9999-12-31"])
def test_finding_due_date_outside_the_domain_is_a_field_error(world, client_as, due_on):
    client = client_as(world.referent)
    client.cookies["language"] = "en"
    url = reverse("oversight:finding_create", kwargs={"pk": world.cluster.pk})
    response = client.post(url, {"severity": "medium", "text": "Fix the plan", "due_on": due_on})
    # a date before today is also in the past, and the field says both
    past = ["The due date cannot be in the past."] if due_on < "2000" else []
    assert response.context["form"].errors == {"due_on": ["Enter a date between 2000 and 2100.", *past]}
    assert Finding.objects.count() == 0
