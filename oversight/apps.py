from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = _("Oversight")
    role_homes = {
        "head_referent": "oversight:home",
        "referent_interior": "oversight:home",
        "referent_treasury": "oversight:home",
    }
    # What needs doing now on the home pages (accounts.todo): the function listing it for a person.
    needs_doing = "oversight.todo.needs_doing"
    nav_items = [
        (
            "oversight:home",
            _("Oversight dashboard"),
            {"head_referent", "referent_interior", "referent_treasury"},
        ),
        ("oversight:plan_queue", _("Work plans"), {"head_referent", "referent_interior", "referent_treasury"}),
        (
            "oversight:strategy_queue",
            _("Strategic plans"),
            {"head_referent", "referent_interior", "referent_treasury"},
        ),
        (
            "oversight:rebaseline_queue",
            _("Re-baselined goals"),
            {"head_referent", "referent_interior", "referent_treasury"},
        ),
        # Referents follow up the findings they raised; the cluster's CEO and board read (and the CEO answers) them.
        (
            "oversight:findings",
            _("Findings"),
            {"cluster_ceo", "board_member", "head_referent", "referent_interior", "referent_treasury"},
        ),
        ("oversight:reports", _("Periodic reports"), {"cluster_ceo", "board_member"}),
        ("oversight:report_queue", _("Reports queue"), {"head_referent", "referent_interior", "referent_treasury"}),
    ]
    # Labels of the audit events this app records (see accounts.models.audit_action_labels).
    audit_actions = {
        "finding_raised": _("finding raised"),
        "finding_answered": _("finding answered"),
        "finding_closed": _("finding closed"),
        "work_plan_review_approved": _("work plan approved by oversight"),
        "work_plan_review_returned": _("work plan returned by oversight"),
        "strategic_plan_review_approved": _("strategic plan approved by oversight"),
        "strategic_plan_review_returned": _("strategic plan returned by oversight"),
        "rebaseline_acknowledged": _("re-baselining acknowledged"),
        "rebaseline_queried": _("re-baselining queried"),
        "report_open": _("periodic report opened"),
        "report_edited": _("periodic report edited"),
        "report_submit": _("periodic report submitted"),
        "report_resubmit": _("periodic report resubmitted"),
        "report_return": _("periodic report returned"),
        "report_accept": _("periodic report accepted"),
        "report_confirm": _("periodic report confirmed"),
        "report_correct": _("periodic report correction started"),
        "report_published": _("periodic report sections published"),
    }
