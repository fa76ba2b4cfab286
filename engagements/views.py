from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from accounts.fields import date_param, id_param
from accounts.forms import add_refusal, form_error_messages
from accounts.memo import Memo, render_each
from accounts.roles import Role
from accounts.templatetags.bidi import name as shown_name
from accounts.weeks import week_days, week_start
from advisors.models import Need
from advisors.permissions import profiles_visible_to, shortlist_entries_visible_to
from clusters.models import Goal

from . import permissions, services
from .cluster_choice import ceo_cluster_choice
from .forms import (
    BudgetExtensionForm,
    DeclarationForm,
    DeliverableForm,
    EngagementForm,
    PeriodForm,
    ReasonForm,
    ReplyForm,
    ReviewForm,
    TransitionForm,
    WorkLogDecisionForm,
    WorkLogForm,
)
from .models import ActivityKind, Engagement, Review, ReviewSide, State
from .permissions import deliverables_visible_to, engagements_visible_to, work_logs_visible_to
from .request_views import proposal_to_engage
from .requests import engage_from_proposal, proposal_engagement_terms
from .selection import create_engagement_from_shortlist

WORK_LOG_PAGE_SIZE = 50
APPROVALS_PAGE_SIZE = 50  # entries awaiting approval, a page at a time (grouped by engagement on the page)


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _require_party(user) -> None:
    if not user.has_role(Role.CLUSTER_CEO, Role.ADVISOR, Role.BOARD_MEMBER):
        raise PermissionDenied


def engagement_list(request):
    """The CEO's cluster engagements (a CEO of several clusters chooses one), the board's, or the advisor's own."""
    _require_party(request.user)
    choice = ceo_cluster_choice(request)
    engagements = engagements_visible_to(request.user)
    if choice is not None and choice.has_several:
        engagements = engagements.filter(cluster=choice.cluster)
    engagements = engagements.with_entry_counts()
    rows = [(engagement, next_step(request.user, engagement)) for engagement in engagements]
    return render(request, "engagements/list.html", {"rows": rows, "choice": choice})


def next_step(user, engagement) -> str:
    """What this person has to do next on an engagement of the list, in a few words ("" when nothing)."""
    state = engagement.state
    if permissions.is_advisor_on(user, engagement):
        if state == State.PROPOSED:
            return gettext("Waiting for your acceptance")
        if engagement.returned:
            return ngettext(
                "%(count)d entry returned: fix it", "%(count)d entries returned: fix them", engagement.returned
            ) % {"count": engagement.returned}
        if state == State.ACTIVE:
            return gettext("Log your work")
        return ""
    if permissions.is_ceo_of(user, engagement):
        if state == State.DRAFT:
            return gettext("Draft: propose it to the advisor")
        if state == State.PROPOSED:
            return gettext("Waiting for the advisor's acceptance")
        if engagement.waiting:
            return ngettext("%(count)d entry to approve", "%(count)d entries to approve", engagement.waiting) % {
                "count": engagement.waiting
            }
    return ""


