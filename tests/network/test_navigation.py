"""Where the national cluster appears: the editor's home page, the navigation of each role, the beat schedule."""

import pytest
from django.conf import settings
from django.urls import reverse

from network import tasks

pytestmark = pytest.mark.django_db


def test_an_editor_lands_on_the_editorial_desk(world, client_as):
    response = client_as(world.editor).get(reverse("home"))
    assert (response.status_code, response["Location"]) == (302, reverse("network:editor_home"))


@pytest.mark.parametrize(
    ("person", "links"),
    [
        ("editor", ["network:editor_home", "network:knowledge_list", "network:ministry_list", "network:call_list"]),
        ("ceo", ["network:knowledge_list", "network:ministry_list", "network:call_list"]),
        ("advisor", ["network:knowledge_list", "network:ministry_list"]),
        ("referent", ["network:knowledge_list", "network:ministry_list"]),
    ],
)
def test_the_navigation_offers_each_role_its_network_pages(world, client_as, person, links):
    response = client_as(world.people[person]).get(reverse("network:ministry_list"))
    names = [item["url_name"] for item in response.context["nav_items"] if item["url_name"].startswith("network:")]
    assert names == links


def test_the_reminders_and_the_digest_are_scheduled_tasks(world):
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert sorted(task for task in scheduled if task.startswith("network.")) == [
        "network.tasks.send_deadline_reminders",
        "network.tasks.send_playbook_review_reminders",
        "network.tasks.send_weekly_digests",
    ]
    assert tasks.send_deadline_reminders.delay().get() == 0
    assert tasks.send_playbook_review_reminders.delay().get() == 0
    assert tasks.send_weekly_digests.delay().get() == 0
