"""Pages of the periodic reports: the cluster's periods (CEO and board), one report with its versions, the CEO's
editing, the referents' queue and review, and the queue's exports."""

from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.fields import date_param
from accounts.memo import Memo, render_each
from accounts.pagination import CountedWithPagePaginator
from accounts.roles import Role
from advisors.selectors import need_groups
from clusters.progress import STATUS_LABELS
from engagements.selectors import summary_labels

from . import report_exports, reports, services
from .export_views import export_views
from .models import AccessLogEntry, PeriodicReport, ReportStep, ReportVersion
from .permissions import is_referent
from .report_forms import AWAITING, QueueFilterForm, ReportTextsForm, ReturnFindingFormSet
from .report_permissions import (
    can_confirm_report,
    can_read_cluster_reports,
    can_review_report,
    can_start_correction,
    can_write_report,
    is_ceo_of,
    is_final,
    report_clusters_of,
    reports_visible_to,
)

# Queues are shown a page at a time; their exports keep every row.
QUEUE_PAGE_SIZE = 50


def _with_versions(queryset):
    steps = ReportStep.objects.select_related("actor")
    return queryset.prefetch_related(
        Prefetch(
            "versions", queryset=ReportVersion.objects.order_by("number").prefetch_related(Prefetch("steps", steps))
        )
    )


def _report(request, pk) -> tuple[PeriodicReport, ReportVersion]:
    report = get_object_or_404(_with_versions(reports_visible_to(request.user)), pk=pk)
    return report, list(report.versions.all())[-1]


def cluster_reports(request):
    """The CEO's and board's list of their cluster's reporting periods, with due dates, windows and states."""
    if not can_read_cluster_reports(request.user):
        raise PermissionDenied
    clusters = [
        (cluster, reports.period_rows(cluster=cluster), is_ceo_of(request.user, cluster.pk))
        for cluster in report_clusters_of(request.user)
    ]
    return render(request, "oversight/reports/list.html", {"clusters": clusters})


@require_POST
def report_open(request, pk, period):
    """The CEO opens the draft of a period whose window is open."""
    cluster = get_object_or_404(report_clusters_of(request.user), pk=pk)
    if not is_ceo_of(request.user, cluster.pk):
        raise PermissionDenied
    period_start = date_param(period)
    try:
        report = reports.open_report(
            cluster=cluster, period_start=period_start, opened_by=request.user, request=request
        )
    except reports.ReportError as error:
        messages.error(request, str(error))
        return redirect("oversight:reports")
    return redirect("oversight:report_edit", pk=report.pk)


def _labelled(snapshot: dict | None, needs: dict) -> dict | None:
    """The frozen snapshot with the labels of its codes in the reader's language."""
    if not snapshot:
        return snapshot
    goals = [{**goal, "status_label": STATUS_LABELS.get(goal["status"], goal["status"])} for goal in snapshot["goals"]]
    engagements = [
        {
            **item,
            "model_label": summary_labels(model=item["model"], state=item["state"])[0],
            "state_label": summary_labels(model=item["model"], state=item["state"])[1],
            "need_labels": [needs.get(code, code) for code in item["needs"]],
            "hours": Decimal(item["hours"]),
            "cost": Decimal(item["cost"]),
        }
        for item in snapshot["engagements"]
    ]
    return {
        **snapshot,
        "goals": goals,
        "engagements": engagements,
        "total_hours": Decimal(snapshot["total_hours"]),
        "total_cost": Decimal(snapshot["total_cost"]),
    }


def _need_labels() -> dict:
    return {need.code: need.label for group in need_groups() for need in group.needs.all()}


