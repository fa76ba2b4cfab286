from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import AuditEvent
from engagements import services, tasks
from engagements.models import BudgetExtension, State, WorkLog, WorkLogState
from engagements.services import EngagementError
from tests.factories.advisors import make_profile
from tests.factories.engagements import active_engagement

DAY = date(2026, 3, 2)


def log(world, engagement=None, *, hours="2", worked_on=DAY, advisor=None, text="Budget workshop"):
    return services.log_work(
        engagement=engagement or world.engagement,
        advisor=advisor or world.advisor,
        worked_on=worked_on,
        hours=Decimal(hours),
        activity="advice",
        text=text,
        goals=[world.goal],
    )


def test_advisor_logs_hours_on_an_active_engagement(engaged_world):
    entry = log(engaged_world)
    assert (entry.state, entry.hours, entry.worked_on) == (WorkLogState.SUBMITTED, Decimal(2), DAY)
    assert list(entry.goals.all()) == [engaged_world.goal]
    assert AuditEvent.objects.filter(action="work_logged").count() == 1


@pytest.mark.parametrize("hours", ["0", "0.1", "1.3", "24.25", "-1"])
def test_hours_outside_quarter_steps_up_to_24_are_refused(engaged_world, hours):
    with pytest.raises(EngagementError, match="between 0.25 and 24, in quarter-hour steps"):
        log(engaged_world, hours=hours)
    assert WorkLog.objects.count() == 0


def test_database_refuses_a_row_over_24_hours(engaged_world):
    entry = log(engaged_world)
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkLog.objects.filter(pk=entry.pk).update(hours=Decimal("24.5"))
    assert WorkLog.objects.get(pk=entry.pk).hours == Decimal(2)


def test_day_total_across_all_engagements_is_at_most_24(engaged_world):
    other = active_engagement(
        cluster=engaged_world.other_cluster, ceo=engaged_world.other_ceo, profile=engaged_world.profile
    )
    log(engaged_world, hours="16")
    log(engaged_world, other, hours="8")
    with pytest.raises(EngagementError, match="At most 24 hours a day across all your engagements; 24.00 are"):
        log(engaged_world, other, hours="0.25")
    assert WorkLog.objects.filter(worked_on=DAY).count() == 2


def test_logging_outside_the_engagement_dates_is_refused(engaged_world):
    with pytest.raises(EngagementError, match=r"within the engagement's dates \(01/01/2026 to 31/12/2026\)"):
        log(engaged_world, worked_on=date(2025, 12, 31))
    assert WorkLog.objects.count() == 0


def test_logging_on_a_closed_engagement_is_refused(engaged_world):
    services.complete_engagement(engagement=engaged_world.engagement, completed_by=engaged_world.ceo)
    with pytest.raises(EngagementError, match="only on an active engagement"):
        log(engaged_world)
    assert WorkLog.objects.count() == 0


def test_logging_on_someone_elses_engagement_is_refused(engaged_world):
    make_profile(person=engaged_world.other_advisor)
    with pytest.raises(EngagementError, match="only on your own engagements"):
        log(engaged_world, advisor=engaged_world.other_advisor)
    assert WorkLog.objects.count() == 0


def test_ceo_approves_and_the_entry_is_locked(engaged_world):
    entry = log(engaged_world)
    assert services.approve_work_log(entry=entry, approved_by=engaged_world.ceo) is True
    entry.refresh_from_db()
    assert (entry.state, entry.decided_by, entry.is_locked) == (WorkLogState.APPROVED, engaged_world.ceo, True)
    with pytest.raises(EngagementError, match="Only a returned entry"):
        services.resubmit_work_log(
            entry=entry, advisor=engaged_world.advisor, worked_on=DAY, hours=Decimal(1), activity="advice", text="x"
        )
    entry.refresh_from_db()
    assert (entry.hours, entry.state) == (Decimal(2), WorkLogState.APPROVED)


