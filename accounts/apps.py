from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        # Every email the outbox owes a person with an account also lands in their notification centre, and is
        # dropped when they turned its kind off (accounts.notifications).
        from outbox.services import register_email_hook

        from .notifications import record_email

        register_email_hook(record_email)

    # Navigation entries this app contributes: (url name, label, roles that see it; None = every signed-in user).
    role_homes = {"platform_admin": "accounts:admin_home"}
    # What needs doing now on the home pages (accounts.todo): the function listing it for a person.
    needs_doing = "accounts.todo.accounts_needs_doing"
    nav_items = [
        ("accounts:invitation_list", _("Invitations"), {"platform_admin", "curator"}),
        ("accounts:audit_log", _("Audit log"), {"platform_admin"}),
    ]
