from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementsConfig(AppConfig):
    name = "engagements"
    verbose_name = _("Engagements")
    # What needs doing now on the home pages (accounts.todo): the function listing it for a person.
    needs_doing = "engagements.todo.needs_doing"
    nav_items = [
        ("engagements:list", _("Engagements"), {"cluster_ceo", "advisor", "board_member"}),
        ("engagements:approvals", _("Work logs to approve"), {"cluster_ceo"}),
        ("engagements:requests", _("Requests"), {"cluster_ceo"}),
        ("engagements:open_requests", _("Open requests"), {"advisor"}),
        ("engagements:my_proposals", _("My proposals"), {"advisor"}),
    ]
    # Labels of the audit events this app records (see accounts.models.audit_action_labels).
    audit_actions = {
        "engagement_created": _("engagement drafted"),
        "engagement_propose": _("engagement proposed"),
        "engagement_accept": _("engagement accepted"),
        "engagement_decline": _("engagement declined"),
        "engagement_withdraw": _("engagement withdrawn"),
        "engagement_complete": _("engagement completed"),
        "engagement_terminate": _("engagement terminated"),
        "engagement_budget_extended": _("engagement budget extended"),
        "work_logged": _("work logged"),
        "work_log_resubmitted": _("work log resubmitted"),
        "work_log_approved": _("work log approved"),
        "work_log_returned": _("work log returned"),
        "work_logs_approved_in_bulk": _("work logs approved in bulk"),
        "review_submitted": _("review submitted"),
        "review_replied": _("reply to a review"),
        "deliverable_added": _("deliverable added"),
        "request_posted": _("request posted"),
        "request_closed": _("request closed"),
        "request_withdrawn": _("request withdrawn"),
        "proposal_submitted": _("proposal submitted"),
        "proposal_updated": _("proposal updated"),
        "proposal_withdrawn": _("proposal withdrawn"),
        "proposal_shortlisted": _("proposal shortlisted"),
        "proposal_chosen": _("proposal chosen"),
    }
