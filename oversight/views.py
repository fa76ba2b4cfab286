from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.todo import needs_doing
from clusters import selectors as cluster_selectors
from network import selectors as network_selectors

from . import exports, reviews, services
from .charts import progress_line
from .distribution import national_distribution
from .export_views import export_views
from .forms import AnswerForm, DashboardFilterForm, FindingForm
from .kept import kept_content, kept_dashboard_rows, rendered_rows
from .models import AccessLogEntry
from .permissions import (
    can_answer_finding,
    can_close_finding,
    can_raise_finding,
    can_read_findings,
    clusters_overseen_by,
    findings_visible_to,
    is_referent,
    work_plan_reviews_visible_to,
)
from .reports import national_rates, period_rows
from .review_views import filtered_findings
from .selectors import SORTS, dashboard_rows

FINDINGS_PAGE_SIZE = 50  # the findings page shows a page at a time; its exports keep every row
# The national table shows this many clusters a page; its counts, charts and exports cover every filtered cluster.
DASHBOARD_PAGE_SIZE = 50


def _filtered_rows(request):
    form = DashboardFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    clusters = clusters_overseen_by(request.user)
    if filters.get("region"):
        clusters = clusters.filter(region=filters["region"])
    if filters.get("stage"):
        clusters = clusters.filter(stage=filters["stage"])
    rows = kept_dashboard_rows(clusters=clusters)
    if filters.get("status"):
        rows = [row for row in rows if row.status == filters["status"]]
    if filters.get("domain"):
        rows = [row for row in rows if filters["domain"] in row.domains]
    rows.sort(key=SORTS[filters.get("sort") or "name"])
    return form, rows


def home(request):
    """The national table of the clusters the referent oversees, with their red / amber / green status."""
    if not is_referent(request.user):
        raise PermissionDenied
    form, rows = _filtered_rows(request)
    services.record_access(user=request.user, page=AccessLogEntry.Page.DASHBOARD)
    counts = {status: sum(1 for row in rows if row.status == status) for status in ("red", "amber", "green")}
    distribution = national_distribution(rows)
    charts = [
        (_("Clusters by status"), distribution["clusters"]),
        (_("Core-service goals by progress"), distribution["goals"]),
    ]
    page = Paginator(rows, DASHBOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    year = timezone.localdate().year
    return render(
        request,
        "oversight/home.html",
        {
            "form": form,
            "rows": page.object_list,
            "row_html": rendered_rows(page.object_list, year=year),
            "total": len(rows),
            "page": page,
            "counts": counts,
            "query": request.GET.urlencode(),
            "report_rates": national_rates([row.reports for row in rows]),
            "distribution": distribution,
            "charts": charts,
            "year": year,
            "needs_doing": needs_doing(request.user),
        },
    )


export_csv, export_xlsx = export_views(
    rows=lambda request: (_filtered_rows(request)[1], None),
    table=exports.table,
    content=kept_content,
    title=gettext_lazy("Clusters"),
    name="oversight",
    csv_page=AccessLogEntry.Page.EXPORT_CSV,
    xlsx_page=AccessLogEntry.Page.EXPORT_XLSX,
)


def cluster(request, pk):
    """One overseen cluster: services, goals with progress, the rules that fired, work plan, findings."""
    cluster = get_object_or_404(clusters_overseen_by(request.user), pk=pk)
    row = dashboard_rows(clusters=[cluster])[0]
    goals = cluster_selectors.goals_with_progress(cluster=cluster)
    tables = cluster_selectors.authority_values_of_gap_goals(goals=goals)
    service_rows = [
        (
            service,
            [
                (item, progress_line(item.progress), tables.get(item.goal.pk))
                for item in goals
                if item.goal.service_id == service.pk
            ],
        )
        for service in cluster_selectors.services_of(cluster=cluster)
    ]
    services.record_access(user=request.user, cluster=cluster, page=AccessLogEntry.Page.CLUSTER)
    findings = findings_visible_to(request.user).filter(cluster=cluster)
    return render(
        request,
        "oversight/cluster.html",
        {
            "cluster": cluster,
            "row": row,
            "service_rows": service_rows,
            "leadership": cluster_selectors.leadership(cluster=cluster),
            "work_plan": cluster_selectors.work_plan_state(cluster=cluster),
            "findings": [(f, can_close_finding(request.user, f)) for f in findings],
            "can_raise": can_raise_finding(request.user, cluster),
            "report_rows": period_rows(cluster=cluster),
            "rebaselines": reviews.rebaseline_rows(clusters=[cluster]),
            "year": timezone.localdate().year,
            "plan_reviews": work_plan_reviews_visible_to(request.user).filter(cluster=cluster)[:5],
            "call_outcomes": network_selectors.application_outcomes(cluster_ids=[cluster.pk])[cluster.pk],
            "pilots": cluster_selectors.pilots_by_cluster(cluster_ids=[cluster.pk])[cluster.pk],
            "today": timezone.localdate(),
        },
    )


def finding_create(request, pk):
    """A referent raises a finding on a cluster they oversee."""
    cluster = get_object_or_404(clusters_overseen_by(request.user), pk=pk)
    if not can_raise_finding(request.user, cluster):
        raise PermissionDenied
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.raise_finding(cluster=cluster, raised_by=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("The finding was raised."))
        return redirect("oversight:cluster", pk=cluster.pk)
    services.record_access(user=request.user, cluster=cluster, page=AccessLogEntry.Page.FINDING_FORM)
    return render(request, "oversight/finding_form.html", {"cluster": cluster, "form": form})


@require_POST
def finding_close(request, pk):
    """A referent closes an open or answered finding."""
    finding = get_object_or_404(findings_visible_to(request.user), pk=pk)
    if not can_close_finding(request.user, finding):
        raise PermissionDenied
    services.close_finding(finding=finding, closed_by=request.user, request=request)
    messages.success(request, _("The finding was closed."))
    return redirect("oversight:cluster", pk=finding.cluster_id)


def findings(request):
    """The findings on the person's cluster (CEO and board) or on the clusters they oversee (referents)."""
    if not can_read_findings(request.user):
        raise PermissionDenied
    form, findings = filtered_findings(request)
    page = Paginator(findings, FINDINGS_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(finding, can_answer_finding(request.user, finding)) for finding in page.object_list]
    if is_referent(request.user):
        services.record_access(user=request.user, page=AccessLogEntry.Page.FINDINGS)
    context = {
        "rows": rows,
        "page": page,
        "form": form,
        "query": request.GET.urlencode(),
        "is_referent": is_referent(request.user),
        "work_plan_reviews": work_plan_reviews_visible_to(request.user)[:10],
    }
    return render(request, "oversight/findings.html", context)


def finding_answer(request, pk):
    """The cluster's CEO answers an open finding."""
    finding = get_object_or_404(findings_visible_to(request.user), pk=pk)
    if not can_answer_finding(request.user, finding):
        raise PermissionDenied
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.answer_finding(finding=finding, answered_by=request.user, request=request, **form.cleaned_data)
        messages.success(request, _("Your answer was sent."))
        return redirect("oversight:findings")
    return render(request, "oversight/finding_answer.html", {"finding": finding, "form": form})
