"""Write messages to the outbox in the caller's transaction; relay and deliver them after it commits.

- `send_email` and `dispatch_task` write one row per idempotency key (get-or-create), so writing the same cause twice
  is one message. The row is the record that the message is owed: it commits or rolls back with the change.
- After the commit, `relay` hands the message to Celery (`outbox.tasks.deliver`); when the broker cannot be reached
  it logs a warning and the row stays pending for the next relay (`relay_due`, run every minute by beat and by
  `manage.py relay_outbox`). With tasks run in-process (no REDIS_URL) delivery happens at once, after the commit.
- `deliver` claims the row with a conditional UPDATE (pending, due) that also pushes its next attempt past the
  longest delivery, so two workers never send it together, and a worker killed mid-send leaves it to be retried.
  A failure records the error and schedules the next attempt with exponential backoff (capped); after
  OUTBOX_MAX_ATTEMPTS the message is dead and shows in the admin. Nothing here raises into the caller.
"""

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import partial
from importlib import import_module

from celery import Task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import KEY_MAX_LENGTH, OutboxMessage

logger = logging.getLogger(__name__)

# Publishing to an unreachable broker gives up quickly: the row is kept and the next relay tries again.
RELAY_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


class OutboxError(ValueError):
    """A message that cannot be written (an empty key, no recipient, a task that does not exist)."""


def _write(*, kind: str, key: str, payload: dict) -> OutboxMessage:
    if not key or len(key) > KEY_MAX_LENGTH:
        raise OutboxError(f"an outbox key is 1 to {KEY_MAX_LENGTH} characters: {key!r}")
    message, created = OutboxMessage.objects.get_or_create(key=key, defaults={"kind": kind, "payload": payload})
    if created or (message.state == OutboxMessage.State.PENDING and message.next_attempt_at <= timezone.now()):
        # A new message, or one still owed and due (an earlier relay failed): hand it over once this commits.
        transaction.on_commit(partial(relay, message.pk), robust=True)
    return message


# Functions called by send_email with every email before it is written: each takes the keyword arguments key, kind,
# to (the recipients), subject and body, and returns the recipients who still get it by email. A higher app registers
# one from its AppConfig.ready() (accounts records the in-app notification and applies email preferences there), so
# the outbox itself knows nothing of people.
EMAIL_HOOKS: list[Callable[..., list[str]]] = []


def register_email_hook(hook: Callable[..., list[str]]) -> None:
    """Call `hook` with every email sent through `send_email` (registering the same function twice is once)."""
    if hook not in EMAIL_HOOKS:
        EMAIL_HOOKS.append(hook)


def kind_of_key(key: str) -> str:
    """The kind of message a key names: its first part, before the first colon (`report-step:12:accept:7`)."""
    return key.split(":", 1)[0]


def send_email(
    *,
    key: str,
    to: str | Sequence[str],
    subject: str,
    body: str,
    html: str | None = None,
    kind: str = "",
) -> OutboxMessage | None:
    """Owe one email (to one recipient, normally) for the cause named by `key`; sent after the transaction commits.

    Render subject and body in the recipient's language before calling. The same key twice is one email. `kind`
    names the sort of message for people's email preferences; by default it is the key's first part. None when
    every recipient chose not to get this kind by email (the registered hooks still saw it).
    """
    recipients = [to] if isinstance(to, str) else list(to)
    if not recipients or not all(recipients):
        raise OutboxError(f"an email needs recipients: {key!r}")
    kind = kind or kind_of_key(key)
    for hook in EMAIL_HOOKS:
        recipients = hook(key=key, kind=kind, to=recipients, subject=str(subject), body=str(body))
    if not recipients:
        return None
    payload = {"to": recipients, "subject": str(subject), "body": str(body)}
    if html is not None:
        payload["html"] = str(html)
    return _write(kind=OutboxMessage.Kind.EMAIL, key=key, payload=payload)


def dispatch_task(*, key: str, task: str, args: Sequence = (), kwargs: dict | None = None) -> OutboxMessage:
    """Owe one run of the Celery task named `task` (e.g. "oversight.tasks.send_report_reminders") for the cause
    named by `key`; it is enqueued after the transaction commits. Arguments must be JSON: ids, not objects."""
    _task_named(task)
    payload = {"task": task, "args": list(args), "kwargs": dict(kwargs or {})}
    return _write(kind=OutboxMessage.Kind.TASK, key=key, payload=payload)


