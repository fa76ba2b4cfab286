from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """Public pages, open data and the read-only REST API: the top app, reading the others through their selectors."""

    name = "api"
    verbose_name = _("Public pages and API")
    nav_items = [("public:publish_home", _("Public page"), {"cluster_ceo"})]
    audit_actions = {
        "access_token_created": _("access token created"),
        "access_token_revoked": _("access token revoked"),
        "access_token_used": _("access token used"),
    }
