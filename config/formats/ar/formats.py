"""Number and date formats for 'ar': thousands grouped by three, as Israeli public bodies print them."""

from django.conf.locale.ar.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

# Django's Arabic locale leaves the date-time formats to the US defaults (month first); keep them day first like dates.
DATETIME_FORMAT = "j F، Y H:i"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y H:i"
