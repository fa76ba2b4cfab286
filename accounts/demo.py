"""Demo people, one per role. Scoped roles are granted by the apps that own the scopes."""

import functools
import os

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from . import services
from .models import User
from .roles import Role

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "demo-clusters-2026")

# email, full name, role shown in the printed list
DEMO_USERS = [
    ("admin@demo.test", "מנהלת המערכת", "Platform admin"),
    ("ceo@demo.test", "יעל כהן", "Cluster CEO"),
    ("ceo2@demo.test", "סאמר חורי", "Cluster CEO (another cluster)"),
    ("board@demo.test", "משה לוי", "Board member"),
    ("advisor@demo.test", "נועה ברק", "Advisor"),
    ("advisor2@demo.test", "רים עודה", "Advisor (another organisation)"),
    ("orgmanager@demo.test", "דוד מזרחי", "Advisor organisation manager"),
    ("curator@demo.test", "אורית שחר", "Catalogue curator"),
    ("referent@demo.test", "עומר גבאי", "Ministry referent (Interior)"),
    ("treasury@demo.test", "ליאת פרץ", "Ministry referent (Treasury)"),
    ("head.referent@demo.test", "אבי רוזן", "Head referent"),
    ("editor@demo.test", "תמר אלון", "Knowledge editor (national unit)"),
]


@functools.cache
def demo_password_hash() -> str:
    """The demo password, hashed once a process: every demo person shares it (each hash takes a third of a second
    with production's hasher, and the demo has dozens of people)."""
    return make_password(DEMO_PASSWORD)


def demo_user(email: str) -> User:
    return User.objects.get(email=email)


def seed(*, stdout) -> None:
    for email, full_name, _label in DEMO_USERS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
        if created:
            user.password = demo_password_hash()
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    services.grant_role(user=demo_user("admin@demo.test"), role=Role.PLATFORM_ADMIN)
    services.grant_role(user=demo_user("curator@demo.test"), role=Role.CURATOR)
    services.grant_role(user=demo_user("head.referent@demo.test"), role=Role.HEAD_REFERENT)
    services.grant_role(user=demo_user("editor@demo.test"), role=Role.KNOWLEDGE_EDITOR)
    stdout.write(f"accounts: {len(DEMO_USERS)} demo people")
