"""Pages of the accounts app: home routing, administration, audit log, invitation list budgets."""

import pytest
from django.urls import reverse

from accounts import services
from accounts.models import AuditEvent
from accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("actor", "home"),
    [
        ("ceo", "clusters:home"),
        ("board_member", "clusters:home"),
        ("advisor", "advisors:home"),
        ("org_manager", "advisors:home"),
        ("curator", "advisors:curator_home"),
        ("referent", "oversight:home"),
        ("treasury_referent", "oversight:home"),
        ("head_referent", "oversight:home"),
        ("admin", "accounts:admin_home"),
    ],
)
def test_each_role_lands_on_its_own_home(world, client_as, actor, home):
    response = client_as(world.people[actor]).get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse(home)


def test_a_person_without_a_role_sees_what_to_do_next(world, client_as):
    client = client_as(world.no_role)
    client.cookies["language"] = "en"
    page = client.get(reverse("home")).content.decode()
    assert "You have no role on the platform yet" in page


def test_audit_log_filters_by_action(world, client_as):
    services.record_event(action=AuditEvent.Action.SIGN_IN, actor=world.ceo)
    services.record_event(action=AuditEvent.Action.SIGN_OUT, actor=world.ceo)
    client = client_as(world.admin)
    response = client.get(reverse("accounts:audit_log"), {"action": "sign_out"})
    events = list(response.context["page"].object_list)
    assert [event.action for event in events] == ["sign_out"]


def test_audit_log_query_count_does_not_grow_with_events(world, client_as, django_assert_num_queries):
    client = client_as(world.admin)
    client.get(reverse("accounts:audit_log"))  # warm the content-type cache
    # 4: the log is paged without counting it (accounts.pagination), so no COUNT of every event.
    with django_assert_num_queries(4):
        client.get(reverse("accounts:audit_log"))
    for _ in range(30):
        services.record_event(action=AuditEvent.Action.SIGN_IN, actor=UserFactory(), target=world.cluster)
    with django_assert_num_queries(4):
        response = client.get(reverse("accounts:audit_log"))
    assert len(response.context["page"].object_list) == AuditEvent.objects.count()


def test_audit_log_pages_without_counting_and_knows_when_a_next_page_exists(world, client_as):
    for _ in range(60):
        services.record_event(action=AuditEvent.Action.SIGN_IN, actor=world.admin)
    total = AuditEvent.objects.count()
    client = client_as(world.admin)
    first = client.get(reverse("accounts:audit_log"))
    second = client.get(reverse("accounts:audit_log"), {"page": 2})
    beyond = client.get(reverse("accounts:audit_log"), {"page": "x"})
    assert (len(first.context["page"].object_list), first.context["page"].has_next()) == (50, True)
    assert (len(second.context["page"].object_list), second.context["page"].has_next()) == (total - 50, False)
    assert beyond.context["page"].number == 1


def test_invitation_list_query_count_does_not_grow(world, client_as, django_assert_num_queries):
    client = client_as(world.admin)
    services.create_invitation(email="one@example.org", role=Role.CURATOR, invited_by=world.admin)
    client.get(reverse("accounts:invitation_list"))
    with django_assert_num_queries(5):
        client.get(reverse("accounts:invitation_list"))
    for n in range(20):
        services.create_invitation(
            email=f"p{n}@example.org", role=Role.ADVISOR, scope=world.organisation, invited_by=world.curator
        )
    with django_assert_num_queries(5):
        response = client.get(reverse("accounts:invitation_list"))
    assert response.context["page"].paginator.count == 21


def test_refusals_and_missing_pages_are_explained_in_the_persons_language(world, client_as):
    client = client_as(world.advisor)
    client.cookies["language"] = "en"
    refused = client.get(reverse("oversight:home"))
    assert refused.status_code == 403
    assert "Your role does not allow this page or action." in refused.content.decode()
    client.cookies["language"] = "ar"
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert '<html lang="ar" dir="rtl">' in missing.content.decode()


def test_health_reports_database_and_cache(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"ok": True, "database": True, "cache": True}


def test_health_answers_503_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"ok": False, "database": True, "cache": False}


def test_every_audit_action_recorded_in_the_code_has_a_label():
    """Each record_event(action="...") in any app has a translated label for the audit log."""
    import re
    from pathlib import Path

    from accounts.models import audit_action_labels

    root = Path(__file__).resolve().parents[2]
    recorded = set()
    for app in ["accounts", "clusters", "quality", "advisors", "engagements", "network", "forums", "oversight", "api"]:
        for path in (root / app).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            for call in re.findall(r"record_event\((.*?)\)", source, flags=re.S):
                for expression in re.findall(r"action=([^,]+)", call):
                    recorded.update(re.findall(r'"([a-z_]+)"', expression))
    assert sorted(recorded - set(audit_action_labels())) == []
