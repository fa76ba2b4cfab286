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
    KNOWLEDGE_EDITOR = "knowledge_editor", _("Knowledge editor (national unit)")
    PLATFORM_ADMIN = "platform_admin", _("Platform admin")


class Scope(models.TextChoices):
    CLUSTER = "cluster", _("Cluster")
    ORGANISATION = "organisation", _("Advisor organisation")


ADVISORY_ROLES = frozenset({Role.ADVISOR, Role.ORGANISATION_MANAGER})
OVERSIGHT_ROLES = frozenset({Role.REFERENT_INTERIOR, Role.REFERENT_TREASURY, Role.HEAD_REFERENT})
CLUSTER_ROLES = frozenset({Role.CLUSTER_CEO, Role.BOARD_MEMBER})
# The national unit's editors publish knowledge, playbook pages and calls for all clusters, so they neither
# advise a cluster nor oversee one.
EDITORIAL_ROLES = frozenset({Role.KNOWLEDGE_EDITOR})

# The separated families: a person holds roles of one family only, nor within the cooling-off period after
# holding roles of another.
ROLE_FAMILIES = {"advisory": ADVISORY_ROLES, "oversight": OVERSIGHT_ROLES, "editorial": EDITORIAL_ROLES}

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
    """The separated family of a role ("advisory", "oversight", "editorial"), or None for roles outside them."""
    for family, roles in ROLE_FAMILIES.items():
        if role in roles:
            return family
    return None


def roles_apart_from(role: str) -> frozenset[str]:
    """The roles a holder of `role` may not hold at the same time or within the cooling-off period."""
    family = role_family(role)
    if family is None:
        return frozenset()
    return frozenset().union(*(roles for name, roles in ROLE_FAMILIES.items() if name != family))


def scope_for(role: str) -> str | None:
    return ROLE_SCOPES.get(role)
