"""A refused shortlist form renders again instead of failing on its hidden cluster field."""

from django.urls import reverse

from advisors.models import Shortlist


def test_shortlist_with_a_bad_cluster_is_a_field_error(world, client_as):
    client = client_as(world.ceo)
    client.cookies["language"] = "en"
    response = client.post(reverse("advisors:shortlist_list"), {"cluster": "\x00", "need": "abc", "title": "x"})
    assert response.status_code == 200
    assert sorted(response.context["form"].errors) == ["cluster", "need"]
    assert Shortlist.objects.count() == 0
