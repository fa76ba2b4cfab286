"""What every form URL and every view reading query parameters takes, declared once from the form classes.

tests/test_bad_input.py drives them with hostile values; tests/test_access_matrix.py POSTs every form URL as every
actor. A view that reads request input and is missing here fails `test_every_view_reading_input_is_declared`.
"""

from dataclasses import dataclass

from django import forms

from accounts import forms as account_forms
from advisors import forms as advisor_forms
from advisors.filters import CatalogueFilter
from api.account import forms as token_forms
from clusters import forms as cluster_forms
from clusters import strategy_forms
from engagements import forms as engagement_forms
from engagements import request_forms
from forums import forms as forum_forms
from network.forms import calls as call_forms
from network.forms import digests as digest_forms
from network.forms import knowledge as knowledge_forms
from network.forms import playbook as playbook_forms
from oversight import forms as oversight_forms
from oversight import report_forms, review_forms
from quality import forms as quality_forms


@dataclass
class Form:
    """The fields a form URL takes; `actor` overrides the first allowed person of the matrix."""

    fields: dict
    actor: str | None = None
    prefix: str = ""


def fields_of(*form_classes, prefix="") -> dict:
    named = {}
    for form_class in form_classes:
        fields = form_class.base_fields if hasattr(form_class, "base_fields") else form_class.base_filters
        for name, field in fields.items():
            field = getattr(field, "field", field)  # a django-filter Filter holds its form field
            named[f"{prefix}{name}"] = field
    return named


def formset_fields(form_class, prefix) -> dict:
    fields = {f"{prefix}-TOTAL_FORMS": forms.IntegerField(), f"{prefix}-INITIAL_FORMS": forms.IntegerField()}
    for index in range(2):
        fields |= fields_of(form_class, prefix=f"{prefix}-{index}-")
    return fields


ID = forms.IntegerField()
DATE = forms.DateField()
TEXT = forms.CharField()

