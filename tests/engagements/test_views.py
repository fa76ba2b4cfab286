from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from engagements import services
from engagements.models import Engagement, State, WorkLog, WorkLogState


def add_entries(world, count, start=date(2026, 2, 2)):
    for offset in range(count):
        services.log_work(
            engagement=world.engagement,
            advisor=world.advisor,
            worked_on=start + timedelta(days=offset),
            hours=Decimal(1),
            activity="advice",
            text=f"Entry {offset}",
        )


@pytest.mark.parametrize("count", [1, 6])
def test_detail_page_queries_stay_flat(engaged_world, client_as, django_assert_num_queries, count):
    add_entries(engaged_world, count)
    client = client_as(engaged_world.ceo)
    url = reverse("engagements:detail", args=[engaged_world.engagement.pk])
    client.get(url)
    # 12: the page also reads whether a control mandate now bars the advisor's organisation (one query);
    # 13: the work log is paginated, and its page counts the entries.
    with django_assert_num_queries(13):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Entry ") == count


def test_detail_page_shows_the_work_log_fifty_entries_a_page(engaged_world, client_as, django_assert_num_queries):
    add_entries(engaged_world, 55)
    client = client_as(engaged_world.ceo)
    url = reverse("engagements:detail", args=[engaged_world.engagement.pk])
    first = client.get(url)
    with django_assert_num_queries(13):
        second = client.get(url, {"page": 2})
    assert [len(first.context["entries"]), len(second.context["entries"])] == [50, 5]
    assert first.context["entries"][0].worked_on >= second.context["entries"][0].worked_on


@pytest.mark.parametrize("count", [1, 6])
def test_approval_queue_queries_stay_flat(engaged_world, client_as, django_assert_num_queries, count):
    add_entries(engaged_world, count)
    client = client_as(engaged_world.ceo)
    url = reverse("engagements:approvals")
    client.get(url)
    # the 4th: the CEO's clusters, for the cluster chooser; the 5th counts the entries (the queue is paginated); the
    # 6th reads the page's entries, the 7th their engagements (each once, with its advisor), the 8th the names of the
    # goals each entry serves
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count("Entry ") == count


def test_approval_queue_is_cut_into_pages_in_the_database(engaged_world, client_as, monkeypatch):
    from engagements import views

    monkeypatch.setattr(views, "APPROVALS_PAGE_SIZE", 4)
    add_entries(engaged_world, 10)
    client = client_as(engaged_world.ceo)
    url = reverse("engagements:approvals")
    pages = [client.get(url, {"page": number}) for number in (1, 2, 3)]
    shown = [entry.pk for page in pages for entry in page.context["entries"]]
    waiting = WorkLog.objects.filter(engagement=engaged_world.engagement, state=WorkLogState.SUBMITTED)
    assert [len(page.context["entries"]) for page in pages] == [4, 4, 2]
    assert sorted(shown) == sorted(waiting.values_list("pk", flat=True)) and len(set(shown)) == 10
    assert 'page=2"' in pages[0].content.decode() and 'page=2"' in pages[2].content.decode()


@pytest.mark.parametrize("count", [1, 4])
def test_list_page_queries_stay_flat(engaged_world, client_as, django_assert_num_queries, count):
    from tests.factories.engagements import draft_engagement

    for _ in range(count):
        draft_engagement(cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=engaged_world.profile)
    client = client_as(engaged_world.ceo)
    url = reverse("engagements:list")
    client.get(url)
    # the 5th: the CEO's clusters, for the cluster chooser
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.content.decode().count("/engagements/") >= count + 1


def test_ceo_drafts_from_the_profile_and_proposes(engaged_world, client_as):
    client = client_as(engaged_world.ceo)
    response = client.post(
        reverse("engagements:new") + f"?profile={engaged_world.profile.pk}",
        {
            "needs": [engaged_world.engagement.needs.get().pk],
            "goals": [engaged_world.goal.pk],
            "scope": "Second phase",
            "starts_on": "2026-01-01",
            "ends_on": "2026-06-30",
            "budget_hours": "40",
            "hourly_rate": "400",
        },
    )
    engagement = Engagement.objects.get(scope="Second phase")
    assert response.status_code == 302
    assert engagement.state == State.DRAFT
    client.post(reverse("engagements:transition", args=[engagement.pk, "propose"]))
    engagement.refresh_from_db()
    assert engagement.state == State.PROPOSED


def test_advisor_cannot_accept_without_confirming_the_declaration(engaged_world, client_as):
    from tests.factories.engagements import draft_engagement

    engagement = draft_engagement(cluster=engaged_world.cluster, ceo=engaged_world.ceo, profile=engaged_world.profile)
    services.propose_engagement(engagement=engagement, proposed_by=engaged_world.ceo)
    client = client_as(engaged_world.advisor)
    response = client.post(
        reverse("engagements:transition", args=[engagement.pk, "accept"]), {"declaration": "No role"}
    )
    assert response.status_code == 400  # the engagement's page again, the error on the confirmation box
    assert response.context["declaration_form"].errors == {
        "confirm": ["Accepting requires the declaration of no oversight or control function."]
    }
    assert "Accepting requires the declaration" in response.content.decode()
    engagement.refresh_from_db()
    assert (engagement.state, engagement.declared_at) == (State.PROPOSED, None)


