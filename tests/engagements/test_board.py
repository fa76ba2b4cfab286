"""Board members read their cluster's engagements and act on none of them."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from engagements import services
from engagements.models import Engagement, State, WorkLog, WorkLogState
from engagements.services import EngagementError
from tests.factories.engagements import active_engagement, draft_engagement


@pytest.fixture
def logged(engaged_world):
    engaged_world.extra["entry"] = services.log_work(
        engagement=engaged_world.engagement,
        advisor=engaged_world.advisor,
        worked_on=date(2026, 3, 2),
        hours=Decimal(2),
        activity="advice",
        text="Workshop with the heads",
    )
    return engaged_world


def test_board_member_lists_only_their_clusters_engagements(logged, client_as):
    from tests.factories.advisors import make_profile

    theirs = make_profile(organisation=logged.organisation)
    other = active_engagement(cluster=logged.other_cluster, ceo=logged.other_ceo, profile=theirs)
    response = client_as(logged.board_member).get(reverse("engagements:list"))
    assert response.status_code == 200
    assert [engagement.pk for engagement, _step in response.context["rows"]] == [logged.engagement.pk]
    assert other.pk not in [engagement.pk for engagement, _step in response.context["rows"]]


def test_board_member_reads_the_detail_with_budget_burn_and_no_action(logged, client_as):
    services.approve_work_log(entry=logged.entry, approved_by=logged.ceo)
    response = client_as(logged.board_member).get(reverse("engagements:detail", args=[logged.engagement.pk]))
    assert response.status_code == 200
    context = response.context
    assert context["budget"].approved_hours == Decimal(2)
    assert "Workshop with the heads" in response.content.decode()
    flags = ["can_propose", "can_withdraw", "can_respond", "can_close", "can_log", "can_extend", "can_add_deliverable"]
    assert [context[flag] for flag in flags] == [False] * len(flags)
    assert context["can_review"] is False
    assert "Complete the engagement" not in response.content.decode()


def test_services_refuse_the_board_members_actions_and_change_nothing(logged):
    board = logged.board_member
    draft = draft_engagement(cluster=logged.cluster, ceo=logged.ceo, profile=logged.profile)
    with pytest.raises(EngagementError):
        services.approve_work_log(entry=logged.entry, approved_by=board)
    with pytest.raises(EngagementError):
        services.propose_engagement(engagement=draft, proposed_by=board)
    with pytest.raises(EngagementError):
        services.extend_budget(engagement=logged.engagement, extended_by=board, added_hours=Decimal(5), reason="x")
    with pytest.raises(EngagementError):
        services.complete_engagement(engagement=logged.engagement, completed_by=board)
    assert WorkLog.objects.get(pk=logged.entry.pk).state == WorkLogState.SUBMITTED
    assert Engagement.objects.get(pk=draft.pk).state == State.DRAFT
    assert Engagement.objects.get(pk=logged.engagement.pk).state == State.ACTIVE
    assert logged.engagement.extensions.count() == 0


def test_board_member_posting_an_approval_is_forbidden(logged, client_as):
    url = reverse("engagements:work_log_decide", args=[logged.entry.pk, "approve"])
    assert client_as(logged.board_member).post(url).status_code == 403
    assert WorkLog.objects.get(pk=logged.entry.pk).state == WorkLogState.SUBMITTED