def engagement_new(request):
    """The CEO drafts an engagement with an advisor from the catalogue (?profile=<pk>) or a shortlist (?entry=<pk>).

    `?cluster=<pk>` chooses among the CEO's clusters and `?needs=<code>` prefills the needs (from a recommendation).
    Opened from a shortlist entry, the cluster and need are the shortlist's, and saving records the advisor as
    chosen on it; an entry of another cluster's shortlist is a 404.
    """
    choice = ceo_cluster_choice(request)
    if choice is None:
        raise PermissionDenied
    entry = None
    # From a request's proposal (?proposal=<id>): prefilled from the brief and the proposal, and it chooses it.
    proposal = proposal_to_engage(request)
    if proposal is not None:
        cluster, profile_id, need_ids = proposal.request.cluster, proposal.advisor_id, []
    elif "entry" in request.GET:
        entry = get_object_or_404(
            shortlist_entries_visible_to(request.user).select_related("shortlist__cluster", "shortlist__need"),
            pk=id_param(request.GET["entry"]),
        )
        cluster, profile_id = entry.shortlist.cluster, entry.profile_id
        need_ids = [entry.shortlist.need_id]
    else:
        cluster, profile_id = choice.cluster, id_param(request.GET.get("profile"))
        need_ids = list(Need.objects.filter(code__in=request.GET.getlist("needs")).values_list("pk", flat=True))
    profile = get_object_or_404(profiles_visible_to(request.user).listed(), pk=profile_id)
    goals = Goal.objects.filter(service__cluster=cluster, is_active=True)
    initial = {"hourly_rate": round(profile.day_rate / 8, 2), "needs": need_ids}
    initial.update(proposal_engagement_terms(proposal) if proposal else {})
    form = EngagementForm(request.POST or None, goals=goals, initial=initial)
    if request.method == "POST" and form.is_valid():
        terms = {
            **form.cleaned_data,
            "needs": list(form.cleaned_data["needs"]),
            "goals": list(form.cleaned_data["goals"]),
            "cluster": cluster,
            "profile": profile,
            "model": profile.organisation.relationship_model,
            "request": request,
        }
        try:
            if proposal is not None:
                engagement = engage_from_proposal(proposal=proposal, created_by=request.user, **terms)
            elif entry is not None:
                engagement = create_engagement_from_shortlist(entry=entry, created_by=request.user, **terms)
            else:
                engagement = services.create_engagement(created_by=request.user, **terms)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, gettext("The engagement was saved as a draft."))
            if entry is not None:
                messages.info(
                    request,
                    gettext(
                        "The advisor is recorded as chosen on the shortlist. Mark the other advisors on it as not "
                        "suitable, with a reason, to complete the selection record."
                    ),
                )
            return redirect("engagements:detail", pk=engagement.pk)
    return render(
        request,
        "engagements/form.html",
        {
            "form": form,
            "profile": profile,
            "cluster": cluster,
            "entry": entry,
            "proposal": proposal,
            "choice": choice if entry is None and proposal is None else None,
            # Said before the CEO fills in the form; saving is refused by the service for the same reason.
            "conflict": services.conflict_of_interest(profile=profile, cluster=cluster),
            "keep": [("profile", profile.pk), *(("needs", code) for code in request.GET.getlist("needs"))],
        },
    )


def engagement_detail(request, pk):
    return _detail_page(request, get_object_or_404(engagements_visible_to(request.user), pk=pk))


