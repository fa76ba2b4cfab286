from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import Role
from accounts.todo import needs_doing

from . import selectors, services
from .forms import (
    GoalForm,
    IncorporationForm,
    MeasurementCorrectionForm,
    MeasurementForm,
    RebaselineForm,
    ServiceForm,
    ServiceStatusForm,
    SpendingForm,
    WorkPlanItemForm,
)
from .models import Authority, Goal, Measurement, Membership, Service, WorkPlan, WorkPlanItem
from .permissions import (
    can_approve_work_plan,
    can_edit_cluster,
    clusters_visible_to,
    goals_visible_to,
    services_visible_to,
)


def home(request):
    """The cluster CEO's and board member's landing page: their cluster's overview, or a list when several."""
    if not request.user.has_role(Role.CLUSTER_CEO, Role.BOARD_MEMBER):
        raise PermissionDenied
    clusters = list(clusters_visible_to(request.user))
    todo = needs_doing(request.user)
    if len(clusters) == 1:
        return _overview(request, clusters[0], needs=todo)
    return render(request, "clusters/home.html", {"clusters": clusters, "needs_doing": todo})


def overview(request, pk):
    return _overview(request, get_object_or_404(clusters_visible_to(request.user), pk=pk))


def _overview(request, cluster, needs=None):
    members = selectors.current_members(cluster=cluster)
    goals = selectors.goal_progress(cluster=cluster)
    goals_by_service = {}
    for item in goals:
        goals_by_service.setdefault(item.goal.service_id, []).append(item)
    service_rows = [
        (service, goals_by_service.get(service.pk, [])) for service in selectors.services_of(cluster=cluster)
    ]
    context = {
        "cluster": cluster,
        "members": members,
        "population": sum(a.population or 0 for a in members),
        "warnings": selectors.composition_warnings(members=members)
        + selectors.core_service_warnings(services=[s for s, _g in service_rows]),
        "service_rows": service_rows,
        "has_demo": any(s.is_demo for s, _g in service_rows),
        "work_plan": selectors.work_plan_state(cluster=cluster),
        "leadership": selectors.leadership(cluster=cluster),
        "can_edit": can_edit_cluster(request.user, cluster),
        "needs_doing": needs,  # on the home page only
    }
    return render(request, "clusters/overview.html", context)


def incorporation(request, pk):
    """The CEO enters the exact incorporation date where the reference data gives none (or only the year)."""
    cluster = get_object_or_404(clusters_visible_to(request.user), pk=pk)
    if not can_edit_cluster(request.user, cluster):
        raise PermissionDenied
    form = IncorporationForm(
        request.POST or None,
        cluster=cluster,
        initial={"incorporated_on": cluster.incorporated_on, "source": cluster.incorporation_source},
    )
    if request.method == "POST" and form.is_valid():
        services.set_incorporation(
            cluster=cluster,
            incorporated_on=form.cleaned_data["incorporated_on"],
            source=form.cleaned_data["source"],
            set_by=request.user,
        )
        messages.success(request, _("The incorporation date was saved."))
        return redirect("clusters:overview", pk=cluster.pk)
    return render(
        request,
        "clusters/incorporation_form.html",
        {"cluster": cluster, "form": form},
        status=400 if form.errors else 200,
    )


def service_detail(request, pk):
    service = get_object_or_404(
        services_visible_to(request.user).prefetch_related("participants", "status_changes"), pk=pk
    )
    goals = [
        item for item in selectors.goals_with_progress(cluster=service.cluster) if item.goal.service_id == service.pk
    ]
    return render(
        request,
        "clusters/service.html",
        {
            "service": service,
            "cluster": service.cluster,
            "goals": goals,
            "can_edit": can_edit_cluster(request.user, service.cluster),
        },
    )


def _chart_data(item):
    progress = item.progress
    measurements = sorted(item.goal.measurements.all(), key=lambda m: m.period_start)
    return {
        "labels": [m.period_label for m in measurements],
        "values": [None if q is None else float(q) for _start, q in progress.series],
        "baseline": float(progress.baseline),
        "target": float(progress.target),
        "series_label": _("Measured"),
        "baseline_label": _("Baseline"),
        "target_label": _("Target"),
    }


