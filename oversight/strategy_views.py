"""The referent's pages for strategic plans: the queue of board-approved versions and one version's review."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusters import selectors as cluster_selectors
from clusters.models import Horizon

from . import review_exports, services, strategy_reviews
from .export_views import export_views
from .models import AccessLogEntry
from .permissions import clusters_overseen_by, is_referent
from .review_forms import StrategicPlanDecisionForm
from .review_views import decision_page, queue_page


def _queue_rows(request):
    return strategy_reviews.strategy_queue(clusters=clusters_overseen_by(request.user))


def strategy_queue(request):
    """Board-approved strategic plan versions of the clusters the referent oversees, awaiting ones first."""
    if not is_referent(request.user):
        raise PermissionDenied
    rows = _queue_rows(request)
    services.record_access(user=request.user, page=AccessLogEntry.Page.STRATEGY_QUEUE)
    page = queue_page(request, rows)
    return render(
        request, "oversight/reviews/strategy_queue.html", {"rows": page.object_list, "total": len(rows), "page": page}
    )


def strategy_review(request, pk):
    """One board-approved version: the logic model and timeline, and the decision form (approve / return)."""
    if not is_referent(request.user):
        raise PermissionDenied
    row = next(iter(strategy_reviews.strategy_queue(clusters=clusters_overseen_by(request.user), plan_id=pk)), None)
    back = reverse("oversight:strategy_review", kwargs={"pk": pk})

    def context():
        plan = cluster_selectors.strategic_plan(plan_id=pk)
        outcomes = list(plan.outcomes.all())
        return {
            "plan": plan,
            "cluster": row.cluster,
            "horizons": [(v, label, [o for o in outcomes if o.horizon == v]) for v, label in Horizon.choices],
            "milestones": list(plan.milestones.all()),
            "approvals": list(plan.approvals.all()),
            "findings": list(row.review.findings.all()) if row.review else [],
        }

    return decision_page(
        request,
        row=row,
        form_class=StrategicPlanDecisionForm,
        decide=strategy_reviews.decide_strategic_plan,
        refused_message=_("This version was already decided."),
        refused_url=back,
        decided_url=lambda review: back,
        access_page=AccessLogEntry.Page.STRATEGY_REVIEW,
        template="oversight/reviews/strategy_review.html",
        context=context,
    )


strategy_queue_csv, strategy_queue_xlsx = export_views(
    rows=lambda request: (_queue_rows(request), None),
    table=review_exports.strategy_queue_table,
    title=gettext_lazy("Strategic plans to review"),
    name="strategic-plans",
    csv_page=AccessLogEntry.Page.STRATEGY_QUEUE_CSV,
    xlsx_page=AccessLogEntry.Page.STRATEGY_QUEUE_XLSX,
)
