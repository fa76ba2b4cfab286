"""Demo advisor organisations and their people."""

from accounts import services
from accounts.demo import demo_user
from accounts.roles import Role

from .models import AdvisorOrganisation


def seed(*, stdout) -> None:
    firm, _ = AdvisorOrganisation.objects.get_or_create(name='ייעוץ אזורי בע"מ')
    institute, _ = AdvisorOrganisation.objects.get_or_create(name="מכון השותפות האזורית")
    services.grant_role(user=demo_user("advisor@demo.test"), role=Role.ADVISOR, scope=firm)
    services.grant_role(user=demo_user("orgmanager@demo.test"), role=Role.ORGANISATION_MANAGER, scope=firm)
    services.grant_role(user=demo_user("advisor2@demo.test"), role=Role.ADVISOR, scope=institute)
    stdout.write(f"advisors: {AdvisorOrganisation.objects.count()} organisations")
