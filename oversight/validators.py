from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def validate_due_date_not_past(value: date | None) -> None:
    """A finding is due today or later: a due date already past would make it overdue the moment it is raised."""
    if value is not None and value < timezone.localdate():
        raise ValidationError(_("The due date cannot be in the past."), code="due_date_past")
