"""A refused decision on the approval queue comes back on the same page of the queue (400) with the error beside the
entry's field (or the engagement's period) and in the summary above the queue; nothing is written and what was typed
is kept."""

from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import AuditEvent
from engagements.models import WorkLog, WorkLogState
from tests.accounts.test_form_errors import assert_marked, widget
from tests.engagements.test_views import add_entries

pytestmark = pytest.mark.django_db


DECISIONS = ("work_log_approved", "work_log_returned", "work_logs_approved_in_bulk")


def waiting(world):
    return list(WorkLog.objects.filter(engagement=world.engagement).order_by("worked_on", "pk"))


def unchanged(entries):
    """Every entry still waits, with no reason, and no decision was audited."""
    states = [(entry.state, entry.return_reason) for entry in WorkLog.objects.filter(pk__in=[e.pk for e in entries])]
    decided = AuditEvent.objects.filter(action__in=DECISIONS).count()
    return states == [(WorkLogState.SUBMITTED, "")] * len(entries) and decided == 0


def queue_query(world, page=1):
    return urlencode({"cluster": world.cluster.pk, "page": page})


def post_period(world, client_as, data):
    """The CEO approves a period of the engagement from the first page of the queue."""
    url = reverse("engagements:approve_period", args=[world.engagement.pk])
    return client_as(world.ceo).post(f"{url}?{queue_query(world)}", data)


def test_returning_an_entry_without_a_reason_shows_the_error_beside_that_entry(engaged_world, client_as):
    add_entries(engaged_world, 3)
    entries = waiting(engaged_world)
    refused = entries[1]
    url = reverse("engagements:work_log_decide", args=[refused.pk, "return"])
    response = client_as(engaged_world.ceo).post(f"{url}?{queue_query(engaged_world)}", {"reason": "  "})
    page = response.content.decode()
    assert response.status_code == 400
    assert_marked(page, f"id_reason_{refused.pk}", "A reason is required.")
    assert page.count("invalid-feedback") == 1  # the other entries' fields are not marked
    forms = {entry.pk: form for group in response.context["groups"] for entry, form in group.rows}
    assert [forms[entry.pk].is_bound for entry in entries] == [False, True, False]
    assert forms[refused.pk]["reason"].value() == "  "
    assert 'value="  "' in widget(page, f"id_reason_{refused.pk}")
    assert [entry.pk for entry in response.context["entries"]] == [entry.pk for entry in entries]
    assert unchanged(entries)


def test_a_reason_the_form_refuses_is_kept_in_the_field(engaged_world, client_as):
    add_entries(engaged_world, 1)
    [entry] = waiting(engaged_world)
    url = reverse("engagements:work_log_decide", args=[entry.pk, "return"])
    response = client_as(engaged_world.ceo).post(f"{url}?{queue_query(engaged_world)}", {"reason": "Which\x00day?"})
    page = response.content.decode()
    assert response.status_code == 400
    assert_marked(page, f"id_reason_{entry.pk}", "Null characters are not allowed.")
    assert response.context["refused_form"]["reason"].value() == "Which\x00day?"
    assert unchanged([entry])