def report(request, pk):
    """One report: every version with its dated steps and frozen snapshot, the actions the person may take, and after
    a review the follow-up list."""
    report, latest = _report(request, pk)
    needs = _need_labels()
    versions = [(version, _labelled(version.snapshot, needs)) for version in report.versions.all()]
    preview = None
    if latest.state == ReportVersion.State.DRAFT and is_ceo_of(request.user, report.cluster_id):
        preview = _labelled(
            reports.drafted_data(cluster=report.cluster, period=reports.report_period(report)) | {"narrative": ""},
            needs,
        )
    decided = latest.state in (
        ReportVersion.State.RETURNED,
        ReportVersion.State.ACCEPTED,
        ReportVersion.State.CONFIRMED,
    )
    if is_referent(request.user):
        services.record_access(user=request.user, cluster=report.cluster, page=AccessLogEntry.Page.REPORT)
    return render(
        request,
        "oversight/reports/report.html",
        {
            "report": report,
            "period": reports.report_period(report),
            "latest": latest,
            "versions": versions,
            "preview": preview,
            "follow_up": reports.follow_up(version=latest) if decided else None,
            "can_write": can_write_report(request.user, latest),
            "can_review": can_review_report(request.user, latest),
            "can_confirm": can_confirm_report(request.user, latest),
            "can_correct": can_start_correction(request.user, latest),
            "is_final": is_final(latest),
            "treasury_confirms": settings.OVERSIGHT_REPORT_TREASURY_CONFIRMATION,
            "back_url": "oversight:report_queue" if is_referent(request.user) else "oversight:reports",
        },
    )


def report_edit(request, pk):
    """The CEO writes the narrative, risks and requests of a draft or returned version; saves or submits."""
    report, latest = _report(request, pk)
    if not can_write_report(request.user, latest):
        raise PermissionDenied
    submitting = "submit" in request.POST
    initial = {"narrative": latest.narrative, "risks": latest.risks, "requests": latest.requests}
    form = ReportTextsForm(request.POST or None, initial=initial, submitting=submitting)
    if request.method == "POST" and form.is_valid():
        try:
            reports.save_report_texts(version=latest, edited_by=request.user, request=request, **form.cleaned_data)
            if submitting:
                reports.submit_report(version=latest, submitted_by=request.user, request=request)
        except reports.ReportError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The report was submitted.") if submitting else _("The draft was saved."))
            return redirect("oversight:report", pk=report.pk)
    return render(
        request,
        "oversight/reports/edit.html",
        {"report": report, "period": reports.report_period(report), "latest": latest, "form": form},
    )


def _transition(request, pk, allowed, action, success):
    report, latest = _report(request, pk)
    if not allowed(request.user, latest):
        raise PermissionDenied
    try:
        action(latest)
    except reports.ReportError as error:
        messages.error(request, str(error))
        return report, False
    messages.success(request, success)
    return report, True


@require_POST
def report_submit(request, pk):
    """The CEO submits (or resubmits) the current version as it is."""
    report, _done = _transition(
        request,
        pk,
        can_write_report,
        lambda version: reports.submit_report(version=version, submitted_by=request.user, request=request),
        _("The report was submitted."),
    )
    return redirect("oversight:report", pk=report.pk)


@require_POST
def report_accept(request, pk):
    """The Interior referent accepts a submitted version."""
    report, _done = _transition(
        request,
        pk,
        can_review_report,
        lambda version: reports.accept_report(version=version, accepted_by=request.user, request=request),
        _("The report was accepted."),
    )
    return redirect("oversight:report", pk=report.pk)


@require_POST
def report_confirm(request, pk):
    """The Treasury referent confirms an accepted version."""
    report, _done = _transition(
        request,
        pk,
        can_confirm_report,
        lambda version: reports.confirm_report(version=version, confirmed_by=request.user, request=request),
        _("The report was confirmed."),
    )
    return redirect("oversight:report", pk=report.pk)


@require_POST
def report_correct(request, pk):
    """The CEO starts a correction of a final report: a new version; the final one stays as it is."""
    report, done = _transition(
        request,
        pk,
        can_start_correction,
        lambda version: reports.start_correction(report=version.report, started_by=request.user, request=request),
        _("A correction version was started."),
    )
    return redirect("oversight:report_edit" if done else "oversight:report", pk=report.pk)


def report_return(request, pk):
    """The Interior referent returns a submitted version with findings."""
    report, latest = _report(request, pk)
    if not can_review_report(request.user, latest):
        raise PermissionDenied
    formset = ReturnFindingFormSet(request.POST or None, prefix="findings")
    if request.method == "POST" and formset.is_valid():
        try:
            reports.return_report(
                version=latest, returned_by=request.user, findings=formset.findings(), request=request
            )
        except reports.ReportError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The report was returned with findings."))
        return redirect("oversight:report", pk=report.pk)
    services.record_access(user=request.user, cluster=report.cluster, page=AccessLogEntry.Page.REPORT_RETURN)
    return render(
        request,
        "oversight/reports/return.html",
        {"report": report, "period": reports.report_period(report), "latest": latest, "formset": formset},
    )


