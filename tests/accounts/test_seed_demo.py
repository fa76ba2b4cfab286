import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from accounts.models import AuditEvent, RoleAssignment, User

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["accounts", "clusters", "advisors", "engagements", "network", "oversight"]


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for app in PROJECT_APPS
        for model in apps.get_app_config(app).get_models()
        if model is not AuditEvent and not model._meta.label.split(".")[1].startswith("Historical")
    }


def test_seed_demo_is_idempotent_and_gives_every_role_a_person(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = row_counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert row_counts() == first
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == {
        "platform_admin",
        "curator",
        "head_referent",
        "cluster_ceo",
        "board_member",
        "advisor",
        "organisation_manager",
        "referent_interior",
        "referent_treasury",
        "knowledge_editor",
    }
    assert "ceo@demo.test" in out.getvalue()
    assert User.objects.get(email="ceo@demo.test").check_password("demo-clusters-2026")


def test_seed_demo_dry_run_saves_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--dry-run", stdout=io.StringIO())
    assert User.objects.count() == 0


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.count() == 0