def test_a_refusal_on_the_second_page_shows_the_second_page(engaged_world, client_as, monkeypatch):
    from engagements import views

    monkeypatch.setattr(views, "APPROVALS_PAGE_SIZE", 2)
    add_entries(engaged_world, 5)
    entries = waiting(engaged_world)
    refused = entries[3]
    url = reverse("engagements:work_log_decide", args=[refused.pk, "return"])
    response = client_as(engaged_world.ceo).post(f"{url}?{queue_query(engaged_world, page=2)}", {"reason": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert response.context["page"].number == 2
    assert [entry.pk for entry in response.context["entries"]] == [entries[2].pk, entries[3].pk]
    assert_marked(page, f"id_reason_{refused.pk}", "A reason is required.")
    # The page's links lead to the queue, not to the address the form posted to.
    approvals = reverse("engagements:approvals")
    assert f'href="{approvals}?cluster={engaged_world.cluster.pk}&amp;page=1"' in page
    assert f'href="{approvals}?cluster={engaged_world.cluster.pk}&amp;page=3"' in page
    assert f'action="{reverse("engagements:approve_period", args=[engaged_world.engagement.pk])}?cluster=' in page
    assert unchanged(entries)


def test_an_entry_not_on_the_page_posted_from_gets_its_error_above_the_queue(engaged_world, client_as, monkeypatch):
    from engagements import views

    monkeypatch.setattr(views, "APPROVALS_PAGE_SIZE", 2)
    add_entries(engaged_world, 3)
    entries = waiting(engaged_world)
    url = reverse("engagements:work_log_decide", args=[entries[0].pk, "return"])
    response = client_as(engaged_world.ceo).post(f"{url}?{queue_query(engaged_world, page=2)}", {"reason": ""})
    assert (response.status_code, response["Location"]) == (
        302,
        f"{reverse('engagements:approvals')}?{queue_query(engaged_world, page=2)}",
    )
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "Reason for return: A reason is required."
    ]
    assert unchanged(entries)


def test_approving_from_the_second_page_goes_back_to_it(engaged_world, client_as, monkeypatch):
    from engagements import views

    monkeypatch.setattr(views, "APPROVALS_PAGE_SIZE", 2)
    add_entries(engaged_world, 5)
    entries = waiting(engaged_world)
    url = reverse("engagements:work_log_decide", args=[entries[2].pk, "approve"])
    response = client_as(engaged_world.ceo).post(f"{url}?{queue_query(engaged_world, page=2)}")
    assert response["Location"] == f"{reverse('engagements:approvals')}?{queue_query(engaged_world, page=2)}"
    assert WorkLog.objects.get(pk=entries[2].pk).state == WorkLogState.APPROVED


def test_a_period_without_its_last_day_is_refused_on_that_field_and_keeps_the_first(engaged_world, client_as):
    add_entries(engaged_world, 2)
    entries, engagement = waiting(engaged_world), engaged_world.engagement
    response = post_period(engaged_world, client_as, {"start": "2026-02-02"})
    page = response.content.decode()
    assert response.status_code == 400
    assert_marked(page, f"id_end_{engagement.pk}", "Give the last day of the period.")
    [group] = response.context["groups"]
    assert group.period_form is response.context["refused_form"]
    assert group.period_form.errors == {"end": ["Give the last day of the period."]}
    assert 'value="2026-02-02"' in widget(page, f"id_start_{engagement.pk}")
    assert [form.is_bound for _entry, form in group.rows] == [False, False]
    assert unchanged(entries)


def test_a_period_ending_before_it_starts_is_refused(engaged_world, client_as):
    add_entries(engaged_world, 2)
    entries, engagement = waiting(engaged_world), engaged_world.engagement
    response = post_period(engaged_world, client_as, {"start": "2026-02-03", "end": "2026-02-02"})
    assert response.status_code == 400
    assert_marked(response.content.decode(), f"id_end_{engagement.pk}", "The last day is before the first.")
    form = response.context["refused_form"]
    assert (form["start"].value(), form["end"].value()) == ("2026-02-03", "2026-02-02")
    assert unchanged(entries)


def test_a_period_with_a_date_out_of_range_is_refused_on_its_field(engaged_world, client_as):
    add_entries(engaged_world, 1)
    entries = waiting(engaged_world)
    response = post_period(engaged_world, client_as, {"start": "0001-01-01", "end": "2026-02-02"})
    assert response.status_code == 400
    assert list(response.context["refused_form"].errors) == ["start"]
    assert 'aria-invalid="true"' in response.content.decode()
    assert unchanged(entries)


def test_the_language_switch_on_a_refused_page_goes_back_to_the_page_the_form_was_on(engaged_world, client_as):
    """A refused page's own address takes only POST: its language form returns to the page the form was sent from
    (the POST's Referer), or home when that was the refused address itself, never to an address that answers 405."""
    import html

    add_entries(engaged_world, 1)
    [entry] = waiting(engaged_world)
    client = client_as(engaged_world.ceo)
    queue = f"{reverse('engagements:approvals')}?{queue_query(engaged_world)}"
    assert f'name="next" value="{html.escape(queue)}"' in client.get(queue).content.decode()
    url = f"{reverse('engagements:work_log_decide', args=[entry.pk, 'return'])}?{queue_query(engaged_world)}"
    refused = client.post(url, {"reason": ""}, HTTP_REFERER=f"http://testserver{queue}")
    assert refused.status_code == 400
    assert f'name="next" value="{html.escape(f"http://testserver{queue}")}"' in refused.content.decode()
    switched = client.post(reverse("set_language"), {"language": "ar", "next": f"http://testserver{queue}"})
    assert (switched.status_code, switched["Location"]) == (302, f"http://testserver{queue}")
    assert client.get(switched["Location"]).status_code == 200
    again = client.post(url, {"reason": ""}, HTTP_REFERER=f"http://testserver{url}")  # refused twice in a row
    assert 'name="next" value="/"' in again.content.decode()


def test_the_queues_kept_rows_post_with_each_requests_own_token(engaged_world):
    """The rows are kept rendered across requests (engagements.views._approval_row); each page's forms carry that
    request's CSRF token, which a client checking CSRF can post with, and a refused reason shows on its row."""
    import re

    from django.test import Client

    add_entries(engaged_world, 2)
    first, second = waiting(engaged_world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(engaged_world.ceo)
    client.cookies["language"] = "en"
    url = reverse("engagements:approvals")
    approve = reverse("engagements:work_log_decide", args=[first.pk, "approve"])
    row_form = re.compile(rf'action="{re.escape(approve)}[^"]*">.*?name="csrfmiddlewaretoken" value="([^"]+)"', re.S)
    tokens = []
    for _ in range(2):
        page = client.get(url).content.decode()
        assert "csrf-" not in page  # no placeholder left in a row
        tokens.append(row_form.search(page).group(1))
    assert tokens[0] != tokens[1]  # the same kept row, each request's own token
    token = tokens[1]
    assert client.post(f"{approve}?{queue_query(engaged_world)}", {}).status_code == 403  # no token
    assert client.post(f"{approve}?{queue_query(engaged_world)}", {"csrfmiddlewaretoken": token}).status_code == 302
    first.refresh_from_db()
    assert first.state == WorkLogState.APPROVED
    give_back = reverse("engagements:work_log_decide", args=[second.pk, "return"])
    refused = client.post(f"{give_back}?{queue_query(engaged_world)}", {"csrfmiddlewaretoken": token, "reason": ""})
    assert refused.status_code == 400
    row = refused.content.decode()
    assert f'id="id_reason_{second.pk}_error"' in row and "csrf-" not in row
    second.refresh_from_db()
    assert (second.state, second.return_reason) == (WorkLogState.SUBMITTED, "")
    assert f'id="id_reason_{second.pk}_error"' not in client.get(url).content.decode()  # the kept empty row again
