"""Calls for proposals: the editors' list and forms, the CEO's ranked calls and applications, the public feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from accounts.forms import add_refusal
from clusters.models import Cluster

from .. import permissions
from ..eligibility import check_eligibility
from ..forms.calls import ApplicationForm, ApplicationUpdateForm, CallForm
from ..matching import calls_for_cluster, cluster_facts
from ..models import Application, Call
from ..services import calls as services


def chosen_cluster(request) -> tuple[Cluster | None, list[Cluster]]:
    """The cluster a CEO works on (`?cluster=<id>` among theirs, the first by default); 404 for another id."""
    clusters = list(Cluster.objects.filter(pk__in=permissions.ceo_clusters(request.user)).order_by("pk"))
    if not clusters:
        return None, []
    wanted = request.GET.get("cluster") or request.POST.get("cluster") or ""
    if not wanted:
        return clusters[0], clusters
    chosen = next((cluster for cluster in clusters if str(cluster.pk) == wanted), None)
    if chosen is None:
        raise Http404
    return chosen, clusters


def call_list(request):
    """A CEO: the open calls the cluster is eligible for, ranked and explained, then the others with what they
    lack. An editor: every call, drafts too."""
    user = request.user
    if not permissions.can_see_calls(user):
        raise PermissionDenied
    if permissions.is_editor(user):
        calls = list(Call.objects.select_related("ministry").order_by("-deadline", "-pk"))
        return render(request, "network/call_list_editor.html", {"calls": calls, "today": timezone.localdate()})
    cluster, clusters = chosen_cluster(request)
    eligible, others, needs, goals = calls_for_cluster(cluster=cluster, calls=permissions.calls_visible_to(user))
    return render(
        request,
        "network/call_list.html",
        {
            "cluster": cluster,
            "clusters": clusters,
            "eligible": eligible,
            "others": others,
            "open_needs": needs,
            "lagging_goals": goals,
        },
    )


def call_detail(request, pk):
    user = request.user
    call = get_object_or_404(permissions.calls_visible_to(user).for_lists(), pk=pk)
    context = {"call": call, "can_manage": permissions.can_manage_calls(user)}
    cluster, clusters = chosen_cluster(request)
    if cluster is not None:
        context.update(
            cluster=cluster,
            clusters=clusters,
            eligibility=check_eligibility(call, cluster_facts(cluster=cluster)),
            application=Application.objects.filter(call=call, cluster=cluster).first(),
        )
    return render(request, "network/call_detail.html", context)


def call_new(request):
    if not permissions.can_manage_calls(request.user):
        raise PermissionDenied
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.create_call(created_by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, gettext("The call was saved."))
            return redirect("network:call_detail", pk=call.pk)
    return render(request, "network/call_form.html", {"form": form, "call": None}, status=400 if form.errors else 200)


def call_edit(request, pk):
    call = get_object_or_404(permissions.calls_visible_to(request.user).prefetch_related("needs"), pk=pk)
    if not permissions.can_manage_calls(request.user):
        raise PermissionDenied
    form = CallForm(request.POST or None, initial=CallForm.initial_from(call))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_call(call=call, updated_by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, gettext("The call was saved."))
            return redirect("network:call_detail", pk=call.pk)
    return render(request, "network/call_form.html", {"form": form, "call": call}, status=400 if form.errors else 200)


def application_new(request, pk):
    """The CEO records that the cluster intends to apply, with the goals the application serves."""
    call = get_object_or_404(permissions.calls_visible_to(request.user).select_related("ministry"), pk=pk)
    cluster, clusters = chosen_cluster(request)
    if cluster is None:
        raise PermissionDenied
    form = ApplicationForm(request.POST or None, cluster=cluster)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.record_application(
                call=call, cluster=cluster, recorded_by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, gettext("The application was recorded."))
            return redirect("network:application_update", pk=application.pk)
    return render(
        request,
        "network/application_form.html",
        {"form": form, "call": call, "cluster": cluster, "clusters": clusters},
        status=400 if form.errors else 200,
    )


def application_list(request):
    if not permissions.ceo_clusters(request.user):
        raise PermissionDenied
    applications = permissions.applications_visible_to(request.user).order_by("call__deadline", "pk")
    return render(request, "network/application_list.html", {"applications": list(applications)})


def application_update(request, pk):
    application = get_object_or_404(
        permissions.applications_visible_to(request.user).prefetch_related("goals__service"), pk=pk
    )
    can_update = permissions.can_update_application(request.user, application)
    form = None
    if can_update:
        form = ApplicationUpdateForm(
            request.POST or None,
            application=application,
            initial={
                "amount_requested": application.amount_requested,
                "goals": [goal.pk for goal in application.goals.all()],
                "note": application.note,
            },
        )
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.update_application(
                    application=application, updated_by=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                add_refusal(form, error)
            else:
                messages.success(request, gettext("The application was updated."))
                return redirect("network:application_update", pk=application.pk)
    return render(
        request,
        "network/application_detail.html",
        {"application": application, "form": form},
        status=400 if form.errors else 200,
    )


@login_not_required
def call_feed(request):
    """The open calls as JSON, for anyone (calls are public): no applications, nothing about any cluster."""
    today = timezone.localdate()
    calls = Call.objects.open_on(today).for_lists().order_by("deadline", "pk")
    items = [
        {
            "id": call.pk,
            "title": call.title,
            "funder": call.funder,
            "ministry": call.ministry.slug if call.ministry else None,
            "deadline": call.deadline.isoformat(),
            "amount": str(call.amount) if call.amount is not None else None,
            "matching_share": str(call.matching_share),
            "eligibility": {
                "regions": call.region_codes,
                "stages": call.stage_codes,
                "authority_kinds": call.kind_codes,
                "socioeconomic": [call.socioeconomic_min, call.socioeconomic_max],
                "peripherality": [call.peripherality_min, call.peripherality_max],
                "domains": call.domain_codes,
            },
            "needs": [need.code for need in call.needs.all()],
            "link": call.link or None,
            "url": request.build_absolute_uri(reverse("network:call_detail", args=[call.pk])),
        }
        for call in calls
    ]
    return JsonResponse({"generated_on": today.isoformat(), "calls": items}, json_dumps_params={"ensure_ascii": False})