def test_return_needs_a_reason_then_the_advisor_fixes_and_resubmits(engaged_world):
    entry = log(engaged_world)
    with pytest.raises(EngagementError, match="A reason is required"):
        services.return_work_log(entry=entry, returned_by=engaged_world.ceo, reason="")
    assert WorkLog.objects.get(pk=entry.pk).state == WorkLogState.SUBMITTED
    assert services.return_work_log(entry=entry, returned_by=engaged_world.ceo, reason="Split by day") is True
    entry.refresh_from_db()
    assert (entry.state, entry.return_reason) == (WorkLogState.RETURNED, "Split by day")
    services.resubmit_work_log(
        entry=entry,
        advisor=engaged_world.advisor,
        worked_on=DAY,
        hours=Decimal("1.5"),
        activity="analysis",
        text="Fixed",
    )
    entry.refresh_from_db()
    assert (entry.state, entry.hours, entry.return_reason, entry.text) == (
        WorkLogState.SUBMITTED,
        Decimal("1.5"),
        "",
        "Fixed",
    )


def test_only_the_clusters_ceo_approves(engaged_world):
    entry = log(engaged_world)
    for person in (engaged_world.other_ceo, engaged_world.advisor, engaged_world.referent):
        with pytest.raises(EngagementError, match="Only the cluster's CEO can approve"):
            services.approve_work_log(entry=entry, approved_by=person)
    assert WorkLog.objects.get(pk=entry.pk).state == WorkLogState.SUBMITTED


def test_second_decision_on_the_same_entry_loses_and_changes_nothing(engaged_world):
    """Two CEOs' tabs act on one entry: the conditional UPDATE lets exactly one win."""
    entry = log(engaged_world)
    stale = WorkLog.objects.get(pk=entry.pk)
    assert services.approve_work_log(entry=entry, approved_by=engaged_world.ceo) is True
    assert services.return_work_log(entry=stale, returned_by=engaged_world.ceo, reason="late") is False
    assert services.approve_work_log(entry=stale, approved_by=engaged_world.ceo) is False
    entry.refresh_from_db()
    assert (entry.state, entry.return_reason) == (WorkLogState.APPROVED, "")
    assert AuditEvent.objects.filter(action__startswith="work_log_").count() == 1