def test_logging_over_24_hours_on_the_page_shows_the_error_and_writes_nothing(engaged_world, client_as):
    add_entries(engaged_world, 1)
    client = client_as(engaged_world.advisor)
    response = client.post(
        reverse("engagements:log_work", args=[engaged_world.engagement.pk]),
        {"worked_on": "2026-02-02", "hours": "23.5", "activity": "advice", "text": "Long day"},
    )
    assert "At most 24 hours a day across all your engagements; 1.00 are already logged" in response.content.decode()
    assert WorkLog.objects.count() == 1


def test_bulk_approval_from_the_queue(engaged_world, client_as):
    add_entries(engaged_world, 3)
    client = client_as(engaged_world.ceo)
    client.post(
        reverse("engagements:approve_period", args=[engaged_world.engagement.pk]),
        {"start": "2026-02-02", "end": "2026-02-03"},
    )
    assert sorted(WorkLog.objects.values_list("state", flat=True)) == [
        WorkLogState.APPROVED,
        WorkLogState.APPROVED,
        WorkLogState.SUBMITTED,
    ]


def test_return_without_reason_from_the_queue_changes_nothing(engaged_world, client_as):
    add_entries(engaged_world, 1)
    entry = WorkLog.objects.get()
    client = client_as(engaged_world.ceo)
    response = client.post(reverse("engagements:work_log_decide", args=[entry.pk, "return"]), {"reason": ""})
    assert response.status_code == 400
    assert "A reason is required" in response.content.decode()
    assert WorkLog.objects.get().state == WorkLogState.SUBMITTED


def test_deliverable_download_serves_the_file(engaged_world, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    deliverable = services.add_deliverable(
        engagement=engaged_world.engagement,
        added_by=engaged_world.advisor,
        milestone="Phase 1",
        title="Report",
        upload=SimpleUploadedFile("report.pdf", b"%PDF-1.7\nbody"),
    )
    response = client_as(engaged_world.ceo).get(reverse("engagements:deliverable_download", args=[deliverable.pk]))
    assert (response.status_code, response["Content-Type"], b"".join(response.streaming_content)) == (
        200,
        "application/pdf",
        b"%PDF-1.7\nbody",
    )


def test_ceo_opens_an_engagement_from_the_advisors_profile(engaged_world, client_as):
    page = client_as(engaged_world.ceo).get(reverse("advisors:profile_detail", args=[engaged_world.profile.pk]))
    link = f'href="{reverse("engagements:new")}?profile={engaged_world.profile.pk}"'
    assert link in page.content.decode()
    page = client_as(engaged_world.advisor).get(reverse("advisors:profile_detail", args=[engaged_world.profile.pk]))
    assert link not in page.content.decode()


def test_advisor_fixes_a_returned_entry_on_its_page(engaged_world, client_as):
    add_entries(engaged_world, 1)
    entry = WorkLog.objects.get()
    services.return_work_log(entry=entry, returned_by=engaged_world.ceo, reason="Which meeting?")
    client = client_as(engaged_world.advisor)
    url = reverse("engagements:work_log_fix", args=[entry.pk])
    assert "Which meeting?" in client.get(url).content.decode()
    client.post(url, {"worked_on": "2026-02-02", "hours": "1.25", "activity": "coaching", "text": "CEO coaching"})
    entry.refresh_from_db()
    assert (entry.state, entry.hours, entry.text, entry.return_reason) == (
        WorkLogState.SUBMITTED,
        Decimal("1.25"),
        "CEO coaching",
        "",
    )


def test_the_fix_page_saves_the_goals_it_shows(engaged_world, client_as):
    from tests.factories.engagements import goal_of

    second = goal_of(engaged_world.cluster)
    engaged_world.engagement.goals.add(second)
    entry = services.log_work(
        engagement=engaged_world.engagement,
        advisor=engaged_world.advisor,
        worked_on=date(2026, 2, 2),
        hours=Decimal(1),
        activity="advice",
        text="Entry",
        goals=[engaged_world.goal],
    )
    services.return_work_log(entry=entry, returned_by=engaged_world.ceo, reason="Which goal?")
    client = client_as(engaged_world.advisor)
    url = reverse("engagements:work_log_fix", args=[entry.pk])
    form = client.get(url).context["form"]
    assert form.initial["goals"] == [engaged_world.goal.pk]
    values = {"worked_on": "2026-02-02", "hours": "1", "activity": "advice", "text": "Entry"}
    response = client.post(url, {**values, "goals": [second.pk]})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.state, list(entry.goals.all())) == (WorkLogState.SUBMITTED, [second])


def test_the_fix_page_refuses_a_goal_outside_the_engagement_and_changes_nothing(engaged_world, client_as):
    from tests.factories.engagements import goal_of

    foreign = goal_of(engaged_world.other_cluster)
    entry = services.log_work(
        engagement=engaged_world.engagement,
        advisor=engaged_world.advisor,
        worked_on=date(2026, 2, 2),
        hours=Decimal(1),
        activity="advice",
        text="Entry",
        goals=[engaged_world.goal],
    )
    services.return_work_log(entry=entry, returned_by=engaged_world.ceo, reason="Which goal?")
    url = reverse("engagements:work_log_fix", args=[entry.pk])
    values = {"worked_on": "2026-02-02", "hours": "2", "activity": "advice", "text": "Changed", "goals": [foreign.pk]}
    response = client_as(engaged_world.advisor).post(url, values)
    assert response.status_code == 400
    assert "goals" in response.context["form"].errors
    entry.refresh_from_db()
    assert (entry.state, entry.hours, entry.text, list(entry.goals.all())) == (
        WorkLogState.RETURNED,
        Decimal(1),
        "Entry",
        [engaged_world.goal],
    )
