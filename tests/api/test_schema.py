"""Schemathesis drives every API operation from /api/schema/ against the app in-process, with a head referent's
access token over a world with rows of every kind: no 500, and every answer matches the schema.

(Schemathesis' pytest plugin does not run on our pytest; its schema loader and strategies are used directly.)
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from accounts.roles import Role
from api import tokens
from tests.api.access import api_world
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def connection_kept_between_requests():
    """Requests run inside the test's transaction: the connection must not be closed at each request's end (as
    Django's test client arranges too)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


def test_the_schema_lists_every_endpoint():
    paths = sorted({operation.path for operation in operations()})
    assert paths == [
        "/api/authorities/",
        "/api/authorities/{id}/",
        "/api/clusters/",
        "/api/clusters/{id}/",
        "/api/engagements/",
        "/api/engagements/{id}/",
        "/api/goals/",
        "/api/goals/{id}/",
        "/api/measurements/",
        "/api/measurements/{id}/",
        "/api/quality-measures/",
        "/api/quality-measures/{id}/",
        "/api/reports/",
        "/api/reports/{id}/",
        "/api/services/",
        "/api/services/{id}/",
        "/api/statuses/",
        "/api/statuses/{id}/",
        "/api/work-plans/",
        "/api/work-plans/{id}/",
    ]


def test_the_api_answers_as_its_schema_says(world):
    api_world(world)
    head = user_with_role(Role.HEAD_REFERENT, email="schema.head@example.org")
    _token, secret = tokens.create_token(user=head, name="schemathesis", days=30)
    headers = {"Authorization": f"Bearer {secret}"}
    for operation in operations():

        @given(case=operation.as_strategy())
        @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
        def check(case):
            response = case.call_and_validate(headers=headers)
            assert response.status_code < 500

        check()
