"""The fixed cast of role fixtures every test file can use, and the `world` they live in."""

from dataclasses import dataclass, field

import pytest

from accounts.roles import Role
from tests.factories import AdvisorOrganisationFactory, ClusterFactory, UserFactory, user_with_role


@dataclass
class World:
    """One cluster with its CEO, board member and referents; another cluster with its CEO and Interior referent;
    two advisor organisations; a knowledge editor of the national unit."""

    cluster: object
    other_cluster: object
    organisation: object
    other_organisation: object
    people: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    # actor -> session key of a session signed in as that person (module_world only; see sign_in_as)
    sessions: dict = field(default_factory=dict)

    def __getattr__(self, name):
        people = self.__dict__.get("people", {})
        if name in people:
            return people[name]
        extra = self.__dict__.get("extra", {})
        if name in extra:
            return extra[name]
        raise AttributeError(name)


ACTORS = [
    "anonymous",
    "no_role",
    "ceo",
    "other_ceo",
    "board_member",
    "advisor",
    "other_advisor",
    "org_manager",
    "curator",
    "referent",
    "other_referent",
    "treasury_referent",
    "head_referent",
    "editor",
    "admin",
]


def build_world() -> World:
    cluster = ClusterFactory()
    other_cluster = ClusterFactory()
    organisation = AdvisorOrganisationFactory()
    other_organisation = AdvisorOrganisationFactory()
    people = {
        "no_role": UserFactory(email="norole@example.org"),
        "ceo": user_with_role(Role.CLUSTER_CEO, cluster, email="ceo@example.org"),
        "other_ceo": user_with_role(Role.CLUSTER_CEO, other_cluster, email="other.ceo@example.org"),
        "board_member": user_with_role(Role.BOARD_MEMBER, cluster, email="board@example.org"),
        "advisor": user_with_role(Role.ADVISOR, organisation, email="advisor@example.org"),
        "other_advisor": user_with_role(Role.ADVISOR, other_organisation, email="other.advisor@example.org"),
        "org_manager": user_with_role(Role.ORGANISATION_MANAGER, organisation, email="manager@example.org"),
        "curator": user_with_role(Role.CURATOR, email="curator@example.org"),
        "referent": user_with_role(Role.REFERENT_INTERIOR, cluster, email="referent@example.org"),
        # The Interior referent of the other cluster: a referent, but none of the world's cluster's.
        "other_referent": user_with_role(Role.REFERENT_INTERIOR, other_cluster, email="other.referent@example.org"),
        "treasury_referent": user_with_role(Role.REFERENT_TREASURY, cluster, email="treasury@example.org"),
        "head_referent": user_with_role(Role.HEAD_REFERENT, email="head.referent@example.org"),
        "editor": user_with_role(Role.KNOWLEDGE_EDITOR, email="editor@example.org"),
        "admin": user_with_role(Role.PLATFORM_ADMIN, email="admin@example.org"),
    }
    return World(cluster, other_cluster, organisation, other_organisation, people)


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker):
    """One world for a whole test module, built in a transaction rolled back after the module's last test.

    Each test runs in a savepoint inside it (pytest-django's own transaction), so what a test writes is undone
    before the next; a test takes a copy of the world (`copy.deepcopy`) so changes to its objects stay its own.
    For modules whose tests each need the same world and nothing else (the access matrix, the bad-input test).
    """
    from django.conf import settings
    from django.db import transaction
    from django.test import Client

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            for name, person in world.people.items():
                signed_in = Client()
                signed_in.force_login(person)
                world.sessions[name] = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _person(name):
    @pytest.fixture
    def fixture(world):
        return world.people[name]

    fixture.__name__ = name
    return fixture


no_role = _person("no_role")
ceo = _person("ceo")
other_ceo = _person("other_ceo")
board_member = _person("board_member")
advisor = _person("advisor")
other_advisor = _person("other_advisor")
org_manager = _person("org_manager")
curator = _person("curator")
referent = _person("referent")
other_referent = _person("other_referent")
treasury_referent = _person("treasury_referent")
head_referent = _person("head_referent")
editor = _person("editor")
admin_user = _person("admin")


@pytest.fixture
def client_as(client):
    """client_as(user) signs the test client in as that person (None: stays anonymous)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


def sign_in_as(client, world: World, actor: str) -> None:
    """Sign the test client in as one of the world's actors with the session made for them (module_world), or
    leave it anonymous: cheaper than force_login for every actor of every URL."""
    from django.conf import settings

    client.cookies.clear()
    if actor != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[actor]


def require_services(*, redis: bool = False, postgresql: bool = False) -> None:
    """Skip a test that needs Redis (REDIS_URL) or PostgreSQL (DATABASE_URL), with the reason; under
    REQUIRE_SERVICES=1 (CI) a missing service fails the test instead."""
    import os

    from django.db import connection

    missing = []
    if redis and not os.environ.get("REDIS_URL"):
        missing.append("Redis (REDIS_URL)")
    if postgresql and connection.vendor != "postgresql":
        missing.append("PostgreSQL (DATABASE_URL)")
    if not missing:
        return
    reason = f"needs {' and '.join(missing)}"
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"REQUIRE_SERVICES=1 but this test {reason}")
    pytest.skip(reason)
