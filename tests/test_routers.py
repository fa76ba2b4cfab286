"""The read-replica router (config/routers.py): reads on the replica, writes, transactions and reads after a write on
the primary. The test settings give a second alias, `replica`, mirroring the test database (TEST MIRROR), so the
routing is seen on the queries each connection ran."""

import pytest
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from config.routers import PIN_COOKIE, ReplicaRouter, ReplicaRoutingMiddleware, is_pinned, reset_pin
from outbox.models import OutboxMessage
from tests.factories import UserFactory

# The replica connection sees only committed rows (and on SQLite, an open transaction on the primary locks it out):
# the tests commit their rows.
pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica(settings):
    settings.DATABASE_REPLICA_ALIAS = "replica"
    reset_pin()
    yield
    reset_pin()
    connections["replica"].close()  # SQLite: its shared-cache read lock would block the flush after the test


class Queries:
    """The queries each alias ran inside the block."""

    def __enter__(self):
        self.contexts = {alias: CaptureQueriesContext(connections[alias]) for alias in ("default", "replica")}
        for context in self.contexts.values():
            context.__enter__()
        return self

    def __exit__(self, *exc):
        for context in self.contexts.values():
            context.__exit__(*exc)
        connections["replica"].close()  # SQLite: its shared-cache read lock would block the test's own writes

    def count(self, alias) -> int:
        return len(self.contexts[alias].captured_queries)


def test_without_a_replica_everything_reads_the_primary(settings):
    settings.DATABASE_REPLICA_ALIAS = None
    UserFactory()
    with Queries() as queries:
        assert User.objects.count() == 1
    assert (queries.count("default"), queries.count("replica")) == (1, 0)
    assert ReplicaRouter().db_for_read(User) == "default"


def test_reads_go_to_the_replica_and_see_committed_rows(replica):
    user = UserFactory()
    reset_pin()  # the factory's write pinned this test's context, as it would pin a request
    with Queries() as queries:
        assert User.objects.get(pk=user.pk).email == user.email
    assert (queries.count("default"), queries.count("replica")) == (0, 1)


def test_writes_go_to_the_primary_and_pin_the_reads_after_them(replica):
    with Queries() as queries:
        assert User.objects.count() == 0
        UserFactory()
        assert is_pinned()
        assert User.objects.count() == 1  # its own write, read from the primary
    assert queries.count("replica") == 1
    assert queries.count("default") >= 2


def test_reads_inside_a_transaction_go_to_the_primary(replica):
    with Queries() as queries, transaction.atomic():
        assert User.objects.count() == 0
        assert ReplicaRouter().db_for_read(User) == "default"
    assert queries.count("replica") == 0
    assert not is_pinned()


@pytest.mark.django_db(databases=[])
def test_migrations_run_on_the_primary_only():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "accounts")
    assert not router.allow_migrate("replica", "accounts")


def _view(request):
    before = User.objects.count()
    if request.method == "POST":
        OutboxMessage.objects.create(kind="email", key=f"router-test:{before}", payload={})
    after = User.objects.count()
    return HttpResponse(f"{before} {after}")


def test_a_request_reads_the_replica_until_its_first_write_and_pins_the_next_requests(replica, settings):
    UserFactory()
    reset_pin()
    middleware = ReplicaRoutingMiddleware(_view)
    factory = RequestFactory()

    with Queries() as queries:
        response = middleware(factory.get("/"))
    assert response.content == b"1 1"
    assert (queries.count("default"), queries.count("replica")) == (0, 2)
    assert PIN_COOKIE not in response.cookies

    with Queries() as queries:
        response = middleware(factory.post("/"))
    assert response.content == b"1 1"
    assert queries.count("replica") == 1  # the read before the write
    assert queries.count("default") == 2  # the write and the read after it
    assert response.cookies[PIN_COOKIE]["max-age"] == settings.DATABASE_REPLICA_PIN_SECONDS
    assert not is_pinned()  # the flag ends with the request

    request = factory.get("/")
    request.COOKIES[PIN_COOKIE] = "1"
    with Queries() as queries:
        middleware(request)
    assert (queries.count("default"), queries.count("replica")) == (2, 0)
