"""The fixed cast of role fixtures every test file can use, and the `world` they live in."""

import copy
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


# Modules whose tests build the world afresh each time: those with a test that commits (transactional_db,
# live_server), where no transaction may stay open, and those with a test that uses the database without the
# world, which must not find it there.
OWN_WORLD_MODULES: set[str] = set()


def pytest_collection_modifyitems(items):
    from pytest_django.plugin import validate_django_db

    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = False
        if marker:
            transaction, reset_sequences, *_rest = validate_django_db(marker)
            transactional = transaction or reset_sequences
        fixtures = getattr(item, "fixturenames", ())
        uses_db = marker is not None or "db" in fixtures
        if (
            transactional
            or {"transactional_db", "live_server"} & set(fixtures)
            or (uses_db and "world" not in fixtures and "module_world" not in fixtures)
        ):
            OWN_WORLD_MODULES.add(item.module.__name__)


@pytest.fixture(scope="module")
def shared_world(request, django_db_setup, django_db_blocker):
    """One world for a whole test module, built in a transaction rolled back after the module's last test.

    Each test runs in a savepoint inside it (pytest-django's own transaction), so what a test writes is undone
    before the next; a test takes a copy of the world (`copy.deepcopy`) so changes to its objects stay its own.
    None in the modules of OWN_WORLD_MODULES.
    """
    from django.db import transaction

    if request.module.__name__ in OWN_WORLD_MODULES:
        yield None
        return
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(shared_world, db) -> World:
    """The world as it was built: a copy of the module's, or a new one in the modules of OWN_WORLD_MODULES."""
    if shared_world is None:
        return build_world()
    return copy.deepcopy(shared_world)


@pytest.fixture(scope="module")
def module_world(shared_world, django_db_blocker):
    """The module's world itself, with a session signed in as each actor (see sign_in_as): for modules whose tests
    each need the same world and nothing else (the access matrix, the bad-input test). A test takes its own copy."""
    from django.conf import settings
    from django.test import Client

    assert shared_world is not None, "module_world in a module of OWN_WORLD_MODULES"
    if not shared_world.sessions:
        with django_db_blocker.unblock():
            for name, person in shared_world.people.items():
                signed_in = Client()
                signed_in.force_login(person)
                shared_world.sessions[name] = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    return shared_world


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