def _detail_page(request, engagement, *, status=200, **forms):
    """The engagement's page; `forms` replaces its empty forms with a refused one (shown with its errors, 400)."""
    user = request.user
    is_ceo = permissions.is_ceo_of(user, engagement)
    # Long engagements have thousands of entries: the newest come first, a page at a time.
    entries_page = Paginator(engagement.work_logs.order_by("-worked_on", "-pk"), WORK_LOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    reviews = list(engagement.reviews.all())
    # A review is shown to the other side only once revealed.
    visible_reviews = [review for review in reviews if review.revealed_at or review.author_id == user.pk]
    written_sides = {review.side for review in reviews}
    my_side = ReviewSide.CLIENT if is_ceo else ReviewSide.ADVISOR
    reviews_closed = permissions.reviews_are_closed(engagement, reviews)
    context = {
        "engagement": engagement,
        "transitions": engagement.transitions.select_related("by"),
        "entries": entries_page.object_list,
        "entries_page": entries_page,
        "deliverables": list(engagement.deliverables.all()),
        "budget": services.budget_of(engagement),
        "mandate_conflict": services.mandate_conflict(engagement),
        "reviews": visible_reviews,
        "is_ceo": is_ceo,
        "can_propose": permissions.can_propose(user, engagement),
        "can_withdraw": permissions.can_withdraw(user, engagement),
        "can_respond": permissions.can_respond(user, engagement),
        "can_close": permissions.can_close(user, engagement),
        "can_log": permissions.can_log_work(user, engagement),
        "can_extend": permissions.can_extend_budget(user, engagement),
        "can_add_deliverable": permissions.can_add_deliverable(user, engagement),
        "can_review": permissions.can_review(user, engagement) and my_side not in written_sides and not reviews_closed,
        "reviews_closed": reviews_closed and my_side not in written_sides and permissions.can_review(user, engagement),
        "can_reply": [review.pk for review in reviews if permissions.can_reply(user, review)],
        "declaration_form": DeclarationForm(initial={"declaration": services.DECLARATION_TEXT_DEFAULT}),
        "reason_form": ReasonForm(),
        "extension_form": BudgetExtensionForm(),
        "deliverable_form": DeliverableForm(),
        "review_form": ReviewForm(),
        "is_client_review": is_ceo,
        "reply_form": ReplyForm(),
        **forms,
    }
    return render(request, "engagements/detail.html", context, status=status)


def _refused(request, engagement, name, form, error=None):
    """The engagement's page again with the refused form `name`: its own errors, and the service's refusal."""
    if error is not None:
        add_refusal(form, error)
        engagement.refresh_from_db()  # as the refused step left it in the database
    return _detail_page(request, engagement, status=400, **{name: form})


ACTIONS = {
    "propose": (
        permissions.can_propose,
        lambda e, u, r, d: services.propose_engagement(engagement=e, proposed_by=u, request=r),
    ),
    "withdraw": (
        permissions.can_withdraw,
        lambda e, u, r, d: services.withdraw_engagement(
            engagement=e, withdrawn_by=u, reason=d.get("reason", ""), request=r
        ),
    ),
    "accept": (
        permissions.can_respond,
        lambda e, u, r, d: services.accept_engagement(
            engagement=e, accepted_by=u, declaration=d.get("declaration", "") if d.get("confirm") else "", request=r
        ),
    ),
    "decline": (
        permissions.can_respond,
        lambda e, u, r, d: services.decline_engagement(
            engagement=e, declined_by=u, reason=d.get("reason", ""), request=r
        ),
    ),
    "complete": (
        permissions.can_close,
        lambda e, u, r, d: services.complete_engagement(engagement=e, completed_by=u, request=r),
    ),
    "terminate": (
        permissions.can_close,
        lambda e, u, r, d: services.terminate_engagement(
            engagement=e, terminated_by=u, reason=d.get("reason", ""), request=r
        ),
    ),
}


@require_POST
def engagement_transition(request, pk, action):
    engagement = get_object_or_404(engagements_visible_to(request.user), pk=pk)
    if action not in ACTIONS:
        raise Http404
    allowed, run = ACTIONS[action]
    if not allowed(request.user, engagement):
        raise PermissionDenied
    form = TransitionForm(request.POST)
    # A refusal is shown on the form the person filled in: the declaration (accept) or the reason (withdraw, decline,
    # terminate). Propose and complete are buttons without a form: their refusal is a message above the page.
    shown = None
    if action == "accept":
        shown = ("declaration_form", DeclarationForm(request.POST))
    elif action in ("withdraw", "decline", "terminate"):
        shown = ("reason_form", ReasonForm(request.POST))
    if not form.is_valid() or (shown and not shown[1].is_valid()):
        if shown:
            return _refused(request, engagement, *shown)
        for message in form_error_messages(form):
            messages.error(request, message)
        return redirect("engagements:detail", pk=engagement.pk)
    try:
        run(engagement, request.user, request, form.cleaned_data)
    except ValidationError as error:
        if shown:
            return _refused(request, engagement, *shown, error)
        _errors(request, error)
    else:
        messages.success(
            request, gettext("The engagement is now: %(state)s.") % {"state": engagement.get_state_display()}
        )
    return redirect("engagements:detail", pk=engagement.pk)


def log_work(request, pk):
    """The advisor's week view of one engagement: the week's entries and a form to add one."""
    engagement = get_object_or_404(engagements_visible_to(request.user), pk=pk)
    if not permissions.can_log_work(request.user, engagement):
        raise PermissionDenied
    # A week outside the domain's years (?week=9999-12-31) is a 404, not an overflow past the last date.
    today = timezone.localdate()
    days = week_days(date_param(request.GET["week"]) if request.GET.get("week") else today)
    goals = engagement.goals.all()
    form = WorkLogForm(
        request.POST or None, goals=goals, initial={"worked_on": timezone.localdate(), "activity": "advice"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.log_work(
                engagement=engagement,
                advisor=request.user,
                request=request,
                **{**form.cleaned_data, "goals": list(form.cleaned_data["goals"])},
            )
        except ValidationError as error:
            # A refusal about the date or the hours is shown on that field; any other above the form.
            form.add_error(None, error)
        else:
            messages.success(request, gettext("The hours were logged and sent for approval."))
            return redirect(f"{request.path}?week={form.cleaned_data['worked_on'].isoformat()}")
    entries = list(engagement.work_logs.filter(worked_on__range=(days[0], days[-1])).order_by("worked_on", "pk"))
    week = [(day, [entry for entry in entries if entry.worked_on == day]) for day in days]
    return render(
        request,
        "engagements/log_work.html",
        {
            "engagement": engagement,
            "form": form,
            "week": week,
            "previous_week": (days[0] - timedelta(days=7)).isoformat(),
            "next_week": (days[0] + timedelta(days=7)).isoformat(),
            "this_week": week_start(today).isoformat(),
            "is_this_week": today in days,
            "today": today,
            "budget": services.budget_of(engagement),
            "mandate_conflict": services.mandate_conflict(engagement),
        },
        status=400 if form.errors else 200,
    )


def approvals(request):
    """The CEO's queue of entries awaiting approval across the cluster's engagements, a page at a time."""
    choice = ceo_cluster_choice(request)
    if choice is None:
        raise PermissionDenied
    return _approvals_page(request, choice)


@dataclass
class ApprovalGroup:
    """One engagement's entries on a page of the approval queue, with its period form and each entry's form."""

    engagement: Engagement
    period_form: PeriodForm
    rows: list = field(default_factory=list)  # (entry, its decision form)
    row_html: list = field(default_factory=list)  # each row as rendered (engagements/includes/approval_row.html)


# The approval queue's rows as rendered, by what each shows: a page of 50 entries is rendered again only where an
# entry changed (or a refused decision shows its errors).
_APPROVAL_ROWS = Memo(4096)


def _approval_row(entry, decision_form, queue_query: str, goal_names: dict) -> dict:
    """What an entry's row in the approval queue shows, as plain values (the key its HTML is kept under).
    `goal_names`: each goal's name as shown, by goal, filled as the page's rows need them."""
    reason = decision_form["reason"]
    goals = []
    for goal in entry.goals.all():
        if goal.pk not in goal_names:
            goal_names[goal.pk] = shown_name(goal)
        goals.append(goal_names[goal.pk])
    return {
        "pk": entry.pk,
        "worked_on": entry.worked_on,
        "hours": entry.hours,
        "activity": str(ACTIVITY_LABELS.get(entry.activity, entry.activity)),
        "text": entry.text,
        "goals": tuple(goals),
        "queue_query": queue_query,
        "reason_id": reason.auto_id,
        "reason_label": str(reason.label),
        "reason_box": decision_form.reason_box(),
        "errors": tuple(str(error) for error in reason.errors),
    }


def _decision_form(entry_pk: int, data=None) -> WorkLogDecisionForm:
    # Each entry's field has its own id on the page (id_reason_<entry>), so its label and error name it alone.
    return WorkLogDecisionForm(data, auto_id=f"id_%s_{entry_pk}")


def _period_form(engagement_pk: int, data=None) -> PeriodForm:
    return PeriodForm(data, auto_id=f"id_%s_{engagement_pk}")


# The advisor's bios, search text and rating figures and the engagement's long texts: not shown on the queue.
APPROVALS_UNREAD = [
    *(
        f"advisor__{name}"
        for name in ["bio_he", "bio_ar", "bio_en", "search_text", "rating_distributions", "needs_served"]
    ),
    "scope",
    "declaration_text",
]


def _approvals_prefetch() -> list[Prefetch]:
    """A page's entries come from a few engagements: each engagement (with its advisor) is read once for the page,
    not once an entry, and of the goals only their names."""
    return [
        Prefetch("engagement", queryset=Engagement.objects.select_related("advisor__person").defer(*APPROVALS_UNREAD)),
        Prefetch("goals", queryset=Goal.objects.only("name", "name_ar", "name_en")),
    ]


ACTIVITY_LABELS = dict(ActivityKind.choices)


def _approvals_page(request, choice, *, refused_entry=None, refused_engagement=None, form=None):
    """The page of the queue named by ?page=; a refused form (an entry's decision or an engagement's period) is
    shown with its errors in place of that one's empty form (400). None when the refused entry or engagement is not
    on that page (decided or moved since the page was read): the caller says the error above the page instead."""
    entries = (
        work_logs_visible_to(request.user)
        .awaiting_approval()
        .filter(engagement__cluster=choice.cluster)
        .select_related(None)  # the visible work logs' engagement and advisor: read once each, below
        .prefetch_related(*_approvals_prefetch())
        .order_by("engagement_id", "worked_on", "pk")
    )
    page = Paginator(entries, APPROVALS_PAGE_SIZE).get_page(request.GET.get("page"))
    groups: list[ApprovalGroup] = []
    for entry in page.object_list:
        if not groups or groups[-1].engagement.pk != entry.engagement_id:
            engagement = entry.engagement
            period_form = form if engagement.pk == refused_engagement else _period_form(engagement.pk)
            groups.append(ApprovalGroup(engagement=engagement, period_form=period_form))
        groups[-1].rows.append((entry, form if entry.pk == refused_entry else _decision_form(entry.pk)))
    shown = [group.period_form for group in groups] + [row[1] for group in groups for row in group.rows]
    if form is not None and not any(candidate is form for candidate in shown):
        return None
    # The forms post back with the cluster and the page, so a refusal shows this same page again.
    queue_query = urlencode({"cluster": choice.cluster.pk, "page": page.number})
    token = get_token(request)
    goal_names = {}
    for group in groups:
        contexts = (_approval_row(entry, decision_form, queue_query, goal_names) for entry, decision_form in group.rows)
        group.row_html = render_each(
            _APPROVAL_ROWS, "engagements/includes/approval_row.html", contexts, csrf_token=token
        )
    return render(
        request,
        "engagements/approvals.html",
        {
            "entries": [entry for group in groups for entry, _form in group.rows],
            "groups": groups,
            "page": page,
            "choice": choice,
            "refused_form": form,
            "queue_query": queue_query,
        },
        status=200 if form is None else 400,
    )


def _to_approvals(request, cluster_id: int):
    """Back to the approval queue of the cluster the entry belongs to (for a CEO of several clusters), on the page the
    decision was made from."""
    query = {"cluster": cluster_id}
    if request.GET.get("page"):
        query["page"] = request.GET["page"]
    return redirect(f"{reverse('engagements:approvals')}?{urlencode(query)}")


def _approvals_refused(request, cluster_id: int, form, error=None, **refused):
    """The approval queue's page again with the refused form and its errors beside its field (400); when the entry
    or engagement is no longer on the page, the errors as messages above the queue."""
    if error is not None:
        add_refusal(form, error)
    choice = ceo_cluster_choice(request, cluster_id=cluster_id)
    response = _approvals_page(request, choice, form=form, **refused)
    if response is not None:
        return response
    for message in form_error_messages(form):
        messages.error(request, message)
    return _to_approvals(request, cluster_id)


@require_POST
def work_log_decide(request, pk, decision):
    entry = get_object_or_404(work_logs_visible_to(request.user), pk=pk)
    if decision not in ("approve", "return"):
        raise Http404
    if not permissions.can_approve_work_log(request.user, entry):
        raise PermissionDenied
    cluster_id = entry.engagement.cluster_id
    form = _decision_form(entry.pk, request.POST)
    if not form.is_valid():
        return _approvals_refused(request, cluster_id, form, refused_entry=entry.pk)
    try:
        if decision == "approve":
            done = services.approve_work_log(entry=entry, approved_by=request.user, request=request)
        else:
            done = services.return_work_log(
                entry=entry, returned_by=request.user, reason=form.cleaned_data["reason"], request=request
            )
    except ValidationError as error:
        return _approvals_refused(request, cluster_id, form, error, refused_entry=entry.pk)
    if done:
        messages.success(
            request,
            gettext("The entry was approved.") if decision == "approve" else gettext("The entry was returned."),
        )
    else:
        messages.warning(request, gettext("This entry had already been decided."))
    return _to_approvals(request, cluster_id)


@require_POST
def approve_period(request, pk):
    engagement = get_object_or_404(engagements_visible_to(request.user), pk=pk)
    if not permissions.is_ceo_of(request.user, engagement):
        raise PermissionDenied
    form = _period_form(engagement.pk, request.POST)
    if not form.is_valid():
        return _approvals_refused(request, engagement.cluster_id, form, refused_engagement=engagement.pk)
    count = services.approve_period(
        engagement=engagement, approved_by=request.user, request=request, **form.cleaned_data
    )
    messages.success(request, gettext("%(count)d entries were approved.") % {"count": count})
    return _to_approvals(request, engagement.cluster_id)


@require_POST
def extend_budget(request, pk):
    engagement = get_object_or_404(engagements_visible_to(request.user), pk=pk)
    if not permissions.can_extend_budget(request.user, engagement):
        raise PermissionDenied
    form = BudgetExtensionForm(request.POST)
    if not form.is_valid():
        return _refused(request, engagement, "extension_form", form)
    try:
        services.extend_budget(engagement=engagement, extended_by=request.user, request=request, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, engagement, "extension_form", form, error)
    messages.success(request, gettext("The budget was extended."))
    return redirect("engagements:detail", pk=engagement.pk)


@require_POST
def add_deliverable(request, pk):
    engagement = get_object_or_404(engagements_visible_to(request.user), pk=pk)
    if not permissions.can_add_deliverable(request.user, engagement):
        raise PermissionDenied
    form = DeliverableForm(request.POST, request.FILES)
    if not form.is_valid():
        return _refused(request, engagement, "deliverable_form", form)
    try:
        services.add_deliverable(
            engagement=engagement,
            added_by=request.user,
            milestone=form.cleaned_data["milestone"],
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            link=form.cleaned_data["link"],
            request=request,
        )
    except ValidationError as error:
        return _refused(request, engagement, "deliverable_form", form, error)
    messages.success(request, gettext("The deliverable was added."))
    return redirect("engagements:detail", pk=engagement.pk)


def deliverable_download(request, pk):
    """Serve a deliverable's file to the two sides of the engagement only."""
    deliverable = get_object_or_404(deliverables_visible_to(request.user).exclude(file=""), pk=pk)
    return FileResponse(
        deliverable.file.open("rb"),
        as_attachment=True,
        filename=deliverable.file.name.rsplit("/", 1)[-1],
        content_type=deliverable.content_type or "application/octet-stream",
    )


@require_POST
def review(request, pk):
    engagement = get_object_or_404(engagements_visible_to(request.user), pk=pk)
    if not permissions.can_review(request.user, engagement):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return _refused(request, engagement, "review_form", form)
    try:
        services.submit_review(engagement=engagement, author=request.user, request=request, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, engagement, "review_form", form, error)
    messages.success(request, gettext("Thank you. Reviews are shown once both are in, or 14 days after completion."))
    return redirect("engagements:detail", pk=engagement.pk)


@require_POST
def review_reply(request, pk):
    review = get_object_or_404(
        Review.objects.filter(engagement__in=engagements_visible_to(request.user).values("pk")), pk=pk
    )
    if not permissions.can_reply(request.user, review):
        raise PermissionDenied
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _refused(request, review.engagement, "reply_form", form)
    try:
        services.reply_to_review(
            review=review, replied_by=request.user, reply=form.cleaned_data["reply"], request=request
        )
    except ValidationError as error:
        return _refused(request, review.engagement, "reply_form", form, error)
    return redirect("engagements:detail", pk=review.engagement_id)


def work_log_fix(request, pk):
    """The advisor fixes a returned entry and submits it again."""
    entry = get_object_or_404(work_logs_visible_to(request.user), pk=pk)
    if not permissions.can_fix_work_log(request.user, entry):
        raise PermissionDenied
    initial = {
        "worked_on": entry.worked_on,
        "hours": entry.hours,
        "activity": entry.activity,
        "text": entry.text,
        "goals": list(entry.goals.values_list("pk", flat=True)),
    }
    goals = entry.engagement.goals.select_related("service")
    form = WorkLogForm(request.POST or None, goals=goals, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {key: form.cleaned_data[key] for key in ("worked_on", "hours", "activity", "text")}
        data["goals"] = list(form.cleaned_data["goals"])
        try:
            services.resubmit_work_log(entry=entry, advisor=request.user, request=request, **data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, gettext("The entry was resubmitted."))
            return redirect("engagements:detail", pk=entry.engagement_id)
    return render(
        request, "engagements/work_log_fix.html", {"entry": entry, "form": form}, status=400 if form.errors else 200
    )
