"""Two-factor policy, encrypted TOTP secrets, sign-in audit, login rate limits, production settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.urls import reverse

from accounts.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_a_role_that_requires_two_factor_reaches_only_the_setup_page(world, client_as, settings):
    settings.MFA_REQUIRED_ROLES = ["cluster_ceo"]
    client = client_as(world.ceo)
    response = client.get(reverse("clusters:home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code in (200, 302)
    assert client.post(reverse("account_logout")).status_code == 302


def test_roles_outside_the_setting_are_not_held_back(world, client_as, settings):
    settings.MFA_REQUIRED_ROLES = ["cluster_ceo"]
    assert client_as(world.board_member).get(reverse("clusters:home")).status_code == 200


def test_once_totp_is_set_up_the_platform_opens(world, client_as, settings):
    settings.MFA_REQUIRED_ROLES = ["referent_interior"]
    TOTP.activate(world.referent, "JBSWY3DPEHPK3PXP")
    assert client_as(world.referent).get(reverse("oversight:home")).status_code == 200


def test_totp_secret_is_stored_encrypted(world):
    secret = "JBSWY3DPEHPK3PXP"
    TOTP.activate(world.ceo, secret)
    stored = Authenticator.objects.get(user=world.ceo, type=Authenticator.Type.TOTP).data["secret"]
    assert secret not in stored
    from allauth.mfa.adapter import get_adapter

    assert get_adapter().decrypt(stored) == secret


def sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_sign_in_and_failures_are_audited_with_address():
    person = UserFactory(email="who@example.org")
    from django.test import Client

    client = Client(REMOTE_ADDR="198.51.100.4")
    assert sign_in(client, "who@example.org", "wrong-password-123").status_code == 200
    assert sign_in(client, "who@example.org", "a-long-test-password").status_code == 302
    client.post(reverse("account_logout"))
    events = list(AuditEvent.objects.order_by("pk").values_list("action", "actor", "ip_address", "data"))
    assert events == [
        ("sign_in_failed", person.pk, "198.51.100.4", {"email": "who@example.org"}),
        ("sign_in", person.pk, "198.51.100.4", {}),
        ("sign_out", person.pk, "198.51.100.4", {}),
    ]


def test_failed_sign_ins_are_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip,3/5m/key"}
    cache.clear()
    client.cookies["language"] = "en"
    UserFactory(email="target@example.org")
    pages = [sign_in(client, "target@example.org", f"guess-{n}-xxxxxx").content.decode() for n in range(4)]
    limited = "Too many failed login attempts"
    assert [limited in page for page in pages] == [False, False, False, True]
    # even the right password is refused while the limit holds
    response = sign_in(client, "target@example.org", "a-long-test-password")
    assert response.status_code == 200
    assert limited in response.content.decode()
    cache.clear()


def test_chosen_language_is_remembered_on_the_account(world, client_as):
    client = client_as(world.ceo)
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    world.ceo.refresh_from_db()
    assert world.ceo.preferred_language == "ar"
    # A new device (no cookie) gets the person's language after signing in.
    from django.test import Client

    fresh = Client()
    fresh.force_login(world.ceo)
    page = fresh.get(reverse("clusters:home"))
    assert '<html lang="ar" dir="rtl">' in page.content.decode()


def test_hebrew_is_the_default_and_right_to_left(world, client_as):
    page = client_as(world.ceo).get(reverse("clusters:home"))
    assert '<html lang="he" dir="rtl">' in page.content.decode()


def test_navigation_shows_only_what_the_role_may_use(world, client_as):
    ceo_page = client_as(world.ceo).get(reverse("clusters:home")).content.decode()
    assert reverse("clusters:home") in ceo_page
    assert f'href="{reverse("oversight:home")}"' not in ceo_page
    # the findings on their own cluster are the one oversight page a CEO reads
    assert f'href="{reverse("oversight:findings")}"' in ceo_page
    assert reverse("accounts:invitation_list") not in ceo_page
    referent_page = client_as(world.referent).get(reverse("oversight:home")).content.decode()
    assert reverse("oversight:home") in referent_page
    assert reverse("clusters:home") not in referent_page
    assert reverse("advisors:home") not in referent_page
    # referents follow up the findings they raised from their own navigation
    assert f'href="{reverse("oversight:findings")}"' in referent_page


# Variables the test process sets for itself, which a production process would not have.
TEST_ONLY_VARIABLES = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*arguments, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def test_production_refuses_to_start_without_a_real_secret_key():
    result = run_manage("check", DEBUG="0", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    weak = run_manage("check", DEBUG="0", SECRET_KEY="change-me", ALLOWED_HOSTS="example.org")
    assert weak.returncode != 0


def test_production_deploy_check_is_clean_with_real_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 20 + "-production-like-secret-0123456789",
        ALLOWED_HOSTS="clusters.example.org",
    )
    assert result.returncode == 0, result.stderr


def test_required_two_factor_is_set_up_end_to_end_and_then_the_platform_opens(world, client, settings):
    """Sign in, get sent to the setup page, enter a code: the cluster page opens.

    The sign-in a moment ago counts as recent, so the setup page does not ask for the password a second time."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    settings.MFA_REQUIRED_ROLES = ["cluster_ceo"]
    assert sign_in(client, world.ceo.email, "a-long-test-password").status_code == 302
    assert client.get(reverse("clusters:home")).url == reverse("mfa_activate_totp")
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200
    secret = setup.context["form"].secret
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    activated = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=world.ceo, type=Authenticator.Type.TOTP).count() == 1
    assert client.get(reverse("clusters:home")).status_code == 200


