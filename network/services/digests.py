"""A person chooses what their weekly digest follows."""

from django.db import transaction

from accounts.models import User
from advisors.models import join_codes

from ..models import DigestPreference


@transaction.atomic
def save_digest_preference(*, user: User, needs, domains, is_subscribed: bool) -> DigestPreference:
    preference, _created = DigestPreference.objects.get_or_create(user=user)
    preference.domains = join_codes(domains)
    preference.is_subscribed = is_subscribed
    preference.save(update_fields=["domains", "is_subscribed"])
    preference.needs.set(needs)
    return preference
