"""The platform's roles and the families the separation rules are written in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CLUSTER_CEO = "cluster_ceo", _("Cluster CEO")
    BOARD_MEMBER = "board_member", _("Board member")
    ADVISOR = "advisor", _("Advisor")
    ORGANISATION_MANAGER = "organisation_manager", _("Advisor organisation manager")
    CURATOR = "curator", _("Catalogue curator")
    REFERENT_INTERIOR = "referent_interior", _("Ministry referent (Interior)")
    REFERENT_TREASURY = "referent_treasury", _("Ministry referent (Treasury)")
    HEAD_REFERENT = "head_referent", _("Head referent (national view)")
    PLATFORM_ADMIN = "platform_admin", _("Platform admin")


class Scope(models.TextChoices):
    CLUSTER = "cluster", _("Cluster")
    ORGANISATION = "organisation", _("Advisor organisation")


ADVISORY_ROLES = frozenset({Role.ADVISOR, Role.ORGANISATION_MANAGER})
OVERSIGHT_ROLES = frozenset({Role.REFERENT_INTERIOR, Role.REFERENT_TREASURY, Role.HEAD_REFERENT})
CLUSTER_ROLES = frozenset({Role.CLUSTER_CEO, Role.BOARD_MEMBER})

# Which kind of object each role is scoped to; roles not listed have no scope.
ROLE_SCOPES = {
    Role.CLUSTER_CEO: Scope.CLUSTER,
    Role.BOARD_MEMBER: Scope.CLUSTER,
    Role.REFERENT_INTERIOR: Scope.CLUSTER,
    Role.REFERENT_TREASURY: Scope.CLUSTER,
    Role.ADVISOR: Scope.ORGANISATION,
    Role.ORGANISATION_MANAGER: Scope.ORGANISATION,
}

# The model behind each scope, named by label so this app imports none of the apps above it.
SCOPE_MODELS = {Scope.CLUSTER: "clusters.Cluster", Scope.ORGANISATION: "advisors.AdvisorOrganisation"}

# Roles a curator may invite people to; a platform admin may invite to any role.
CURATOR_INVITABLE_ROLES = frozenset({Role.ADVISOR, Role.ORGANISATION_MANAGER})


def role_family(role: str) -> str | None:
    if role in ADVISORY_ROLES:
        return "advisory"
    if role in OVERSIGHT_ROLES:
        return "oversight"
    return None


def scope_for(role: str) -> str | None:
    return ROLE_SCOPES.get(role)
