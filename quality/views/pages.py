"""Comparison pages: a cluster's services, one service's authorities side by side, one authority across its
services, and one domain across clusters (head referent). Aggregates only."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from accounts.memo import Memo, render_each
from accounts.roles import OVERSIGHT_ROLES, Role
from clusters.models import Goal
from clusters.reference import ServiceDomain

from .. import charts, selectors
from ..forms import ChooseForm, GoalSourceForm, MetricForm, NationalForm
from ..models import LOWER_IS_BETTER, ImportRun, Measure, Metric, QualityGoalSource
from ..permissions import can_compare_nationally, can_manage_quality, clusters_with_quality_visible_to
from .scope import authority_for, cluster_for, service_for


def home(request):
    """The clusters whose service quality this person may see; straight to the cluster when there is one."""
    if not request.user.has_role(Role.CLUSTER_CEO, Role.BOARD_MEMBER, *OVERSIGHT_ROLES):
        raise PermissionDenied
    clusters = list(clusters_with_quality_visible_to(request.user).order_by("name_he"))
    if len(clusters) == 1:
        return redirect("quality:cluster", pk=clusters[0].pk)
    return render(
        request,
        "quality/home.html",
        {"clusters": clusters, "can_compare_nationally": can_compare_nationally(request.user)},
    )


def _months(service_ids):
    return list(
        Measure.objects.filter(service_id__in=list(service_ids), channel="")
        .order_by("-month")
        .values_list("month", flat=True)
        .distinct()[:24]
    )


def cluster(request, pk):
    target = cluster_for(request, pk)
    form = MetricForm(request.GET or None)
    metric, _month = form.chosen()
    lines = selectors.cluster_summary(cluster=target, metric=metric)
    context = {
        "cluster": target,
        "form": form,
        "metric": metric,
        "metric_label": Metric(metric).label,
        "lower_is_better": metric in LOWER_IS_BETTER,
        "lines": lines,
        "authorities": selectors.authorities_measured(cluster=target),
        "can_manage": can_manage_quality(request.user, target),
        "query": request.GET.urlencode(),
    }
    return render(request, "quality/cluster.html", context)


def service(request, pk, *, goal_form=None):
    """A service's quality compared across the cluster's authorities; `goal_form` is a refused goal link, shown with
    its errors (400)."""
    target = service_for(request, pk)
    form = ChooseForm(request.GET or None, months=_months([target.pk]))
    metric, month = form.chosen()
    channel = form.chosen_channel()
    comparison = selectors.service_comparison(service=target, metric=metric, month=month, channel=channel)
    can_manage = can_manage_quality(request.user, target.cluster)
    context = {
        "service": target,
        "cluster": target.cluster,
        "form": form,
        "comparison": comparison,
        "metric_label": Metric(metric).label,
        "lower_is_better": metric in LOWER_IS_BETTER,
        "panels": charts.small_multiples(comparison),
        "gap_line": charts.gap_line(comparison),
        "can_manage": can_manage,
        "query": request.GET.urlencode(),
        "sources": list(
            QualityGoalSource.objects.filter(goal__service=target).select_related("goal").order_by("goal__name")
        ),
    }
    if can_manage and Goal.objects.filter(service=target, kind__in=[Goal.Kind.GAP, Goal.Kind.CUSTOM]).exists():
        context["goal_form"] = goal_form or GoalSourceForm(service=target)
    return render(request, "quality/service.html", context, status=400 if goal_form is not None else 200)


def authority(request, pk, authority_pk):
    target = cluster_for(request, pk)
    member = authority_for(target, authority_pk)
    form = MetricForm(request.GET or None)
    metric, _month = form.chosen()
    lines = selectors.authority_profile(cluster=target, authority=member, metric=metric)
    context = {
        "cluster": target,
        "authority": member,
        "lines": lines,
        "form": form,
        "metric": metric,
        "metric_label": Metric(metric).label,
        "query": request.GET.urlencode(),
    }
    return render(request, "quality/authority.html", context)


def national_choice(request) -> tuple[NationalForm, str, str]:
    """The national comparison's form, measure and domain: the domain asked for, or else the first with measures
    (one query more), which the form then shows as chosen."""
    data = request.GET.dict()
    form = NationalForm(data or None)
    form.is_valid()  # a valid domain is kept beside a refused measure
    domain = getattr(form, "cleaned_data", {}).get("domain") or ""
    if not domain:
        domain = selectors.first_measured_domain(ServiceDomain.values) or ServiceDomain.WELFARE
        form = NationalForm({**data, "domain": domain}) if data else NationalForm(initial={"domain": domain})
    metric, _month = form.chosen()
    return form, metric, domain


# The national comparison shows this many clusters a page, best first; its exports keep every cluster.
NATIONAL_PAGE_SIZE = 50


# The national comparison's rows as rendered, by what each shows (quality/includes/national_row.html).
_NATIONAL_ROWS = Memo(2048)


def _national_row(line) -> dict:
    """What the national comparison's row shows of a cluster, as plain values (the key its HTML is kept under)."""
    spread = line.spread
    return {
        "pk": line.cluster.pk,
        "name": str(line.cluster.name),
        "services": line.services,
        "authorities": line.authorities,
        "median": spread.median,
        "best": spread.best,
        "worst": spread.worst,
        "gap": spread.gap,
    }


def national(request):
    """The head referent compares one service domain across the clusters nationally."""
    if not can_compare_nationally(request.user):
        raise PermissionDenied
    form, metric, domain = national_choice(request)
    month, lines = selectors.national_comparison(domain=domain, metric=metric)
    page = Paginator(lines, NATIONAL_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "domain_label": ServiceDomain(domain).label,
        "metric_label": Metric(metric).label,
        "month": month,
        "lines": page.object_list,
        "row_html": render_each(
            _NATIONAL_ROWS, "quality/includes/national_row.html", map(_national_row, page.object_list)
        ),
        "page": page,
        "query": request.GET.urlencode(),
    }
    return render(request, "quality/national.html", context)


def latest_imports(cluster, count=10):
    return list(ImportRun.objects.filter(cluster=cluster).select_related("imported_by")[:count])