def test_a_security_change_long_after_sign_in_asks_for_the_password_again(world, client, settings, monkeypatch):
    import time

    settings.MFA_REQUIRED_ROLES = ["cluster_ceo"]
    assert sign_in(client, world.ceo.email, "a-long-test-password").status_code == 302
    later = time.time() + settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.get(reverse("mfa_activate_totp")).url.startswith(reverse("account_reauthenticate"))


def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    policy = client.get(reverse("account_login"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def _activate_totp_after_signing_in(client, world):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    assert sign_in(client, world.ceo.email, "a-long-test-password").status_code == 302
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    assert client.post(reverse("mfa_activate_totp"), {"code": code}).status_code == 302


def test_turning_two_factor_off_ends_the_exemption_at_once(world, client, settings):
    settings.MFA_REQUIRED_ROLES = ["cluster_ceo"]
    _activate_totp_after_signing_in(client, world)
    assert client.get(reverse("clusters:home")).status_code == 200
    assert client.session["mfa_totp_confirmed"] == world.ceo.pk
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=world.ceo, type=Authenticator.Type.TOTP).count() == 0
    assert "mfa_totp_confirmed" not in client.session
    following = client.get(reverse("clusters:home"))
    assert (following.status_code, following.url) == (302, reverse("mfa_activate_totp"))


def test_a_refused_deactivation_keeps_two_factor_and_the_platform_open(world, client, settings, monkeypatch):
    from allauth.mfa.adapter import DefaultMFAAdapter

    settings.MFA_REQUIRED_ROLES = ["cluster_ceo"]
    _activate_totp_after_signing_in(client, world)
    monkeypatch.setattr(DefaultMFAAdapter, "can_delete_authenticator", lambda self, authenticator: False)
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=world.ceo, type=Authenticator.Type.TOTP).count() == 1
    # The session proves TOTP afresh from the database, and the platform stays open.
    assert client.get(reverse("clusters:home")).status_code == 200
    assert client.session["mfa_totp_confirmed"] == world.ceo.pk


def test_a_role_without_the_requirement_is_not_sent_to_set_up_after_turning_it_off(world, client, settings):
    settings.MFA_REQUIRED_ROLES = ["referent_interior"]
    _activate_totp_after_signing_in(client, world)
    client.post(reverse("mfa_deactivate_totp"))
    assert client.get(reverse("clusters:home")).status_code == 200
