"""The notification centre fed by the outbox, and email preferences per kind."""

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from accounts import notifications
from accounts.models import EmailPreference, Notification, User
from outbox.models import OutboxMessage
from outbox.services import send_email

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english(client):
    """Pages asked for in English (the browser's language), and texts built outside a request too."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


BODY = "Your engagement was accepted.\n\nOpen it: {base}/engagements/12/\n"


def mail(person, key="engagement-transition:12:accept", subject="Engagement accepted", **values):
    values.setdefault("body", BODY.format(base=settings.PLATFORM_URL))
    with transaction.atomic():
        return send_email(key=f"{key}:{person.pk}", to=person.email, subject=subject, **values)


def unread(person) -> int:
    return User.objects.get(pk=person.pk).unread_notifications


# --- fed by the outbox -----------------------------------------------------------------------------------------


def test_an_email_to_a_person_is_also_a_notification_with_its_subject_and_link(ceo):
    message = mail(ceo)

    notification = Notification.objects.get()
    assert (notification.user, notification.subject, notification.link) == (
        ceo,
        "Engagement accepted",
        "/engagements/12/",
    )
    assert (notification.kind, notification.is_emailed, notification.read_at) == ("engagements", True, None)
    assert message.payload["to"] == [ceo.email]
    assert unread(ceo) == 1


def test_the_same_cause_twice_is_one_notification(ceo):
    mail(ceo)
    mail(ceo)

    assert Notification.objects.count() == 1
    assert OutboxMessage.objects.count() == 1
    assert unread(ceo) == 1


def test_an_email_to_an_address_without_an_account_is_only_an_email(db):
    with transaction.atomic():
        send_email(key="invitation:9", to="newcomer@example.org", subject="Join", body="Come in.")

    assert Notification.objects.count() == 0
    assert OutboxMessage.objects.get().payload["to"] == ["newcomer@example.org"]


def test_a_body_without_a_link_to_the_platform_gives_a_notification_without_a_link(ceo):
    mail(ceo, body="See https://example.org/elsewhere for more.")

    assert Notification.objects.get().link == ""


def test_the_key_prefix_names_the_kind_and_an_explicit_kind_wins(ceo):
    mail(ceo, key="finding-raised:4")
    mail(ceo, key="something-new:1")
    mail(ceo, key="finding-raised:5", kind="report_reminders")

    kinds = dict(Notification.objects.values_list("key", "kind"))
    assert kinds == {
        f"finding-raised:4:{ceo.pk}": "reviews",
        f"something-new:1:{ceo.pk}": "other",
        f"finding-raised:5:{ceo.pk}": "report_reminders",
    }


# --- email preferences -----------------------------------------------------------------------------------------


def test_a_person_who_turned_a_kind_off_gets_the_notification_but_no_email(ceo):
    notifications.save_email_preferences(user=ceo, choices={"engagements": False})

    assert mail(ceo) is None

    assert OutboxMessage.objects.count() == 0
    notification = Notification.objects.get()
    assert (notification.user, notification.is_emailed) == (ceo, False)
    assert unread(ceo) == 1


def test_turning_one_kind_off_leaves_the_others_by_email(ceo):
    notifications.save_email_preferences(user=ceo, choices={"engagements": False})

    mail(ceo, key="finding-raised:4")

    assert OutboxMessage.objects.get().key == f"finding-raised:4:{ceo.pk}"


def test_of_two_recipients_only_the_one_who_opted_out_loses_the_email(ceo, board_member):
    notifications.save_email_preferences(user=board_member, choices={"reviews": False})

    with transaction.atomic():
        message = send_email(
            key="finding-raised:4", to=[ceo.email, board_member.email], subject="A finding", body="Read it."
        )

    assert message.payload["to"] == [ceo.email]
    assert sorted(Notification.objects.values_list("user__email", "is_emailed")) == [
        (board_member.email, False),
        (ceo.email, True),
    ]


def test_account_safety_emails_cannot_be_turned_off(ceo):
    notifications.save_email_preferences(user=ceo, choices={"account": False, "conflicts": False})
    EmailPreference.objects.create(user=ceo, kind="account", wants_email=False)  # even a row written by hand

    with transaction.atomic():
        send_email(key=f"invitation:3:{ceo.pk}", to=ceo.email, subject="Invitation", body="Accept it.")
        send_email(key=f"mandate-conflict:1:2:{ceo.pk}", to=ceo.email, subject="Conflict", body="Close it.")

    assert OutboxMessage.objects.count() == 2
    assert list(EmailPreference.objects.values_list("kind", "wants_email")) == [("account", False)]


def test_the_preferences_page_lists_the_kinds_of_the_role_and_saves_a_choice(client_as, ceo):
    client = client_as(ceo)
    page = client.get(reverse("notifications:preferences"))

    assert page.status_code == 200
    codes = list(page.context["form"].fields)
    assert codes == [
        "account",
        "conflicts",
        "engagements",
        "work_logs",
        "requests",
        "pilots",
        "reviews",
        "report_reminders",
        "network_digest",
        "calls",
        "forum_meetings",
        "forum_actions",
        "forum_digest",
        "other",
    ]
    assert page.context["form"].fields["account"].disabled is True

    data = {code: "on" for code in codes if code != "report_reminders"}
    response = client.post(reverse("notifications:preferences"), data)

    assert response.status_code == 302
    assert notifications.email_choices(ceo)["report_reminders"] is False
    assert notifications.email_choices(ceo)["reviews"] is True
    assert notifications.email_choices(ceo)["account"] is True


def test_an_advisor_is_not_offered_the_kinds_of_oversight(client_as, advisor):
    page = client_as(advisor).get(reverse("notifications:preferences"))

    assert "reviews" not in page.context["form"].fields
    assert "oversight_digest" not in page.context["form"].fields
    assert "engagements" in page.context["form"].fields


def test_unchecking_an_always_emailed_kind_on_the_page_changes_nothing(client_as, ceo):
    response = client_as(ceo).post(reverse("notifications:preferences"), {})

    assert response.status_code == 302
    assert "account" not in dict(EmailPreference.objects.filter(user=ceo).values_list("kind", "wants_email"))
    assert notifications.email_choices(ceo)["account"] is True
    assert notifications.email_choices(ceo)["engagements"] is False


# --- the notification centre ------------------------------------------------------------------------------------


def test_the_bell_in_the_header_shows_the_unread_count(client_as, ceo):
    mail(ceo)
    mail(ceo, key="finding-raised:4", subject="A finding")

    page = client_as(ceo).get(reverse("notifications:list"))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="unread-count">2</span>' in html
    assert [n.subject for n in page.context["page"]] == ["A finding", "Engagement accepted"]


def test_a_person_sees_only_their_own_notifications(client_as, ceo, other_ceo):
    mail(ceo, subject="For the CEO")
    mail(other_ceo, subject="For the other CEO")

    page = client_as(ceo).get(reverse("notifications:list"))

    assert [n.subject for n in page.context["page"]] == ["For the CEO"]
    assert "For the other CEO" not in page.content.decode()


def test_reading_another_persons_notification_is_not_found_and_changes_nothing(client_as, ceo, other_ceo):
    mail(other_ceo)
    theirs = Notification.objects.get()

    response = client_as(ceo).post(reverse("notifications:read", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert unread(other_ceo) == 1


def test_marking_one_read_lowers_the_count(client_as, ceo):
    mail(ceo)
    mail(ceo, key="finding-raised:4")
    first = Notification.objects.get(key__startswith="engagement")

    response = client_as(ceo).post(reverse("notifications:read", args=[first.pk]), {"page": "1"})

    assert response.status_code == 302
    assert response.url == reverse("notifications:list")
    first.refresh_from_db()
    assert first.is_read
    assert unread(ceo) == 1


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client_as, ceo):
    mail(ceo)
    notification = Notification.objects.get()

    response = client_as(ceo).post(reverse("notifications:read", args=[notification.pk]), {"open": "1"})

    assert (response.status_code, response.url) == (302, "/engagements/12/")
    assert unread(ceo) == 0


def test_with_htmx_only_the_item_and_the_bell_are_sent_back(client_as, ceo):
    mail(ceo)
    notification = Notification.objects.get()

    response = client_as(ceo).post(reverse("notifications:read", args=[notification.pk]), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="notification-{notification.pk}"' in html
    assert 'id="notification-bell"' in html and 'hx-swap-oob="true"' in html
    assert "<html" not in html and "unread-count" not in html


def test_mark_all_read(client_as, ceo, other_ceo):
    mail(ceo)
    mail(ceo, key="finding-raised:4")
    mail(other_ceo)

    response = client_as(ceo).post(reverse("notifications:read_all"))

    assert response.status_code == 302
    assert Notification.objects.filter(user=ceo).unread().count() == 0
    assert (unread(ceo), unread(other_ceo)) == (0, 1)


def test_reading_takes_post_only(client_as, ceo):
    mail(ceo)
    notification = Notification.objects.get()

    assert client_as(ceo).get(reverse("notifications:read", args=[notification.pk])).status_code == 405
    assert client_as(ceo).get(reverse("notifications:read_all")).status_code == 405
    assert unread(ceo) == 1


def test_reading_needs_the_csrf_token(ceo):
    from django.test import Client

    mail(ceo)
    notification = Notification.objects.get()
    client = Client(enforce_csrf_checks=True)
    client.force_login(ceo)

    assert client.post(reverse("notifications:read", args=[notification.pk])).status_code == 403
    assert unread(ceo) == 1


def test_the_list_is_paginated(client_as, ceo):
    for number in range(25):
        mail(ceo, key=f"finding-raised:{number}", subject=f"Finding {number}")

    client = client_as(ceo)
    first, second = client.get(reverse("notifications:list")), client.get(reverse("notifications:list") + "?page=2")

    assert len(first.context["page"]) == 20 and first.context["page"].has_next()
    assert [n.subject for n in second.context["page"]] == [f"Finding {n}" for n in range(4, -1, -1)]


def test_an_empty_centre_says_so(client_as, ceo):
    page = client_as(ceo).get(reverse("notifications:list"))

    assert "No notifications yet." in page.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_takes_the_same_queries_whatever_its_size(client_as, ceo, django_assert_num_queries, count):
    for number in range(count):
        mail(ceo, key=f"finding-raised:{number}")
    client = client_as(ceo)

    with django_assert_num_queries(4):  # session, user, roles, one page of notifications
        response = client.get(reverse("notifications:list"))
    assert response.status_code == 200


def test_recording_a_notification_takes_three_queries_whatever_the_recipients(
    ceo, board_member, django_assert_num_queries
):
    with django_assert_num_queries(3):  # the people with their choice, the notifications, their unread counts
        remaining = notifications.record_email(
            key="finding-raised:1", kind="finding-raised", to=[ceo.email, board_member.email], subject="S", body="B"
        )
    assert remaining == [ceo.email, board_member.email]


def test_an_invitation_to_a_person_with_an_account_keeps_no_link(ceo):
    with transaction.atomic():
        send_email(
            key=f"invitation:3:{ceo.pk}",
            to=ceo.email,
            subject="Invitation",
            body=f"Accept: {settings.PLATFORM_URL}/people/invitations/accept/secret-token/",
        )

    assert (Notification.objects.get().kind, Notification.objects.get().link) == ("account", "")
