"""Each review step tells the other side by email, in their language, after it is committed."""

from datetime import date

import pytest
from django.conf import settings
from django.core import mail

from oversight import reports, reviews, services
from oversight.notifications import referents_of
from tests.factories import user_with_role
from tests.oversight.test_reports import FINDING, _submitted
from tests.oversight.test_work_plan_review import approved_plan


@pytest.fixture(autouse=True)
def people_read_english(world):
    """Notices are asserted in English (each test that wants another language sets it)."""
    for person in world.people.values():
        person.preferred_language = "en"
        person.save(update_fields=["preferred_language"])


def _to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_a_submitted_report_reaches_the_clusters_interior_referent_with_a_link(
    reporting, django_capture_on_commit_callbacks
):
    world = reporting
    with django_capture_on_commit_callbacks(execute=True):
        version = _submitted(world)
    [message] = _to(world.referent.email)
    assert message.subject == "A periodic report was submitted for your review"
    assert f"{settings.PLATFORM_URL}/oversight/reports/{version.report_id}/" in message.body
    assert not _to(world.advisor.email) and not _to(world.treasury_referent.email)


def test_return_and_acceptance_reach_the_ceo_and_acceptance_the_treasury(reporting, django_capture_on_commit_callbacks):
    world = reporting
    version = _submitted(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reports.return_report(version=version, returned_by=world.referent, findings=[FINDING])
    assert [m.subject for m in _to(world.ceo.email)] == ["Your periodic report was returned with findings"]
    version = reports.submit_report(version=version, submitted_by=world.ceo)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reports.accept_report(version=version, accepted_by=world.referent)
    assert [m.subject for m in _to(world.ceo.email)] == ["A periodic report was accepted"]
    assert [m.subject for m in _to(world.treasury_referent.email)] == ["A periodic report was accepted"]


def test_the_notice_is_written_in_the_recipients_language(reporting, django_capture_on_commit_callbacks):
    world = reporting
    world.referent.preferred_language = "ar"
    world.referent.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        _submitted(world)
    [message] = _to(world.referent.email)
    assert message.subject != "A periodic report was submitted for your review"
    assert "منصة العناقيد الإقليمية" in message.body


def test_without_an_interior_referent_the_head_referents_are_told(world):
    from tests.factories import ClusterFactory

    without = ClusterFactory()
    assert referents_of(without, "referent_interior") == [world.head_referent]
    assert referents_of(world.other_cluster, "referent_interior") == [world.other_referent]
    assert referents_of(world.cluster, "referent_interior") == [world.referent]


def test_a_work_plan_decision_reaches_the_ceo(world, django_capture_on_commit_callbacks):
    plan = approved_plan(world.cluster, world.ceo, world.board_member)
    with django_capture_on_commit_callbacks(execute=True):
        review = reviews.decide_work_plan(plan=plan, decision="approved", decided_by=world.referent)
    [message] = _to(world.ceo.email)
    assert message.subject == "Your work plan was approved by oversight"
    assert f"/oversight/work-plan-reviews/{review.pk}/" in message.body


def test_a_finding_raised_reaches_the_ceo_never_an_advisor(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.raise_finding(
            cluster=world.cluster,
            raised_by=world.referent,
            severity="high",
            text="No tender yet",
            due_on=date(2030, 1, 1),
        )
    [message] = _to(world.ceo.email)
    assert "No tender yet" in message.body
    assert len(mail.outbox) == 1


def test_a_new_interior_referent_of_the_cluster_is_told_too(reporting, django_capture_on_commit_callbacks):
    world = reporting
    second = user_with_role("referent_interior", world.cluster, email="second.referent@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _submitted(world)
    assert _to(second.email) and _to(world.referent.email)


def test_a_strategic_plan_decision_reaches_the_ceo_once(world, django_capture_on_commit_callbacks):
    from oversight import strategy_reviews
    from tests.oversight.test_strategy_review import board_approved

    plan = board_approved(world)
    with django_capture_on_commit_callbacks(execute=True):
        strategy_reviews.decide_strategic_plan(plan=plan, decision="approved", decided_by=world.referent)
    with django_capture_on_commit_callbacks(execute=True):
        again = strategy_reviews.decide_strategic_plan(plan=plan, decision="approved", decided_by=world.referent)
    assert again is None
    [message] = _to(world.ceo.email)
    assert message.subject == "Your strategic plan was approved by oversight"
    assert f"/clusters/strategic-plans/{plan.pk}/" in message.body
    assert len(mail.outbox) == 1


def test_a_returned_strategic_plan_reaches_the_ceo_in_their_language(world, django_capture_on_commit_callbacks):
    from oversight import strategy_reviews
    from oversight.reviews import FindingInput
    from tests.oversight.test_strategy_review import board_approved

    world.ceo.preferred_language = "ar"
    world.ceo.save(update_fields=["preferred_language"])
    plan = board_approved(world)
    with django_capture_on_commit_callbacks(execute=True):
        strategy_reviews.decide_strategic_plan(
            plan=plan,
            decision="returned",
            decided_by=world.referent,
            findings=[FindingInput(severity="high", text="Link the outcomes", due_on=date(2030, 1, 1))],
        )
    [message] = _to(world.ceo.email)
    assert message.subject == "أُعيدت خطتكم الاستراتيجية مع ملاحظات رقابية"
    assert "/oversight/findings/" in message.body
