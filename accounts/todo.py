"""What needs doing now: the short list at the top of each role's home page.

Each app names a provider on its AppConfig (`needs_doing = "app.todo.needs_doing"`, like `nav_items` and
`role_homes`), a function taking the person and returning `Todo` items for the roles it serves; accounts gathers
them here without importing any app above it. Providers count through their own app's selectors and permissions,
in a fixed number of queries whatever the data, and return only items with something to do.
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import ngettext

from outbox.models import OutboxMessage

from .models import User
from .roles import Role


@dataclass(frozen=True)
class Todo:
    """One line of the list: how many things, what they are (a sentence with the count in it), where to do them."""

    count: int
    text: str
    url: str


def needs_doing(user: User) -> list[Todo]:
    """Everything this person should act on now, gathered from every app's provider, in the apps' order."""
    items: list[Todo] = []
    for config in apps.get_app_configs():
        provider = getattr(config, "needs_doing", None)
        if provider:
            items.extend(item for item in import_string(provider)(user) if item.count > 0)
    return items


def accounts_needs_doing(user: User) -> list[Todo]:
    """The platform admin: emails and tasks the outbox could not deliver."""
    if not user.has_role(Role.PLATFORM_ADMIN):
        return []
    failing = OutboxMessage.objects.failing().count()
    text = ngettext(
        "%(count)s message the outbox could not deliver", "%(count)s messages the outbox could not deliver", failing
    ) % {"count": failing}
    return [Todo(failing, text, reverse("admin:outbox_outboxmessage_changelist") + "?delivery=failing")]
