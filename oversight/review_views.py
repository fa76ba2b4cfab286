"""Pages of the work-plan review, the re-baselined goals queue and the findings exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.memo import Memo, render_each

from . import review_exports, reviews, services
from .export_views import export_views
from .models import AccessLogEntry
from .permissions import (
    can_review,
    clusters_overseen_by,
    findings_visible_to,
    is_referent,
    work_plan_reviews_visible_to,
)
from .review_forms import (
    FindingFilterForm,
    PlanQueueFilterForm,
    RebaselineFilterForm,
    RebaselineQueryForm,
    WorkPlanDecisionForm,
)
from .selectors import dashboard_rows

# Queues are shown a page at a time; their exports keep every row.
QUEUE_PAGE_SIZE = 50


def _require_referent(request):
    if not is_referent(request.user):
        raise PermissionDenied


# Work plans ------------------------------------------------------------------------------------------------------


def _plan_keys(request):
    form = PlanQueueFilterForm(request.GET or None)
    state = form.cleaned_data.get("state") if form.is_valid() else ""
    keys = reviews.plan_queue_keys(clusters=clusters_overseen_by(request.user))
    if state:
        keys = [key for key in keys if key.state == state]
    return form, keys


def queue_page(request, rows):
    """One page of a queue's rows (the queue's exports keep every row)."""
    return Paginator(rows, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))


# The work-plan queue's rows as rendered, by what each shows (oversight/reviews/plan_queue_row.html): a page of 50 is
# rendered again only where a row changed.
_PLAN_QUEUE_ROWS = Memo(2048)


def _plan_queue_row(row) -> dict:
    """What the queue's row shows of a plan, as plain values (the key its HTML is kept under)."""
    plan, review = row.plan, row.review
    return {
        "plan_id": row.plan_id,
        "state": row.state,
        "cluster": str(row.cluster.name),
        "year": row.year,
        "has_plan": plan is not None,
        "approved_at": plan.approved_at if plan is not None else None,
        "item_count": row.item_count,
        "budget": row.budget,
        "state_label": str(row.state_label),
        "review": review.pk if review is not None else None,
        "decision": str(review.get_decision_display()) if review is not None else "",
        "decided_by": str(review.decided_by) if review is not None else "",
        "decided_at": review.decided_at if review is not None else None,
    }


def plan_queue(request):
    """Work plans the boards approved, awaiting the referent's review, with those returned and approved.

    Every row is sorted and counted from plain values; only the page's plans and reviews are read whole."""
    _require_referent(request)
    form, keys = _plan_keys(request)
    services.record_access(user=request.user, page=AccessLogEntry.Page.WORK_PLAN_QUEUE)
    page = queue_page(request, keys)
    rows = reviews.read_plan_rows(page.object_list, with_items=False, summarised=True)
    return render(
        request,
        "oversight/reviews/plan_queue.html",
        {
            "form": form,
            "rows": rows,
            "row_html": render_each(
                _PLAN_QUEUE_ROWS, "oversight/reviews/plan_queue_row.html", map(_plan_queue_row, rows)
            ),
            "total": len(keys),
            "page": page,
            "query": request.GET.urlencode(),
        },
    )


def decision_page(
    request,
    *,
    row,
    form_class,
    decide,
    refused_message,
    refused_url,
    decided_url,
    access_page,
    template,
    context,
):
    """The page of one board-approved plan awaiting the referent's decision, shared by the work-plan and the
    strategic-plan reviews: 404 outside the referent's clusters, 403 for a decision the referent may not take (a
    Treasury referent, or a plan already decided), and on a valid POST `decide(...)` with the form's decision, note
    and findings. `decide` returns None when the plan was decided meanwhile (`refused_message`, back to
    `refused_url`), otherwise the review (`decided_url(review)`). `context()` gives the page's own rows."""
    if row is None:
        raise Http404
    may_decide = row.is_awaiting and can_review(request.user, row.cluster)
    if request.method == "POST" and not may_decide:
        raise PermissionDenied
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        review = decide(
            plan=row.plan,
            decision=form.cleaned_data["decision"],
            decided_by=request.user,
            note=form.cleaned_data["note"],
            findings=form.findings(),
            request=request,
        )
        if review is None:
            messages.error(request, refused_message)
            return redirect(refused_url)
        messages.success(request, _("The decision was recorded and the cluster can see it."))
        return redirect(decided_url(review))
    services.record_access(user=request.user, cluster=row.cluster, page=access_page)
    return render(
        request,
        template,
        {**context(), "row": row, "form": form if may_decide else None},
        status=400 if form.errors else 200,
    )


def plan_review(request, pk):
    """One board-approved (or returned) plan: its items, earlier decisions, and the decision form."""
    _require_referent(request)
    row = reviews.plan_for_review(clusters=clusters_overseen_by(request.user), plan_id=pk)
    return decision_page(
        request,
        row=row,
        form_class=WorkPlanDecisionForm,
        decide=reviews.decide_work_plan,
        refused_message=_("This board approval was already decided, or the plan was reopened."),
        refused_url=reverse("oversight:plan_review", kwargs={"pk": pk}),
        decided_url=lambda review: reverse("oversight:review_outcome", kwargs={"pk": review.pk}),
        access_page=AccessLogEntry.Page.WORK_PLAN_REVIEW,
        template="oversight/reviews/plan_review.html",
        context=lambda: {
            "items": list(row.plan.items.all()) if row.plan else [],
            "earlier": work_plan_reviews_visible_to(request.user).filter(plan_id=pk),
        },
    )


