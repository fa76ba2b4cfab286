"""A goal's name shown in Hebrew for want of a translation is marked as Hebrew on the page."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_english_goal_page_marks_an_untranslated_goal_name_as_hebrew(world, english_client):
    from tests.factories.clusters import GoalFactory, ServiceFactory

    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster), name="הפחתת עלות <פינוי>", name_en="")
    page = english_client(world.ceo).get(reverse("clusters:goal", args=[goal.pk])).content.decode()
    assert '<h1><bdi lang="he" dir="rtl">הפחתת עלות &lt;פינוי&gt;</bdi></h1>' in page
