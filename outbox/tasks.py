"""The outbox's Celery tasks: deliver one message, and relay the pending ones that are due (beat, every minute)."""

from celery import shared_task

from . import services


# A delivery is one SMTP conversation or one publish: a minute is ample; OUTBOX_CLAIM_SECONDS is above it.
@shared_task(soft_time_limit=50, time_limit=60)
def deliver(message_id: int) -> bool:
    """Send one outbox message (claimed race-safely; a failure is recorded and retried with backoff)."""
    return services.deliver(message_id)


@shared_task(soft_time_limit=50, time_limit=60)
def relay_due() -> int:
    """Hand every due pending message to a worker: those whose broker hand-over or earlier attempt failed."""
    return services.relay_due()
