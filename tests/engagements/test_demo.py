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
