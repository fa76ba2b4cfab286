from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

REFERENTS = {"head_referent", "referent_interior", "referent_treasury"}


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("Service quality")
    nav_items = [
        ("quality:home", _("Service quality"), {"cluster_ceo", "board_member", *REFERENTS}),
        ("quality:national", _("Service quality nationally"), {"head_referent"}),
    ]
    audit_actions = {
        "inquiries_imported": _("inquiries imported"),
        "service_code_saved": _("service code saved"),
        "service_code_removed": _("service code removed"),
        "quality_goal_source_saved": _("goal linked to service-quality measures"),
    }