def review_outcome(request, pk):
    """A work-plan review's decision and the follow-up list: what the cluster must do next, with due dates.

    Read by the referents overseeing the cluster and by the cluster's CEO and board."""
    review = get_object_or_404(work_plan_reviews_visible_to(request.user), pk=pk)
    if is_referent(request.user):
        services.record_access(user=request.user, cluster=review.cluster, page=AccessLogEntry.Page.REVIEW_OUTCOME)
    return render(
        request,
        "oversight/reviews/outcome.html",
        {
            "review": review,
            "follow_up": reviews.follow_up(review=review),
            "is_referent": is_referent(request.user),
        },
    )


# Re-baselined goals ----------------------------------------------------------------------------------------------


def _rebaseline_rows(request):
    form = RebaselineFilterForm(request.GET or None)
    state = form.cleaned_data.get("state") if form.is_valid() else ""
    rows = reviews.rebaseline_rows(clusters=clusters_overseen_by(request.user))
    if state:
        rows = [row for row in rows if row.state == state]
    return form, rows


def rebaseline_queue(request):
    """Re-baselined goals of the overseen clusters, to acknowledge or query."""
    _require_referent(request)
    form, rows = _rebaseline_rows(request)
    services.record_access(user=request.user, page=AccessLogEntry.Page.REBASELINE_QUEUE)
    page = queue_page(request, rows)
    return render(
        request,
        "oversight/reviews/rebaseline_queue.html",
        {
            "form": form,
            "rows": [(row, row.can_be_decided and can_review(request.user, row.cluster)) for row in page.object_list],
            "total": len(rows),
            "page": page,
            "query": request.GET.urlencode(),
        },
    )


def _rebaseline_row(request, pk):
    _require_referent(request)
    row = next(
        iter(reviews.rebaseline_rows(clusters=clusters_overseen_by(request.user), rebaseline_id=pk)),
        None,
    )
    if row is None:
        raise Http404
    if not can_review(request.user, row.cluster):
        raise PermissionDenied
    return row


@require_POST
def rebaseline_acknowledge(request, pk):
    row = _rebaseline_row(request, pk)
    if reviews.acknowledge_rebaseline(rebaseline=row.rebaseline, acknowledged_by=request.user, request=request):
        messages.success(request, _("The re-baselining was acknowledged."))
    else:
        messages.error(request, _("This re-baselining was already acknowledged."))
    return redirect("oversight:rebaseline_queue")


def rebaseline_query(request, pk):
    """Query a re-baselining: a question the cluster's CEO answers, as a finding tied to it."""
    row = _rebaseline_row(request, pk)
    if not row.can_be_decided:
        raise PermissionDenied
    form = RebaselineQueryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if reviews.query_rebaseline(
            rebaseline=row.rebaseline, queried_by=request.user, finding=form.finding(), request=request
        ):
            messages.success(request, _("The question was sent to the cluster."))
        else:
            messages.error(request, _("This re-baselining was already acknowledged."))
        return redirect("oversight:rebaseline_queue")
    services.record_access(user=request.user, cluster=row.cluster, page=AccessLogEntry.Page.REBASELINE_QUERY)
    return render(
        request,
        "oversight/reviews/rebaseline_query.html",
        {"row": row, "form": form},
        status=400 if form.errors else 200,
    )


# Findings --------------------------------------------------------------------------------------------------------


def filtered_findings(request):
    """The findings the person may see, filtered as on the findings page."""
    form = FindingFilterForm(request.GET or None)
    findings = findings_visible_to(request.user).select_related("work_plan_review")
    if form.is_valid() and form.cleaned_data.get("state"):
        findings = findings.filter(state=form.cleaned_data["state"])
    return form, findings


def _cluster_engagements(request, pk):
    """The drill-down's engagements of the year (what clusters report, never the advice), for one overseen cluster."""
    cluster = get_object_or_404(clusters_overseen_by(request.user), pk=pk)
    return dashboard_rows(clusters=[cluster])[0].effort.summaries, cluster


plan_queue_csv, plan_queue_xlsx = export_views(
    rows=lambda request: (reviews.read_plan_rows(_plan_keys(request)[1], with_items=False, summarised=True), None),
    table=review_exports.plan_queue_table,
    title=gettext_lazy("Work plans"),
    name="work-plans",
    csv_page=AccessLogEntry.Page.PLAN_QUEUE_CSV,
    xlsx_page=AccessLogEntry.Page.PLAN_QUEUE_XLSX,
)
rebaseline_queue_csv, rebaseline_queue_xlsx = export_views(
    rows=lambda request: (_rebaseline_rows(request)[1], None),
    table=review_exports.rebaseline_table,
    title=gettext_lazy("Re-baselined goals"),
    name="rebaselines",
    csv_page=AccessLogEntry.Page.REBASE_QUEUE_CSV,
    xlsx_page=AccessLogEntry.Page.REBASE_QUEUE_XLSX,
)
findings_csv, findings_xlsx = export_views(
    rows=lambda request: (filtered_findings(request)[1], None),
    table=review_exports.findings_table,
    title=gettext_lazy("Findings"),
    name="findings",
    csv_page=AccessLogEntry.Page.FINDINGS_CSV,
    xlsx_page=AccessLogEntry.Page.FINDINGS_XLSX,
)
cluster_engagements_csv, cluster_engagements_xlsx = export_views(
    rows=_cluster_engagements,
    table=review_exports.engagement_summaries_table,
    title=gettext_lazy("Engagements"),
    name="cluster-engagements",
    csv_page=AccessLogEntry.Page.ENGAGEMENTS_CSV,
    xlsx_page=AccessLogEntry.Page.ENGAGEMENTS_XLSX,
)
