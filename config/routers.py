"""Reads from a PostgreSQL read replica, writes to the primary (DATABASE_REPLICA_URL; off when it is unset).

A read goes to the replica unless
- it runs inside a transaction on the primary (a workflow reads what it is about to change, under its locks), or
- the same request (or Celery task) has written already: from its first write on, the request reads the primary,
  so it sees its own changes (sticky after write; a request-scoped flag, reset by `ReplicaRoutingMiddleware`), or
- the person's previous request wrote less than DATABASE_REPLICA_PIN_SECONDS ago (a short cookie): the page after a
  form's redirect reads the primary, whatever the replica's lag.

Migrations run on the primary only; the replica gets them by streaming replication.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

PIN_COOKIE = "db_primary"

_pinned: ContextVar[bool] = ContextVar("read_from_primary", default=False)


def replica_alias() -> str | None:
    """The alias reads may go to, or None when no replica is configured."""
    alias = getattr(settings, "DATABASE_REPLICA_ALIAS", None)
    return alias if alias and alias in settings.DATABASES else None


def pin_to_primary() -> None:
    """Read from the primary for the rest of this request or task."""
    _pinned.set(True)


def is_pinned() -> bool:
    return _pinned.get()


def reset_pin(**_signal_kwargs) -> None:
    """A new request or task starts reading from the replica again."""
    _pinned.set(False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        replica = replica_alias()
        if replica is None or _pinned.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return replica

    def db_for_write(self, model, **hints):
        if replica_alias() is not None:
            _pinned.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaRoutingMiddleware:
    """Each request starts on the replica (or on the primary, shortly after the person's last write) and moves to
    the primary at its first write; a request that wrote pins the person's next requests for a few seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if replica_alias() is None:
            return self.get_response(request)
        token = _pinned.set(PIN_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
            if _pinned.get() and PIN_COOKIE not in request.COOKIES:
                response.set_cookie(
                    PIN_COOKIE,
                    "1",
                    max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                    secure=settings.SESSION_COOKIE_SECURE,
                    httponly=True,
                    samesite="Lax",
                )
            return response
        finally:
            _pinned.reset(token)
