"""Django messages our Hebrew catalogue must supply: Django's own Hebrew translation lacks them.

Declared here so that makemessages extracts them; translations in locale/ take precedence over Django's.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)
SELECT_AN_OPTION = gettext_noop("- Select an option -")