def goal_detail(request, pk):
    goal = get_object_or_404(goals_visible_to(request.user), pk=pk)
    item = selectors.goal_with_progress(goal_id=goal.pk)
    cluster = goal.service.cluster
    participants = list(goal.service.participants.all())
    measurements = sorted(item.goal.measurements.all(), key=lambda m: m.period_start)
    rows = []
    for measurement in measurements:
        values = {v.authority_id: v.value for v in measurement.authority_values.all()}
        rows.append((measurement, [values.get(a.pk) for a in participants]))
    context = {
        "goal": item.goal,
        "service": goal.service,
        "cluster": cluster,
        "progress": item.progress,
        "participants": participants,
        "rows": rows,
        "chart": _chart_data(item),
        "rebaselines": list(goal.rebaselines.select_related("changed_by")),
        "corrections": list(
            Measurement.history.filter(goal_id=goal.pk, history_type="~")
            .select_related("history_user")
            .order_by("-history_date")[:20]
        ),
        "can_edit": can_edit_cluster(request.user, cluster),
    }
    return render(request, "clusters/goal.html", context)


def measurement_create(request, pk):
    goal = get_object_or_404(goals_visible_to(request.user), pk=pk)
    cluster = goal.service.cluster
    if not can_edit_cluster(request.user, cluster) or goal.is_computed:
        raise PermissionDenied
    participants = list(goal.service.participants.all())
    form = MeasurementForm(request.POST or None, goal=goal, participants=participants)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.record_measurement(
            goal=goal,
            period_kind=data["period_kind"],
            period_start=data["period_start"],
            value=data.get("value"),
            authority_values=data["authority_values"],
            source=data["source"],
            entered_by=request.user,
        )
        messages.success(request, _("The measurement was saved."))
        return redirect("clusters:goal", pk=goal.pk)
    return render(request, "clusters/measurement_form.html", {"goal": goal, "cluster": cluster, "form": form})


def measurement_correct(request, pk):
    """The CEO corrects a recorded measurement with a reason; the old values stay in its history."""
    measurement = get_object_or_404(
        Measurement.objects.filter(goal__in=goals_visible_to(request.user)).select_related("goal__service__cluster"),
        pk=pk,
    )
    goal = measurement.goal
    cluster = goal.service.cluster
    if not can_edit_cluster(request.user, cluster) or goal.is_computed:
        raise PermissionDenied
    participants = list(goal.service.participants.all())
    form = MeasurementCorrectionForm(request.POST or None, measurement=measurement, participants=participants)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.correct_measurement(
            measurement=measurement,
            value=data.get("value"),
            authority_values=data["authority_values"] if goal.uses_authority_values else None,
            source=data["source"],
            corrected_by=request.user,
            reason=data["reason"],
        )
        messages.success(request, _("The measurement was corrected; the old values are kept in its history."))
        return redirect("clusters:goal", pk=goal.pk)
    return render(
        request,
        "clusters/measurement_form.html",
        {"goal": goal, "cluster": cluster, "form": form, "measurement": measurement},
        status=400 if form.errors else 200,
    )