@pytest.mark.skipif("postgresql" not in settings.DATABASES["default"]["ENGINE"], reason="two threads need PostgreSQL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_approval_of_the_same_entry_one_wins(engaged_world):
    import threading

    from django.db import connection

    entry = log(engaged_world)
    barrier = threading.Barrier(2)
    results = []

    def approve():
        try:
            barrier.wait()
            results.append(
                services.approve_work_log(entry=WorkLog.objects.get(pk=entry.pk), approved_by=engaged_world.ceo)
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]
    assert AuditEvent.objects.filter(action="work_log_approved").count() == 1


def test_bulk_approval_of_a_week_approves_only_that_weeks_waiting_entries(engaged_world):
    monday = date(2026, 3, 2)
    inside = [log(engaged_world, worked_on=monday + timedelta(days=offset)) for offset in range(3)]
    outside = log(engaged_world, worked_on=monday + timedelta(days=7))
    returned = log(engaged_world, worked_on=monday + timedelta(days=4))
    services.return_work_log(entry=returned, returned_by=engaged_world.ceo, reason="Which meeting?")
    count = services.approve_period(
        engagement=engaged_world.engagement, approved_by=engaged_world.ceo, start=monday, end=monday + timedelta(days=6)
    )
    assert count == 3
    assert set(WorkLog.objects.approved().values_list("pk", flat=True)) == {entry.pk for entry in inside}
    assert WorkLog.objects.get(pk=outside.pk).state == WorkLogState.SUBMITTED
    assert WorkLog.objects.get(pk=returned.pk).state == WorkLogState.RETURNED


def test_budget_burn_warns_from_80_percent(engaged_world):
    entries = [log(engaged_world, worked_on=DAY + timedelta(days=day), hours="20") for day in range(4)]
    for entry in entries[:3]:
        services.approve_work_log(entry=entry, approved_by=engaged_world.ceo)
    budget = services.budget_of(engaged_world.engagement)
    assert (budget.approved_hours, budget.approved_amount, budget.percent_used, budget.is_warning) == (
        Decimal(60),
        Decimal(24000),
        Decimal("60.0"),
        False,
    )
    services.approve_work_log(entry=entries[3], approved_by=engaged_world.ceo)
    budget = services.budget_of(engaged_world.engagement)
    assert (budget.percent_used, budget.is_warning) == (Decimal("80.0"), True)


def test_logging_past_the_budget_is_blocked_until_the_ceo_extends_it(engaged_world):
    for day in range(5):
        log(engaged_world, worked_on=DAY + timedelta(days=day), hours="20")
    with pytest.raises(EngagementError, match="would exceed the engagement's budget"):
        log(engaged_world, worked_on=DAY + timedelta(days=6), hours="0.25")
    assert WorkLog.objects.count() == 5
    with pytest.raises(EngagementError, match="Only the cluster's CEO can extend"):
        services.extend_budget(
            engagement=engaged_world.engagement, extended_by=engaged_world.advisor, added_hours=Decimal(10), reason="x"
        )
    assert BudgetExtension.objects.count() == 0
    services.extend_budget(
        engagement=engaged_world.engagement, extended_by=engaged_world.ceo, added_hours=Decimal(10), reason="Phase 2"
    )
    log(engaged_world, worked_on=DAY + timedelta(days=6), hours="10")
    assert services.budget_of(engaged_world.engagement).hours == Decimal(110)
    assert AuditEvent.objects.filter(action="engagement_budget_extended").count() == 1


def test_money_budget_blocks_logging_at_the_hourly_rate(engaged_world):
    engagement = active_engagement(
        cluster=engaged_world.cluster,
        ceo=engaged_world.ceo,
        profile=engaged_world.profile,
        budget_hours=None,
        budget_amount=Decimal(1000),
    )
    log(engaged_world, engagement, hours="2.5", worked_on=date(2026, 4, 1))
    with pytest.raises(EngagementError, match="exceed the engagement's budget"):
        log(engaged_world, engagement, hours="0.25", worked_on=date(2026, 4, 2))
    assert engagement.work_logs.count() == 1


def test_waiting_entries_are_escalated_once_to_the_ceo_and_the_chair(engaged_world, django_capture_on_commit_callbacks):
    engaged_world.cluster.chair = engaged_world.board_member
    engaged_world.cluster.save(update_fields=["chair"])
    old = log(engaged_world)
    recent = log(engaged_world, worked_on=DAY + timedelta(days=1))
    WorkLog.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - timedelta(days=15))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.escalate_waiting_work_logs() == 1
    assert sorted(message.to[0] for message in mail.outbox) == ["board@example.org", "ceo@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.escalate_waiting_work_logs() == 0
    assert len(mail.outbox) == 2
    assert WorkLog.objects.get(pk=recent.pk).escalated_at is None
    assert engaged_world.engagement.state == State.ACTIVE


def test_resubmitting_replaces_the_goals_served_with_the_clusters_goals_only(engaged_world):
    from tests.factories.engagements import goal_of

    second = goal_of(engaged_world.cluster)
    foreign = goal_of(engaged_world.other_cluster)
    entry = log(engaged_world)
    services.return_work_log(entry=entry, returned_by=engaged_world.ceo, reason="Which goal?")
    entry.refresh_from_db()
    services.resubmit_work_log(
        entry=entry,
        advisor=engaged_world.advisor,
        worked_on=DAY,
        hours=Decimal(2),
        activity="advice",
        text="Budget workshop",
        goals=[second, foreign],
    )
    assert list(entry.goals.all()) == [second]
