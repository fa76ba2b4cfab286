"""What each party has to do next: the list says it, the approval queue shows the goals, the declaration reads in the
advisor's language."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from engagements import services
from tests.factories.engagements import draft_engagement

pytestmark = pytest.mark.django_db


def rows_of(page: str) -> str:
    return page[page.index("<tbody>") : page.index("</tbody>")]


def test_the_advisor_is_told_a_proposal_waits_for_their_acceptance(engaged_world, client_as):
    engagement = draft_engagement(cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=engaged_world.profile)
    services.propose_engagement(engagement=engagement, proposed_by=engaged_world.ceo)
    page = rows_of(client_as(engaged_world.advisor).get(reverse("engagements:list")).content.decode())
    detail = reverse("engagements:detail", args=[engagement.pk])
    assert f'<a href="{detail}" class="fw-semibold">Waiting for your acceptance</a>' in page
    assert page.count("Log your work") == 1  # the active engagement of the fixture


def test_the_advisor_is_told_which_entries_came_back(engaged_world, client_as):
    engagement = engaged_world.engagement
    entries = [
        services.log_work(
            engagement=engagement,
            advisor=engaged_world.advisor,
            worked_on=date(2026, 3, day),
            hours=Decimal(2),
            activity="advice",
            text="Steering meeting",
        )
        for day in (1, 2)
    ]
    for entry in entries:
        services.return_work_log(entry=entry, returned_by=engaged_world.ceo, reason="Say which goal it served")
    page = rows_of(client_as(engaged_world.advisor).get(reverse("engagements:list")).content.decode())
    assert "2 entries returned: fix them" in page
    assert "Log your work" not in page


def test_the_ceo_sees_drafts_proposals_and_entries_to_approve(engaged_world, client_as):
    services.log_work(
        engagement=engaged_world.engagement,
        advisor=engaged_world.advisor,
        worked_on=date(2026, 3, 1),
        hours=Decimal(2),
        activity="advice",
        text="Steering meeting",
    )
    draft = draft_engagement(cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=engaged_world.profile)
    page = rows_of(client_as(engaged_world.ceo).get(reverse("engagements:list")).content.decode())
    assert "1 entry to approve" in page
    assert "Draft: propose it to the advisor" in page
    assert reverse("engagements:detail", args=[draft.pk]) in page


def test_the_board_member_reads_the_list_with_nothing_to_do(engaged_world, client_as):
    page = rows_of(client_as(engaged_world.board_member).get(reverse("engagements:list")).content.decode())
    assert reverse("engagements:detail", args=[engaged_world.engagement.pk]) in page
    assert "fw-semibold" not in page


def test_the_approval_queue_shows_the_goals_each_entry_serves(engaged_world, client_as):
    services.log_work(
        engagement=engaged_world.engagement,
        advisor=engaged_world.advisor,
        worked_on=date(2026, 3, 1),
        hours=Decimal(2),
        activity="advice",
        text="Tender draft",
        goals=[engaged_world.goal],
    )
    services.log_work(
        engagement=engaged_world.engagement,
        advisor=engaged_world.advisor,
        worked_on=date(2026, 3, 2),
        hours=Decimal(1),
        activity="advice",
        text="Call with the council",
    )
    page = client_as(engaged_world.ceo).get(reverse("engagements:approvals")).content.decode()
    assert f'<bdi lang="he" dir="rtl">{engaged_world.goal.name}</bdi>' in page  # no English name: shown as typed
    assert page.count("None named") == 1


def test_the_declaration_is_offered_and_stored_in_the_advisors_language(engaged_world, client_as):
    engagement = draft_engagement(cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=engaged_world.profile)
    services.propose_engagement(engagement=engagement, proposed_by=engaged_world.ceo)
    client = client_as(engaged_world.advisor)
    client.cookies["language"] = "he"
    page = client.get(reverse("engagements:detail", args=[engagement.pk]), HTTP_ACCEPT_LANGUAGE="he").content.decode()
    hebrew = "אני מצהיר/ה כי לא אני ולא הארגון שלי ממלאים תפקיד פיקוח או בקרה כלשהו על אשכול זה"
    assert hebrew in page
    with translation.override("he"):
        services.accept_engagement(
            engagement=engagement, accepted_by=engaged_world.advisor, declaration=services.DECLARATION_TEXT_DEFAULT
        )
    engagement.refresh_from_db()
    assert engagement.declaration_text.startswith(hebrew)


def test_the_lists_counts_are_each_engagements_own_entries_in_each_state(engaged_world, client_as):
    from engagements.models import WorkLog

    entries = [
        services.log_work(
            engagement=engaged_world.engagement,
            advisor=engaged_world.advisor,
            worked_on=date(2026, 3, day),
            hours=Decimal(1),
            activity="advice",
            text="Steering meeting",
        )
        for day in (1, 2, 3, 4)
    ]
    services.return_work_log(entry=entries[0], returned_by=engaged_world.ceo, reason="Say which goal it served")
    services.approve_work_log(entry=entries[1], approved_by=engaged_world.ceo)
    draft = draft_engagement(cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=engaged_world.profile)
    rows = client_as(engaged_world.ceo).get(reverse("engagements:list")).context["rows"]
    counted = {engagement.pk: (engagement.waiting, engagement.returned) for engagement, _step in rows}
    expected = {
        pk: tuple(WorkLog.objects.filter(engagement_id=pk, state=state).count() for state in ("submitted", "returned"))
        for pk in counted
    }
    assert counted == expected
    assert counted[engaged_world.engagement.pk] == (2, 1) and counted[draft.pk] == (0, 0)
