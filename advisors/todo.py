"""What the curator, the advisor and the organisation manager should act on now in the catalogue (accounts.todo
gathers it for the home pages)."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.roles import Role
from accounts.todo import Todo

from .models import freshness_cutoff
from .permissions import profiles_visible_to
from .selectors import organisations_awaiting_vetting, profiles_awaiting_check


def needs_doing(user) -> list[Todo]:
    items = []
    if user.has_role(Role.CURATOR):
        applications = organisations_awaiting_vetting().count()
        profiles = profiles_awaiting_check().count()
        curation = reverse("advisors:curator_home")
        items += [
            Todo(
                applications,
                ngettext(
                    "%(count)s organisation waiting to be vetted",
                    "%(count)s organisations waiting to be vetted",
                    applications,
                )
                % {"count": applications},
                curation,
            ),
            Todo(
                profiles,
                ngettext("%(count)s profile awaiting your review", "%(count)s profiles awaiting your review", profiles)
                % {"count": profiles},
                curation,
            ),
        ]
    if user.has_role(Role.ADVISOR, Role.ORGANISATION_MANAGER):
        # Profiles (their own, or their organisation's) that leave the catalogue soon unless reconfirmed.
        soon = freshness_cutoff(timezone.now() + timedelta(days=settings.ADVISORS_REMINDER_DAYS_BEFORE))
        due = profiles_visible_to(user).filter(last_confirmed_at__lt=soon, suspended_at__isnull=True).count()
        items.append(
            Todo(
                due,
                ngettext(
                    "%(count)s profile to reconfirm before it leaves the catalogue",
                    "%(count)s profiles to reconfirm before they leave the catalogue",
                    due,
                )
                % {"count": due},
                reverse("advisors:home"),
            )
        )
    return items
