from io import StringIO

from django.core.management import call_command

from engagements.models import Engagement, State


def test_demo_seeds_engagements_in_several_states_once(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    states = sorted(Engagement.objects.values_list("state", flat=True))
    assert states == [State.ACTIVE, State.COMPLETED, State.DRAFT, State.PROPOSED]
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    assert Engagement.objects.count() == 4


def test_demo_cluster_has_an_open_need_for_the_recommendations_page(db, settings):
    from accounts.models import User
    from accounts.roles import Role
    from clusters.models import Cluster
    from engagements.needs import open_needs

    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    ceo = User.objects.get(email="ceo@demo.test")
    cluster = Cluster.objects.get(pk__in=ceo.scope_ids(Role.CLUSTER_CEO))
    needs = open_needs(cluster=cluster)
    assert len(needs) == 1
    assert needs[0].sources == [
        f"shortlist “{needs[0].need.label_he}”",
        "request “ליווי הקמת מוקד שירות משותף לרשויות”",
    ]


def test_demo_seeds_one_open_request_with_a_proposal_from_advisor2_once(db, settings, client):
    from django.urls import reverse

    from accounts.models import User
    from engagements.models import Proposal, Request, RequestState

    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    brief = Request.objects.get()
    assert brief.state == RequestState.OPEN
    assert list(Proposal.objects.values_list("advisor__person__email", flat=True)) == ["advisor2@demo.test"]
    for email in ("ceo@demo.test", "advisor@demo.test"):
        client.force_login(User.objects.get(email=email))
        assert client.get(reverse("engagements:request_detail", args=[brief.pk])).status_code == 200
