"""The CEO's mapping from the codes and names of a call centre's services to the cluster's services."""

from django.db import transaction

from accounts.models import User
from accounts.services import record_event

from ..models import ServiceCode


@transaction.atomic
def save_service_code(*, entry: ServiceCode, saved_by: User) -> ServiceCode:
    """Create or change one code or name of a cluster service."""
    entry.code, entry.name = entry.code.strip(), entry.name.strip()
    entry.save()
    record_event(action="service_code_saved", actor=saved_by, target=entry.service, data={"code": str(entry)})
    return entry


@transaction.atomic
def remove_service_code(*, entry: ServiceCode, removed_by: User) -> None:
    """Forget one code; inquiries already imported keep their service."""
    record_event(action="service_code_removed", actor=removed_by, target=entry.service, data={"code": str(entry)})
    entry.delete()