# Form URLs: what each POST takes, from the form classes.
FORMS = {
    "set_language": Form({"language": TEXT}),
    "accounts:invitation_create": Form(fields_of(account_forms.InvitationForm), actor="admin"),
    "accounts:invitation_accept": Form(fields_of(account_forms.AcceptInvitationForm), actor="anonymous"),
    "advisors:apply": Form(
        fields_of(advisor_forms.ApplicationOrganisationForm, prefix="organisation-")
        | fields_of(advisor_forms.ProfileForm, prefix="profile-")
    ),
    "advisors:my_profile": Form(fields_of(advisor_forms.ProfileForm)),
    "advisors:profile_edit": Form(fields_of(advisor_forms.ProfileForm)),
    "advisors:profile_suspend": Form(fields_of(advisor_forms.DecisionForm)),
    "advisors:organisation_edit": Form(fields_of(advisor_forms.OrganisationForm)),
    "advisors:organisation_decide": Form(fields_of(advisor_forms.DecisionForm)),
    "advisors:shortlist_list": Form(fields_of(advisor_forms.ShortlistForm)),
    "advisors:shortlist_add": Form(fields_of(advisor_forms.ShortlistEntryForm) | {"profile": ID}),
    "advisors:shortlist_outcome": Form(fields_of(advisor_forms.OutcomeForm)),
    "clusters:measurement_create": Form(fields_of(cluster_forms.MeasurementForm) | {"authority_1": TEXT}),
    "clusters:measurement_correct": Form(fields_of(cluster_forms.MeasurementCorrectionForm)),
    "clusters:work_plan": Form(fields_of(cluster_forms.WorkPlanItemForm), actor="ceo"),
    "clusters:goal_create": Form(fields_of(cluster_forms.GoalForm)),
    "clusters:goal_rebaseline": Form(fields_of(cluster_forms.RebaselineForm)),
    "clusters:service_create": Form(fields_of(cluster_forms.ServiceForm)),
    "clusters:service_edit": Form(fields_of(cluster_forms.ServiceForm)),
    "clusters:service_status": Form(fields_of(cluster_forms.ServiceStatusForm)),
    "engagements:new": Form(fields_of(engagement_forms.EngagementForm)),
    "engagements:transition": Form(
        fields_of(engagement_forms.ReasonForm, engagement_forms.DeclarationForm), actor="ceo"
    ),
    "engagements:log_work": Form(fields_of(engagement_forms.WorkLogForm)),
    "engagements:approve_period": Form(fields_of(engagement_forms.PeriodForm)),
    "engagements:extend_budget": Form(fields_of(engagement_forms.BudgetExtensionForm)),
    "engagements:add_deliverable": Form(fields_of(engagement_forms.DeliverableForm)),
    "engagements:work_log_decide": Form(fields_of(engagement_forms.WorkLogDecisionForm)),
    "engagements:work_log_fix": Form(fields_of(engagement_forms.WorkLogForm)),
    "engagements:review": Form(fields_of(engagement_forms.ReviewForm), actor="ceo"),
    "engagements:review_reply": Form(fields_of(engagement_forms.ReplyForm)),
    "engagements:request_new": Form(fields_of(request_forms.RequestForm)),
    "engagements:request_detail": Form(fields_of(request_forms.ProposalForm), actor="advisor"),
    "engagements:proposal_edit": Form(fields_of(request_forms.ProposalForm)),
    "oversight:finding_create": Form(fields_of(oversight_forms.FindingForm)),
    "oversight:finding_answer": Form(fields_of(oversight_forms.AnswerForm)),
    "oversight:report_edit": Form(fields_of(report_forms.ReportTextsForm) | {"submit": forms.BooleanField()}),
    "oversight:report_return": Form(formset_fields(report_forms.ReturnFindingForm, "findings")),
    "oversight:plan_review": Form(fields_of(review_forms.WorkPlanDecisionForm)),
    "oversight:strategy_review": Form(fields_of(review_forms.StrategicPlanDecisionForm)),
    "oversight:rebaseline_query": Form(fields_of(review_forms.RebaselineQueryForm)),
    # the strategic plan, its logic model, timeline, pilots and spending
    "clusters:incorporation": Form(fields_of(cluster_forms.IncorporationForm)),
    "clusters:spending_create": Form(fields_of(cluster_forms.SpendingForm)),
    "clusters:strategic_plan": Form(fields_of(strategy_forms.StrategicPlanForm)),
    "clusters:strategic_plan_edit": Form(fields_of(strategy_forms.StrategicPlanForm, prefix="plan-")),
    "clusters:strategic_plan_outcome_add": Form(fields_of(strategy_forms.OutcomeForm, prefix="outcome-")),
    "clusters:strategic_plan_milestone_add": Form(fields_of(strategy_forms.MilestoneForm, prefix="milestone-")),
    "clusters:pilot_decide": Form(fields_of(strategy_forms.PilotDecisionForm)),
    # service quality
    "quality:upload": Form(fields_of(quality_forms.UploadForm)),
    "quality:codes": Form(fields_of(quality_forms.ServiceCodeForm)),
    "quality:goal_link": Form(fields_of(quality_forms.GoalSourceForm)),
    # the national cluster
    "network:knowledge_new": Form(fields_of(knowledge_forms.KnowledgeForm)),
    "network:propose_case": Form(fields_of(knowledge_forms.KnowledgeForm)),
    "network:knowledge_edit": Form(fields_of(knowledge_forms.KnowledgeForm)),
    "network:attachment_add": Form(fields_of(knowledge_forms.AttachmentForm)),
    "network:ministry_edit": Form(fields_of(playbook_forms.PlaybookForm)),
    "network:suggest_change": Form(fields_of(playbook_forms.SuggestionForm)),
    # the matrix's rule declines (accepting takes AcceptSuggestionForm's text instead)
    "network:decide_suggestion": Form(fields_of(playbook_forms.DeclineSuggestionForm)),
    "network:call_new": Form(fields_of(call_forms.CallForm)),
    "network:call_edit": Form(fields_of(call_forms.CallForm)),
    "network:application_new": Form(fields_of(call_forms.ApplicationForm)),
    "network:application_update": Form(fields_of(call_forms.ApplicationUpdateForm)),
    "network:digest_preferences": Form(fields_of(digest_forms.DigestPreferenceForm)),
    # forums
    "forums:forum_new": Form(fields_of(forum_forms.ForumForm)),
    "forums:members": Form(fields_of(forum_forms.MemberForm)),
    "forums:engagement": Form(fields_of(forum_forms.EngagementForm)),
    "forums:hosts": Form(fields_of(forum_forms.HostForm)),
    "forums:meeting_new": Form(fields_of(forum_forms.MeetingForm)),
    "forums:agenda_add": Form(fields_of(forum_forms.AgendaItemForm)),
    "forums:reply": Form(fields_of(forum_forms.ReplyForm)),
    "forums:attendance": Form(fields_of(forum_forms.AttendanceForm)),
    "forums:close": Form(fields_of(forum_forms.CloseMeetingForm)),
    "forums:attachment_add": Form(fields_of(forum_forms.AttachmentForm)),
    "forums:decision_new": Form(fields_of(forum_forms.DecisionForm)),
    "forums:decision_detail": Form(fields_of(forum_forms.FollowUpForm)),
    # personal access tokens of the API
    "tokens:list": Form(fields_of(token_forms.TokenForm)),
}