def work_plan(request, pk):
    cluster = get_object_or_404(clusters_visible_to(request.user), pk=pk)
    state = selectors.work_plan_state(cluster=cluster)
    can_edit = can_edit_cluster(request.user, cluster)
    goals = Goal.objects.filter(service__cluster=cluster).select_related("service")
    form = _item_form(request.POST or None, cluster=cluster, state=state, can_edit=can_edit, goals=goals)
    if form is not None:
        if request.method == "POST" and form.is_valid():
            plan = state.plan or services.start_work_plan(cluster=cluster, year=state.year, started_by=request.user)
            data = form.cleaned_data
            services.add_work_plan_item(
                plan=plan,
                title=data["title"],
                budget_line=data["budget_line"],
                budget_amount=data["budget_amount"],
                owner=data["owner"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                goals=data["goals"],
                outcome=data["outcome"],
                pilot_starts_on=data["pilot_starts_on"],
            )
            messages.success(request, _("The item was added to the work plan."))
            return redirect("clusters:work_plan", pk=cluster.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return _work_plan_page(request, cluster=cluster, state=state, can_edit=can_edit, form=form)


def _item_form(data, *, cluster, state, can_edit, goals):
    """The form adding an item, while the plan is a draft (or not started) and the person may edit it."""
    if not can_edit or (state.plan is not None and state.plan.status != WorkPlan.Status.DRAFT):
        return None
    return WorkPlanItemForm(data, goals=goals, outcomes=selectors.outcomes_to_serve(cluster=cluster))


def _work_plan_page(request, *, cluster, state, can_edit, form, spending_form=None):
    """The work plan page; a refused form (an item or spending) is shown with its errors on its fields."""
    plan = state.plan
    items = (
        list(
            plan.items.select_related("outcome", "pilot")
            .prefetch_related("goals")
            .annotate(other_spending=Sum("spending__amount"))
        )
        if plan
        else []
    )
    approvals = list(plan.approvals.select_related("approved_by")) if plan else []
    context = {
        "cluster": cluster,
        "state": state,
        "plan": plan,
        "items": items,
        "approvals": approvals,
        "total_budget": sum(i.budget_amount for i in items),
        "form": form,
        "can_edit": can_edit,
        "can_reopen": can_edit and plan is not None and plan.status == WorkPlan.Status.APPROVED,
        "can_submit": can_edit and plan is not None and plan.status == WorkPlan.Status.DRAFT and bool(items),
        "can_approve": plan is not None
        and can_approve_work_plan(request.user, plan)
        and not any(a.approved_by_id == request.user.pk for a in approvals),
        "today": timezone.localdate(),
        "spending_form": spending_form or (SpendingForm(items=plan.items.all()) if can_edit and items else None),
    }
    refused = (form is not None and form.errors) or (spending_form is not None and spending_form.errors)
    return render(request, "clusters/work_plan.html", context, status=400 if refused else 200)


@require_POST
def spending_create(request, pk):
    """The CEO records money spent on a line of this year's work plan (other than approved engagement work)."""
    cluster = get_object_or_404(clusters_visible_to(request.user), pk=pk)
    if not can_edit_cluster(request.user, cluster):
        raise PermissionDenied
    items = WorkPlanItem.objects.filter(plan__cluster=cluster, plan__year=timezone.localdate().year)
    form = SpendingForm(request.POST, items=items)
    if not form.is_valid():
        # The page again, with each error beside its field and a summary above the form.
        state = selectors.work_plan_state(cluster=cluster)
        goals = Goal.objects.filter(service__cluster=cluster).select_related("service")
        item_form = _item_form(None, cluster=cluster, state=state, can_edit=True, goals=goals)
        return _work_plan_page(request, cluster=cluster, state=state, can_edit=True, form=item_form, spending_form=form)
    services.record_spending(recorded_by=request.user, **form.cleaned_data)
    messages.success(request, _("The spending was recorded."))
    return redirect("clusters:work_plan", pk=cluster.pk)


@require_POST
def work_plan_submit(request, pk):
    cluster = get_object_or_404(clusters_visible_to(request.user), pk=pk)
    if not can_edit_cluster(request.user, cluster):
        raise PermissionDenied
    plan = WorkPlan.objects.filter(cluster=cluster, year=timezone.localdate().year).first()
    if plan and services.submit_work_plan(plan=plan, submitted_by=request.user):
        messages.success(request, _("The work plan was sent to the board for approval."))
    else:
        messages.error(request, _("Only a draft work plan with at least one item can be sent to the board."))
    return redirect("clusters:work_plan", pk=cluster.pk)


@require_POST
def work_plan_approve(request, pk):
    cluster = get_object_or_404(clusters_visible_to(request.user), pk=pk)
    plan = WorkPlan.objects.filter(cluster=cluster, year=timezone.localdate().year).first()
    if plan is None or cluster.pk not in request.user.scope_ids(Role.BOARD_MEMBER):
        raise PermissionDenied
    if services.approve_work_plan(plan=plan, approved_by=request.user):
        messages.success(request, _("Your approval was recorded."))
    else:
        messages.error(request, _("This work plan is not awaiting your approval."))
    return redirect("clusters:work_plan", pk=cluster.pk)


@require_POST
def work_plan_reopen(request, pk):
    """The CEO reopens this year's approved plan to revise it; the board must approve it again."""
    cluster = get_object_or_404(clusters_visible_to(request.user), pk=pk)
    if not can_edit_cluster(request.user, cluster):
        raise PermissionDenied
    plan = WorkPlan.objects.filter(cluster=cluster, year=timezone.localdate().year).first()
    if plan and services.reopen_work_plan(plan=plan, reopened_by=request.user):
        messages.success(request, _("The work plan is a draft again; once revised, send it to the board."))
    else:
        messages.error(request, _("Only an approved work plan can be reopened."))
    return redirect("clusters:work_plan", pk=cluster.pk)


def goal_create(request, pk):
    service = get_object_or_404(services_visible_to(request.user), pk=pk)
    if not can_edit_cluster(request.user, service.cluster):
        raise PermissionDenied
    form = GoalForm(request.POST or None, participants=service.participants.count())
    if request.method == "POST" and form.is_valid():
        goal = services.create_goal(service=service, fields=form.cleaned_data, created_by=request.user)
        messages.success(request, _("The goal was added."))
        return redirect("clusters:goal", pk=goal.pk)
    return render(request, "clusters/goal_form.html", {"service": service, "cluster": service.cluster, "form": form})


def goal_rebaseline(request, pk):
    goal = get_object_or_404(goals_visible_to(request.user), pk=pk)
    if not can_edit_cluster(request.user, goal.service.cluster):
        raise PermissionDenied
    form = RebaselineForm(
        request.POST or None,
        goal=goal,
        initial={"baseline_value": goal.baseline_value, "baseline_on": goal.baseline_on},
    )
    if request.method == "POST" and form.is_valid():
        if goal.is_active:
            services.rebaseline_goal(goal=goal, changed_by=request.user, **form.cleaned_data)
        else:
            services.set_draft_baseline(
                goal=goal,
                baseline_value=form.cleaned_data["baseline_value"],
                baseline_on=form.cleaned_data["baseline_on"],
            )
        messages.success(request, _("The baseline was changed."))
        return redirect("clusters:goal", pk=goal.pk)
    return render(
        request,
        "clusters/rebaseline_form.html",
        {"goal": goal, "service": goal.service, "cluster": goal.service.cluster, "form": form},
    )


@require_POST
def goal_activate(request, pk):
    goal = get_object_or_404(goals_visible_to(request.user), pk=pk)
    if not can_edit_cluster(request.user, goal.service.cluster):
        raise PermissionDenied
    services.activate_goal(goal=goal, activated_by=request.user)
    messages.success(request, _("The goal is active; its baseline is now fixed."))
    return redirect("clusters:goal", pk=goal.pk)


def _members(cluster):
    return Authority.objects.filter(
        pk__in=Membership.objects.current().filter(cluster=cluster).values("authority_id")
    ).order_by("name_he")


def service_create(request, pk):
    cluster = get_object_or_404(clusters_visible_to(request.user), pk=pk)
    return _service_form(request, cluster, Service(cluster=cluster))


def service_edit(request, pk):
    service = get_object_or_404(services_visible_to(request.user), pk=pk)
    return _service_form(request, service.cluster, service)


def _service_form(request, cluster, service):
    if not can_edit_cluster(request.user, cluster):
        raise PermissionDenied
    form = ServiceForm(request.POST or None, instance=service, members=_members(cluster))
    if request.method == "POST" and form.is_valid():
        service = services.save_service(
            service=form.save(commit=False), participants=form.cleaned_data["participants"], saved_by=request.user
        )
        messages.success(request, _("The service was saved."))
        return redirect("clusters:service", pk=service.pk)
    return render(request, "clusters/service_form.html", {"cluster": cluster, "service": service, "form": form})


def service_status(request, pk):
    service = get_object_or_404(services_visible_to(request.user), pk=pk)
    if not can_edit_cluster(request.user, service.cluster):
        raise PermissionDenied
    form = ServiceStatusForm(request.POST or None, service=service)
    if request.method == "POST" and form.is_valid():
        services.change_service_status(service=service, changed_by=request.user, **form.cleaned_data)
        messages.success(request, _("The status was changed."))
        return redirect("clusters:service", pk=service.pk)
    return render(
        request, "clusters/service_status_form.html", {"cluster": service.cluster, "service": service, "form": form}
    )


@require_POST
def work_plan_item_remove(request, pk):
    item = get_object_or_404(WorkPlanItem.objects.filter(plan__cluster__in=clusters_visible_to(request.user)), pk=pk)
    cluster = item.plan.cluster
    if not can_edit_cluster(request.user, cluster):
        raise PermissionDenied
    if services.remove_work_plan_item(item=item, removed_by=request.user):
        messages.success(request, _("The item was removed."))
    else:
        messages.error(request, _("Items can be removed only while the plan is a draft."))
    return redirect("clusters:work_plan", pk=cluster.pk)
