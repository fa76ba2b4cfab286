"""Daily status records and the referents' weekly digest: once a week, in the referent's language, with changes."""

from datetime import date, timedelta

from django.core import mail
from django.utils import translation

from oversight import digests, tasks
from oversight.models import DigestDelivery, StatusRecord
from tests.factories import UserFactory
from tests.factories.oversight import FindingFactory

TODAY = date(2026, 11, 24)  # a Tuesday; its week starts on Sunday 2026-11-22


def test_statuses_are_recorded_once_a_day_for_every_cluster(world):
    assert digests.record_statuses(today=TODAY) == 2
    FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=TODAY - timedelta(days=1))
    assert digests.record_statuses(today=TODAY) == 2
    records = StatusRecord.objects.filter(day=TODAY)
    assert records.count() == 2
    assert "findings_overdue" in records.get(cluster=world.cluster).rules


def test_the_week_starts_on_sunday():
    assert digests.week_of(TODAY) == date(2026, 11, 22)
    assert digests.week_of(date(2026, 11, 22)) == date(2026, 11, 22)
    assert digests.week_of(date(2026, 11, 28)) == date(2026, 11, 22)


def test_referent_digest_lists_the_clusters_they_oversee_and_what_changed(world, django_capture_on_commit_callbacks):
    StatusRecord.objects.create(cluster=world.cluster, day=TODAY - timedelta(days=7), status="green", rules=[])
    FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=TODAY - timedelta(days=1))
    world.referent.preferred_language = "en"
    world.referent.save()

    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_digest(user=world.referent, today=TODAY) is True

    message = mail.outbox[-1]
    assert message.to == [world.referent.email]
    assert message.subject == "Oversight digest, week of 22/11/2026"
    assert "Changed since last week:" in message.body
    assert f"- {world.cluster.name}: was Green, now Amber" in message.body
    assert "1 open finding is past its due date." in message.body
    assert world.other_cluster.name not in message.body  # not overseen by this referent


def test_a_digest_goes_out_once_a_week(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert digests.send_digest(user=world.referent, today=TODAY) is True
        assert digests.send_digest(user=world.referent, today=TODAY + timedelta(days=4)) is False
    assert len(mail.outbox) == 1
    assert digests.send_digest(user=world.referent, today=TODAY + timedelta(days=5)) is True  # next Sunday
    assert DigestDelivery.objects.filter(user=world.referent).count() == 2


def test_digest_is_written_in_the_referents_language(world, django_capture_on_commit_callbacks):
    world.referent.preferred_language = "ar"
    world.referent.save()
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digest(user=world.referent, today=TODAY)
    with translation.override("ar"):
        expected = translation.gettext("Oversight digest, week of %(week)s") % {"week": "22\u200f/11\u200f/2026"}
    assert expected != "Oversight digest, week of 22\u200f/11\u200f/2026"
    assert mail.outbox[-1].subject == expected


def test_the_head_referent_hears_about_every_cluster(world, django_capture_on_commit_callbacks):
    world.head_referent.preferred_language = "en"
    world.head_referent.save()
    with django_capture_on_commit_callbacks(execute=True):
        digests.send_digest(user=world.head_referent, today=TODAY)
    body = mail.outbox[-1].body
    assert "Of the clusters you oversee: 0 red, 2 amber, 0 green." in body
    assert world.cluster.name in body and world.other_cluster.name in body


def test_a_referent_without_clusters_gets_no_digest(world):
    lonely = UserFactory()
    assert digests.send_digest(user=lonely, today=TODAY) is False
    assert mail.outbox == []


def test_the_task_sends_each_referent_one_digest(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = tasks.send_referent_digests()
        assert sent == 4  # the cluster's Interior and Treasury referents, the other cluster's, the head referent
        assert tasks.send_referent_digests() == 0
    assert len(mail.outbox) == 4
    assert StatusRecord.objects.count() == 2
