"""Public pages: every cluster's composition, services, published goals, plan and report summaries, without
signing in. Nothing of the advice or of oversight's review is read here: only what the CEO published."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from clusters import selectors as cluster_selectors
from clusters import services as cluster_services
from clusters.permissions import can_edit_cluster, clusters_visible_to
from oversight import publication
from oversight import selectors as oversight_selectors
from quality import selectors as quality_selectors

from . import opendata, pages


def _index_content(request) -> dict:
    rows = cluster_selectors.public_cluster_summaries()
    regions = [
        (region_label, list(items))
        for region_label, items in groupby(rows, key=lambda row: row.cluster.get_region_display() or _("No region"))
    ]
    return {"body": render_to_string("api/public/includes/index_body.html", {"regions": regions, "count": len(rows)})}


@login_not_required
@require_safe
def index(request):
    """The clusters by region, each with its members, core services and published goals."""
    content = pages.cached("index", lambda: _index_content(request))
    return render(request, "api/public/index.html", content)


def _cluster_content(cluster_id: int, *, preview: bool = False) -> dict:
    try:
        page = pages.cluster_page(cluster_id=cluster_id)
    except ObjectDoesNotExist:
        return None
    context = {"page": page, "preview": preview}
    return {
        "cluster_id": page.cluster.pk,
        "title": str(page.cluster.name),
        "description": _("%(cluster)s: member authorities, core services, published goals and their progress.")
        % {"cluster": page.cluster.name},
        "body": render_to_string("api/public/includes/cluster_body.html", context),
    }


@login_not_required
@require_safe
def cluster(request, pk: int):
    """One cluster's public page."""
    content = pages.cached("cluster", lambda: _cluster_content(pk), cluster_id=pk)
    if content is None:
        raise Http404
    return render(request, "api/public/cluster.html", content)


@require_safe
def publish_home(request):
    """The CEO's way to the publish switches: straight to their cluster's, or a choice when they run several."""
    clusters = [c for c in clusters_visible_to(request.user).order_by("name_he") if can_edit_cluster(request.user, c)]
    if not clusters:
        raise PermissionDenied
    if len(clusters) == 1:
        return redirect("public:preview", pk=clusters[0].pk)
    return render(request, "api/public/publish_home.html", {"clusters": clusters})


@require_http_methods(["GET", "HEAD", "POST"])
def preview(request, pk: int):
    """The cluster's CEO chooses what is public and sees the public page as it will be (never cached)."""
    cluster = get_object_or_404(clusters_visible_to(request.user), pk=pk)
    if not can_edit_cluster(request.user, cluster):
        raise PermissionDenied
    goals = cluster_selectors.goals_for_publication(cluster=cluster)
    reports = oversight_selectors.accepted_reports_for_publication(cluster_id=cluster.pk)
    if request.method == "POST":
        goal_ids = {int(value) for value in request.POST.getlist("goal") if value.isdigit()}
        cluster_services.publish_goals(
            cluster=cluster, public_goal_ids=goal_ids, published_by=request.user, request=request
        )
        cluster_services.publish_cluster_parts(
            cluster=cluster,
            switches={name: name in request.POST.getlist("part") for name in cluster_services.PUBLISH_SWITCHES},
            published_by=request.user,
            request=request,
        )
        for report in reports:
            publication.publish_report_sections(
                report=report,
                sections=request.POST.getlist(f"report-{report.pk}"),
                published_by=request.user,
                request=request,
            )
        pages.forget_cluster(cluster.pk)
        messages.success(request, _("The public page was updated."))
        return redirect("public:preview", pk=cluster.pk)
    sections = oversight_selectors.report_sections()
    report_rows = [
        (
            report,
            [(name, label, name in oversight_selectors.public_sections_of(report)) for name, label in sections.items()],
        )
        for report in reports
    ]
    content = _cluster_content(cluster.pk, preview=True)
    parts = [
        ("is_strategic_plan_public", _("The strategic plan (its latest version approved by the board)")),
        ("is_plan_budget_public", _("The budgets of the work plan's lines and pilots")),
        ("is_quality_public", _("The service-quality measures in the open data")),
    ]
    return render(
        request,
        "api/public/preview.html",
        {
            "cluster": cluster,
            "goals": goals,
            "report_rows": report_rows,
            "parts": [(name, label, getattr(cluster, name)) for name, label in parts],
            **content,
        },
    )


# --- open data ------------------------------------------------------------------------------------------------


def _cluster_data(cluster_id: int) -> dict:
    try:
        page = pages.cluster_page(cluster_id=cluster_id)
    except ObjectDoesNotExist:
        return None
    services = {s.pk: s for s in page.public.services}
    for service in services.values():
        service.cluster = page.cluster
    measures = quality_selectors.published_measures(cluster=page.cluster)
    return {
        "json": opendata.cluster_document(page, measures),
        "csv": opendata.csv_text(opendata.csv_rows([g.item for g in page.goals], services)),
        "quality_csv": opendata.quality_csv(page.cluster, measures) if page.cluster.is_quality_public else None,
    }


def _cluster_data_or_404(pk: int) -> dict:
    data = pages.cached("cluster-data", lambda: _cluster_data(pk), cluster_id=pk)
    if data is None:
        raise Http404
    return data


@login_not_required
@require_safe
def cluster_csv(request, pk: int):
    return opendata.csv_response(_cluster_data_or_404(pk)["csv"], f"cluster-{pk}-goals.csv")


@login_not_required
@require_safe
def cluster_json(request, pk: int):
    return opendata.json_response(_cluster_data_or_404(pk)["json"])


@login_not_required
@require_safe
def cluster_quality_csv(request, pk: int):
    """The cluster's service-quality measures (aggregates, no resident data), where its CEO published them."""
    text = _cluster_data_or_404(pk).get("quality_csv")
    if text is None:
        raise Http404
    return opendata.csv_response(text, f"cluster-{pk}-quality.csv")


@login_not_required
@require_safe
def national_csv(request):
    text = pages.cached("national-csv", opendata.national_csv)
    return opendata.csv_response(text, "published-goals.csv")


@login_not_required
@require_safe
def national_json(request):
    return opendata.json_response(pages.cached("national", opendata.national_document))


@login_not_required
@require_safe
def clusters_csv(request):
    """The index page's figures (each cluster's counts) as CSV; the national JSON holds them too."""
    return opendata.csv_response(pages.cached("clusters-csv", opendata.clusters_csv), "clusters.csv")