def _task_named(name: str) -> Task:
    module, _, attribute = name.rpartition(".")
    try:
        task = getattr(import_module(module), attribute)
    except (ImportError, AttributeError, ValueError) as error:
        raise OutboxError(f"no task named {name!r}") from error
    if not isinstance(task, Task):
        raise OutboxError(f"{name!r} is not a Celery task")
    return task


# --- relay -----------------------------------------------------------------------------------------------------


def relay(message_id: int) -> bool:
    """Hand one message to Celery. False (and a warning in the log) when the broker cannot take it; never raises."""
    from .tasks import deliver

    try:
        deliver.apply_async((message_id,), retry_policy=RELAY_RETRY_POLICY)
    except Exception as error:  # noqa: BLE001 — a broker outage must never turn a committed change into an error
        logger.warning("outbox: message %s stays pending, the broker cannot be reached: %s", message_id, error)
        return False
    return True


def relay_due(*, limit: int = 500, key_prefix: str = "", created_before: datetime | None = None) -> int:
    """Hand every pending message whose time has come to Celery; returns how many were handed over."""
    due = OutboxMessage.objects.due()
    if key_prefix:
        due = due.filter(key__startswith=key_prefix)
    if created_before is not None:
        due = due.filter(created_at__lt=created_before)
    relayed = 0
    for message_id in list(due.values_list("pk", flat=True)[:limit]):
        if not relay(message_id):
            break  # the broker is down: the rest wait for the next run
        relayed += 1
    return relayed


# --- delivery --------------------------------------------------------------------------------------------------


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next attempt after `attempts` failures: doubling from OUTBOX_RETRY_BASE_SECONDS, capped."""
    seconds = settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.OUTBOX_RETRY_MAX_SECONDS))


def claim(message_id: int, *, now: datetime | None = None) -> OutboxMessage | None:
    """Take a due pending message for one delivery attempt, or None when it is sent, dead, not due or taken."""
    now = now or timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, state=OutboxMessage.State.PENDING, next_attempt_at__lte=now
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS))
    if not claimed:
        return None
    return OutboxMessage.objects.get(pk=message_id)


def _send(message: OutboxMessage) -> None:
    payload = message.payload
    if message.kind == OutboxMessage.Kind.EMAIL:
        email = EmailMultiAlternatives(payload["subject"], payload["body"], None, payload["to"])
        if payload.get("html"):
            email.attach_alternative(payload["html"], "text/html")
        email.send()
    else:
        _task_named(payload["task"]).apply_async(payload["args"], payload["kwargs"])


def deliver(message_id: int) -> bool:
    """Claim, send and mark one message; on failure record the error and schedule the retry (or give up).

    True when this call sent it. Never raises for a failed send: the row keeps the error.
    """
    message = claim(message_id)
    if message is None:
        return False
    try:
        _send(message)
    except Exception as error:  # noqa: BLE001 — any failure (SMTP refused, broker down, a bug) is kept and retried
        _record_failure(message, error)
        return False
    sent = {"state": OutboxMessage.State.SENT, "sent_at": timezone.now(), "last_error": ""}
    if message.kind == OutboxMessage.Kind.EMAIL:
        # Once sent, the text (links with tokens, a digest's contents) need not stay in the table: who and what.
        sent["payload"] = {"to": message.payload["to"], "subject": message.payload["subject"]}
    OutboxMessage.objects.filter(pk=message.pk).update(**sent)
    return True


def _record_failure(message: OutboxMessage, error: Exception) -> None:
    text = f"{type(error).__name__}: {error}"[:2000]
    if message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        OutboxMessage.objects.filter(pk=message.pk).update(state=OutboxMessage.State.DEAD, last_error=text)
        logger.error(
            "outbox: message %s (%s) failed for good after %s attempts: %s",
            message.pk,
            message.key,
            message.attempts,
            text,
        )
        return
    OutboxMessage.objects.filter(pk=message.pk).update(
        last_error=text, next_attempt_at=timezone.now() + retry_delay(message.attempts)
    )
    logger.warning(
        "outbox: message %s (%s) failed, attempt %s, retried later: %s", message.pk, message.key, message.attempts, text
    )


@transaction.atomic
def retry_messages(*, message_ids: Sequence[int]) -> int:
    """An operator sends failed or dead messages again now, with a fresh count of attempts."""
    retried = OutboxMessage.objects.filter(pk__in=list(message_ids)).exclude(state=OutboxMessage.State.SENT)
    ids = list(retried.values_list("pk", flat=True))
    OutboxMessage.objects.filter(pk__in=ids).update(
        state=OutboxMessage.State.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    for message_id in ids:
        transaction.on_commit(partial(relay, message_id), robust=True)
    return len(ids)
