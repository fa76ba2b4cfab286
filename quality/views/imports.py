"""The CEO's pages: uploading an inquiries file, keeping the service codes, linking goals to measures."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import GoalSourceForm, ServiceCodeForm, UploadForm
from ..importing import ImportFileError
from ..models import ServiceCode
from ..permissions import can_manage_quality, clusters_with_quality_visible_to
from ..services.codes import remove_service_code, save_service_code
from ..services.goals import link_goal
from ..services.imports import import_inquiries_file
from . import pages
from .pages import latest_imports
from .scope import cluster_for, service_for


def _managed_cluster(request, pk):
    target = cluster_for(request, pk)
    if not can_manage_quality(request.user, target):
        raise PermissionDenied
    return target


def upload(request, pk):
    target = _managed_cluster(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    report, error = None, None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            report = import_inquiries_file(
                cluster=target,
                binary=upload_file.file,
                file_name=upload_file.name,
                imported_by=request.user,
                encoding=form.cleaned_data["encoding"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except ImportFileError as problem:
            error, status = str(problem), 400
        else:
            if not form.cleaned_data["dry_run"]:
                messages.success(request, _("The file was imported: %(summary)s.") % {"summary": report.summary()})
    elif request.method == "POST":
        status = 400
    context = {
        "cluster": target,
        "form": form,
        "report": report,
        "error": error,
        "dry_run": bool(form.is_bound and form.is_valid() and form.cleaned_data["dry_run"]),
        "imports": latest_imports(target),
        "codes": ServiceCode.objects.filter(cluster=target).count(),
    }
    return render(request, "quality/upload.html", context, status=status)


def codes(request, pk):
    target = _managed_cluster(request, pk)
    form = ServiceCodeForm(request.POST or None, cluster=target)
    if request.method == "POST" and form.is_valid():
        save_service_code(entry=form.instance, saved_by=request.user)
        messages.success(request, _("The service code was saved."))
        return redirect("quality:codes", pk=target.pk)
    entries = ServiceCode.objects.filter(cluster=target).select_related("service")
    return render(
        request,
        "quality/codes.html",
        {"cluster": target, "form": form, "entries": entries},
        status=400 if form.errors else 200,
    )


@require_POST
def code_remove(request, pk):
    visible = ServiceCode.objects.filter(cluster__in=clusters_with_quality_visible_to(request.user))
    entry = get_object_or_404(visible.select_related("cluster", "service"), pk=pk)
    _managed_cluster(request, entry.cluster_id)
    remove_service_code(entry=entry, removed_by=request.user)
    messages.success(request, _("The service code was removed."))
    return redirect("quality:codes", pk=entry.cluster_id)


@require_POST
def goal_link(request, pk):
    target = service_for(request, pk)
    if not can_manage_quality(request.user, target.cluster):
        raise PermissionDenied
    form = GoalSourceForm(request.POST, service=target)
    if not form.is_valid():
        return pages.service(request, target.pk, goal_form=form)
    data = form.cleaned_data
    link_goal(goal=data["goal"], metric=data["metric"], aggregate=data["aggregate"], linked_by=request.user)
    messages.success(request, _("The goal's measurements now come from the service-quality measures."))
    return redirect("quality:service", pk=target.pk)
