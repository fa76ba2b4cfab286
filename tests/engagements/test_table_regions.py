"""The scrolling tables of rendered pages are named focusable regions; a label made from a value (an advisor's name,
the week's dates) is escaped once, whatever quotes the name or the translation holds."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.engagements.test_views import add_entries

pytestmark = pytest.mark.django_db
HEBREW = re.compile("[\u0590-\u05ff]")


class Regions(HTMLParser):
    """The attributes of each `.table-responsive` element of a rendered page."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "table-responsive" in (attributes.get("class") or "").split():
            self.found.append(attributes)


def regions_of(response) -> list[dict]:
    parser = Regions()
    parser.feed(response.content.decode())
    return parser.found


def test_the_approval_queue_names_each_engagements_table_with_the_advisors_name(engaged_world, client_as):
    advisor = engaged_world.advisor
    advisor.full_name = 'Dana "Dee" Levi & Sons'
    advisor.save(update_fields=["full_name"])
    add_entries(engaged_world, 2)
    client = client_as(engaged_world.ceo)
    with translation.override("en"):
        regions = regions_of(client.get(reverse("engagements:approvals"), HTTP_ACCEPT_LANGUAGE="en"))
    assert [(region["tabindex"], region["role"], region["aria-label"]) for region in regions] == [
        ("0", "region", 'Entries awaiting approval: Dana "Dee" Levi & Sons')  # escaped once, read as typed
    ]


def test_the_week_of_work_is_named_in_hebrew_too(engaged_world, client_as):
    client = client_as(engaged_world.advisor)
    url = reverse("engagements:log_work", args=[engaged_world.engagement.pk])
    response = client.get(url, {"week": "2026-02-02"}, HTTP_ACCEPT_LANGUAGE="he")
    [region] = regions_of(response)
    label = region["aria-label"]
    assert (region["tabindex"], region["role"], bool(HEBREW.search(label))) == ("0", "region", True)
    assert f'<caption class="visually-hidden">{escape(label)}</caption>' in response.content.decode()
