from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = _("Clusters")
    role_homes = {"cluster_ceo": "clusters:home", "board_member": "clusters:home"}
    nav_items = [("clusters:home", _("My cluster"), {"cluster_ceo", "board_member"})]
