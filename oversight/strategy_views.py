"""The referent's pages for strategic plans: the queue of board-approved versions and one version's review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clusters import selectors as cluster_selectors
from clusters.models import Horizon

from . import services, strategy_reviews
from .models import AccessLogEntry
from .permissions import can_review, clusters_overseen_by, is_referent
from .review_forms import StrategicPlanDecisionForm


def strategy_queue(request):
    """Board-approved strategic plan versions of the clusters the referent oversees, awaiting ones first."""
    if not is_referent(request.user):
        raise PermissionDenied
    rows = strategy_reviews.strategy_queue(clusters=clusters_overseen_by(request.user))
    services.record_access(user=request.user, page=AccessLogEntry.Page.STRATEGY_QUEUE)
    return render(request, "oversight/reviews/strategy_queue.html", {"rows": rows})


def strategy_review(request, pk):
    """One board-approved version: the logic model and timeline, and the decision form (approve / return)."""
    if not is_referent(request.user):
        raise PermissionDenied
    row = next(
        (r for r in strategy_reviews.strategy_queue(clusters=clusters_overseen_by(request.user)) if r.plan.pk == pk),
        None,
    )
    if row is None:
        raise Http404
    may_decide = row.is_awaiting and can_review(request.user, row.cluster)
    if request.method == "POST" and not may_decide:
        raise PermissionDenied
    form = StrategicPlanDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        review = strategy_reviews.decide_strategic_plan(
            plan=row.plan,
            decision=form.cleaned_data["decision"],
            decided_by=request.user,
            note=form.cleaned_data["note"],
            findings=form.findings(),
            request=request,
        )
        if review is None:
            messages.error(request, _("This version was already decided."))
        else:
            messages.success(request, _("The decision was recorded and the cluster can see it."))
        return redirect("oversight:strategy_review", pk=pk)
    services.record_access(user=request.user, cluster=row.cluster, page=AccessLogEntry.Page.STRATEGY_REVIEW)
    plan = cluster_selectors.strategic_plan(plan_id=pk)
    outcomes = list(plan.outcomes.all())
    return render(
        request,
        "oversight/reviews/strategy_review.html",
        {
            "row": row,
            "plan": plan,
            "cluster": row.cluster,
            "horizons": [(v, label, [o for o in outcomes if o.horizon == v]) for v, label in Horizon.choices],
            "milestones": list(plan.milestones.all()),
            "approvals": list(plan.approvals.all()),
            "findings": list(row.review.findings.all()) if row.review else [],
            "form": form if may_decide else None,
        },
        status=400 if form.errors else 200,
    )