def _awaiting_condition(user) -> Q:
    """Reports whose latest version awaits this person's level of review: a submitted version for the cluster's
    Interior referent, an accepted one for its Treasury referent where the Treasury confirms (the head referent
    both), as `can_review_report` and `can_confirm_report` decide for one version."""
    states = ReportVersion.State
    if user.has_role(Role.HEAD_REFERENT):
        interior = treasury = Q()
    else:
        interior = Q(cluster_id__in=list(user.scope_ids(Role.REFERENT_INTERIOR)))
        treasury = Q(cluster_id__in=list(user.scope_ids(Role.REFERENT_TREASURY)))
    condition = _latest_in(states.SUBMITTED) & interior
    if settings.OVERSIGHT_REPORT_TREASURY_CONFIRMATION:
        condition |= _latest_in(states.ACCEPTED) & treasury
    return condition


def _latest_in(state: str) -> Q:
    """Reports whose latest version is in this state."""
    return Q(pk__in=reports.latest_versions().filter(state=state).values("report_id"))


def _queue_queryset(request):
    """The queue's reports with its filters, in the database, newest period first. The filter on the latest
    version's state reads every latest version at once; the state and number shown are read for the page's rows."""
    form = QueueFilterForm(request.GET or None, initial={"state": AWAITING})
    filters = form.cleaned_data if form.is_valid() else {"state": AWAITING}
    latest = ReportVersion.objects.filter(report=OuterRef("pk")).order_by("-number")
    queryset = (
        reports_visible_to(request.user)
        .annotate(
            latest_state=Subquery(latest.values("state")[:1]), latest_number=Subquery(latest.values("number")[:1])
        )
        .order_by("-period_start", "cluster__name_he", "pk")
    )
    if filters.get("region"):
        queryset = queryset.filter(cluster__region=filters["region"])
    state = filters.get("state")
    if state == AWAITING:
        queryset = queryset.filter(_awaiting_condition(request.user))
    elif state:
        queryset = queryset.filter(_latest_in(state))
    return form, queryset


def _queue_rows_of(reports_shown) -> list:
    """(report, its latest version, its period) for each report, the version's number and state read with the
    report (`_queue_queryset` annotates them): nothing more is read for the rows."""
    return [
        (report, ReportVersion(report=report, number=report.latest_number, state=report.latest_state), period)
        for report in reports_shown
        for period in [reports.report_period(report)]
    ]


# The queue's rows as rendered, by what each shows (oversight/reports/includes/queue_row.html): a page of 50 is
# rendered again only where a row changed.
_QUEUE_ROWS = Memo(2048)


def _queue_row(row) -> dict:
    """What the queue's row shows of a report, as plain values (the key its HTML is kept under)."""
    report, latest, period = row
    return {
        "pk": report.pk,
        "cluster": str(report.cluster.name),
        "period": str(period.label),
        "due_on": period.due_on,
        "number": latest.number,
        "state": str(latest.get_state_display()),
        "first_submitted_at": report.first_submitted_at,
        "on_time": report.is_submitted_on_time,
    }


def _queue_rows(request):
    form, queryset = _queue_queryset(request)
    return form, _queue_rows_of(queryset)


def queue(request):
    """The referent's reports table: by default the reports awaiting their level of review, a page at a time
    (the page is cut in the database)."""
    if not is_referent(request.user):
        raise PermissionDenied
    form, queryset = _queue_queryset(request)
    services.record_access(user=request.user, page=AccessLogEntry.Page.REPORT_QUEUE)
    # counted with the page: the filter on each report's latest version runs once
    page = CountedWithPagePaginator(queryset, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = _queue_rows_of(page.object_list)
    return render(
        request,
        "oversight/reports/queue.html",
        {
            "form": form,
            "rows": rows,
            "row_html": render_each(_QUEUE_ROWS, "oversight/reports/includes/queue_row.html", map(_queue_row, rows)),
            "total": page.paginator.count,
            "page": page,
            "query": request.GET.urlencode(),
        },
    )


queue_csv, queue_xlsx = export_views(
    rows=lambda request: (_queue_rows(request)[1], None),
    table=report_exports.table,
    title=gettext_lazy("Reports"),
    name="reports",
    csv_page=AccessLogEntry.Page.REPORTS_CSV,
    xlsx_page=AccessLogEntry.Page.REPORTS_XLSX,
)
