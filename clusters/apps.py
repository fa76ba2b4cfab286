from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "clusters"
    verbose_name = _("Clusters")
    role_homes = {"cluster_ceo": "clusters:home", "board_member": "clusters:home"}
    # What needs doing now on the home pages (accounts.todo): the function listing it for a person.
    needs_doing = "clusters.todo.needs_doing"
    nav_items = [("clusters:home", _("My cluster"), {"cluster_ceo", "board_member"})]
    # Labels of the audit events this app records (see accounts.models.audit_action_labels).
    audit_actions = {
        "service_created": _("service created"),
        "cluster_parts_published": _("public parts of the cluster chosen"),
        "service_changed": _("service changed"),
        "membership_ended": _("membership ended"),
        "goal_created": _("goal created"),
        "goal_activated": _("goal activated"),
        "goal_rebaselined": _("goal re-baselined"),
        "measurement_recorded": _("measurement recorded"),
        "measurement_corrected": _("measurement corrected"),
        "work_plan_started": _("work plan started"),
        "work_plan_item_removed": _("work plan item removed"),
        "work_plan_submitted": _("work plan sent to the board"),
        "work_plan_approved_by_board_member": _("work plan approved by a board member"),
        "work_plan_reopened": _("work plan reopened for revision"),
        "goals_published": _("public goals chosen"),
        "cluster_incorporation_set": _("incorporation date entered"),
        "strategic_plan_started": _("strategic plan version started"),
        "strategic_plan_changed": _("strategic plan changed"),
        "strategic_plan_outcome_added": _("strategic plan outcome added"),
        "strategic_plan_outcome_removed": _("strategic plan outcome removed"),
        "strategic_plan_milestone_added": _("strategic plan milestone added"),
        "strategic_plan_submitted": _("strategic plan sent to the board"),
        "strategic_plan_approved_by_board_member": _("strategic plan approved by a board member"),
        "strategic_plan_approved": _("strategic plan approved by the board"),
        "pilot_decided": _("pilot decided"),
        "spending_recorded": _("spending recorded on a work-plan line"),
    }