# Views that read query parameters: which ones.
PAGE = {"page": ID}
QUERY = {
    "accounts:invitation_list": PAGE,
    "accounts:audit_log": PAGE | {"action": TEXT},
    "notifications:list": PAGE,
    "advisors:catalogue": fields_of(CatalogueFilter) | PAGE,
    "advisors:curator_home": PAGE,
    "advisors:organisations": fields_of(advisor_forms.OrganisationListForm) | PAGE,
    "oversight:strategy_queue": PAGE,
    "engagements:new": {"profile": ID, "entry": ID, "proposal": ID, "cluster": ID, "needs": TEXT},
    "engagements:list": {"cluster": ID},
    "engagements:approvals": {"cluster": ID} | PAGE,
    "engagements:recommendations": fields_of(engagement_forms.OpenNeedsForm) | {"cluster": ID},
    "engagements:requests": {"cluster": ID},
    "engagements:request_new": {"cluster": ID},
    "engagements:log_work": {"week": DATE},
    "engagements:open_requests": fields_of(request_forms.OpenRequestFilterForm) | PAGE,
    "oversight:home": fields_of(oversight_forms.DashboardFilterForm) | PAGE,
    "oversight:export_csv": fields_of(oversight_forms.DashboardFilterForm),
    "oversight:export_xlsx": fields_of(oversight_forms.DashboardFilterForm),
    "oversight:findings": fields_of(review_forms.FindingFilterForm) | PAGE,
    "oversight:findings_csv": fields_of(review_forms.FindingFilterForm),
    "oversight:findings_xlsx": fields_of(review_forms.FindingFilterForm),
    "oversight:report_queue": fields_of(report_forms.QueueFilterForm),
    "oversight:report_queue_csv": fields_of(report_forms.QueueFilterForm),
    "oversight:report_queue_xlsx": fields_of(report_forms.QueueFilterForm),
    "oversight:plan_queue": fields_of(review_forms.PlanQueueFilterForm) | PAGE,
    "oversight:plan_queue_csv": fields_of(review_forms.PlanQueueFilterForm),
    "oversight:plan_queue_xlsx": fields_of(review_forms.PlanQueueFilterForm),
    "oversight:rebaseline_queue": fields_of(review_forms.RebaselineFilterForm) | PAGE,
    "oversight:rebaseline_queue_csv": fields_of(review_forms.RebaselineFilterForm),
    "oversight:rebaseline_queue_xlsx": fields_of(review_forms.RebaselineFilterForm),
    "clusters:strategic_plan": {"new": TEXT},
    "quality:national": fields_of(quality_forms.NationalForm) | PAGE,
    "quality:national_export": fields_of(quality_forms.NationalForm),
    "quality:cluster": fields_of(quality_forms.MetricForm),
    "quality:cluster_export": fields_of(quality_forms.MetricForm),
    "quality:authority": fields_of(quality_forms.MetricForm),
    "quality:authority_export": fields_of(quality_forms.MetricForm),
    "quality:service": fields_of(quality_forms.ChooseForm),
    "quality:service_export": fields_of(quality_forms.ChooseForm),
    "network:knowledge_list": fields_of(knowledge_forms.KnowledgeFilterForm) | PAGE,
    "network:suggest_change": {"section": TEXT},
    "forums:forum_list": PAGE,
    "forums:forum_detail": PAGE | {"decisions": ID},
    "api:schema": {"lang": TEXT, "version": TEXT},
    "api:docs": {"lang": TEXT, "script": TEXT},
    "sitemap": {"p": TEXT},
}

# Views that read request data but take no input of their own beyond what FORMS or QUERY lists elsewhere
# (a POST that only presses a button).
NO_INPUT = {
    "home",
    "notifications:read",
    "notifications:read_all",
    "advisors:profile_detail",
    "advisors:organisation_review",
    "advisors:shortlist_detail",
    "engagements:detail",
    "oversight:report",
    "oversight:report_open",
    "engagements:request_end",
    "oversight:report_submit",
    "oversight:report_accept",
    "oversight:report_confirm",
    "oversight:report_correct",
    "clusters:strategic_plan_version",  # shows the edit forms; they post to their own URLs
    "network:knowledge_detail",  # shows the return and attachment forms; they post to their own URLs
    "forums:meeting_detail",  # shows the reply, agenda, attendance, minutes and attachment forms; each posts to its URL
}
