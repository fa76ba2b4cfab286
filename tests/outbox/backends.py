"""Email backends for outbox tests: one whose SMTP server refuses the connection, one that is slow."""

import time

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class RefusingBackend(LocmemBackend):
    """Like an SMTP server that is down: every send raises ConnectionRefusedError."""

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


class SlowBackend(LocmemBackend):
    """Takes half a second per send, so two deliveries started together overlap."""

    def send_messages(self, messages):
        time.sleep(0.5)
        return super().send_messages(messages)
