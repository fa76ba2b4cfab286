"""Factories for the optional requests. Requests and proposals are made through the workflows, so the rules apply."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from advisors.models import Need
from engagements import requests

NEED = "management.workplan_budget"


def open_request(*, cluster, ceo, need=NEED, title="Work plan for the waste service", goals=(), days=14, **values):
    """An open request of the cluster for a need, answerable for `days` more days."""
    return requests.post_request(
        cluster=cluster,
        need=Need.objects.get(code=need),
        title=title,
        text=values.pop("text", "We need help writing the annual work plan and its budget."),
        answer_by=timezone.localdate() + timedelta(days=days),
        goals=list(goals),
        posted_by=ceo,
        **values,
    )


def proposal_to(brief, advisor, *, text="Four workshops and a draft plan.", hours=Decimal(40), **values):
    return requests.submit_proposal(brief=brief, advisor=advisor, text=text, hours=hours, **values)
