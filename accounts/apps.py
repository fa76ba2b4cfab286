from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")
    # Navigation entries this app contributes: (url name, label, roles that see it; None = every signed-in user).
    role_homes = {"platform_admin": "accounts:admin_home"}
    nav_items = [
        ("accounts:invitation_list", _("Invitations"), {"platform_admin", "curator"}),
        ("accounts:audit_log", _("Audit log"), {"platform_admin"}),
    ]
