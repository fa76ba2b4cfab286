"""The CEO's and board's spending against the work plan: the engagements' approved cost on the lines serving their
goals beside the other spending, per line, goal and core service, on a page the work-plan page loads."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from clusters.models import WorkPlanItem
from tests.oversight.test_spending import YEAR, plan_with_spending

pytestmark = pytest.mark.django_db


def _cells(page: str, key: str) -> str:
    start = page.index(f'data-burn="{key}"')
    return page[start : page.index("</table>", start)]


def test_the_ceo_sees_the_engagement_cost_burned_per_line_goal_and_core_service(world, client):
    plan_with_spending(world)
    client.force_login(world.ceo)
    response = client.get(reverse("engagements:plan_burn", kwargs={"pk": world.cluster.pk}))
    assert response.status_code == 200
    burn = response.context["burn"]
    # 10 approved hours at ₪400 serve the Cost goal, which both lines serve: ₪2,000 each.
    assert [(b.label, b.budget, b.engagement_cost, b.other_spending, b.spent) for b in burn.lines] == [
        ("Tender", Decimal(100_000), Decimal(2000), Decimal(0), Decimal(2000)),
        ("Pilot", Decimal(50_000), Decimal(2000), Decimal(30_000), Decimal(32_000)),
    ]
    assert [(b.label, b.engagement_cost, b.spent) for b in burn.goals] == [
        ("Cost", Decimal(3000), Decimal(18_000)),
        ("Gap", Decimal(1000), Decimal(16_000)),
    ]
    assert [(b.label, b.budget, b.engagement_cost, b.percent) for b in burn.services] == [
        ("Waste", Decimal(150_000), Decimal(4000), 23)
    ]
    page = response.content.decode()
    assert "2,000.00" in _cells(page, "lines")
    assert "4,000.00" in _cells(page, "services")
    assert 'data-spent="23"' in _cells(page, "total")


def test_the_board_member_reads_it_and_others_find_nothing(world, client):
    plan_with_spending(world)
    url = reverse("engagements:plan_burn", kwargs={"pk": world.cluster.pk})
    client.force_login(world.board_member)
    assert client.get(url).status_code == 200
    for person in (world.other_ceo, world.advisor, world.referent):
        client.force_login(person)
        assert client.get(url).status_code == 404


def test_the_work_plan_page_loads_the_burn_and_htmx_gets_the_fragment(world, client):
    plan_with_spending(world)
    client.force_login(world.ceo)
    url = reverse("engagements:plan_burn", kwargs={"pk": world.cluster.pk})
    work_plan = client.get(reverse("clusters:work_plan", kwargs={"pk": world.cluster.pk})).content.decode()
    assert f'hx-get="{url}"' in work_plan
    assert f'href="{url}"' in work_plan  # without scripts, a link to the page
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith(f'<div id="plan-burn" data-plan-burn="{world.cluster.pk}">')
    assert "<html" not in fragment


@pytest.mark.parametrize("size", [1, 4])
def test_the_burn_page_costs_the_same_queries_at_any_size(size, world, client, django_assert_num_queries):
    whole, _half = plan_with_spending(world)
    for index in range(size):
        item = WorkPlanItem.objects.create(
            plan=whole.plan,
            title=f"Line {index}",
            budget_amount=Decimal(1000),
            starts_on=date(YEAR, 1, 1),
            ends_on=date(YEAR, 12, 31),
        )
        item.goals.set(whole.goals.all())
    client.force_login(world.ceo)
    url = reverse("engagements:plan_burn", kwargs={"pk": world.cluster.pk})
    client.get(url)
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200
