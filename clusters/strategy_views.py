"""Pages of the strategic plan (its versions, logic model, timeline, board approval, printable view and PDF) and of
the pilots' decision review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, strategy, strategy_pdf
from .models import Goal, Horizon, Pilot, Service, StrategicPlan
from .permissions import (
    can_approve_strategic_plan,
    can_edit_cluster,
    clusters_visible_to,
    pilots_visible_to,
    strategic_plans_visible_to,
)
from .strategy_forms import MilestoneForm, OutcomeForm, PilotDecisionForm, StrategicPlanForm, default_plan_years


def _goals(cluster):
    return Goal.objects.filter(service__cluster=cluster, service__level=Service.Level.CORE).select_related("service")


def strategic_plan(request, pk):
    """The cluster's plan: its latest version, or the form to draft the first one (CEO)."""
    cluster = get_object_or_404(clusters_visible_to(request.user), pk=pk)
    latest = StrategicPlan.objects.filter(cluster=cluster).order_by("-version").first()
    wants_new_version = (
        request.GET.get("new") == "1"
        and latest is not None
        and latest.status == StrategicPlan.Status.APPROVED
        and can_edit_cluster(request.user, cluster)
    )
    if latest is not None and request.method != "POST" and not wants_new_version:
        return redirect("clusters:strategic_plan_version", pk=latest.pk)
    if not can_edit_cluster(request.user, cluster):
        if request.method == "POST":
            raise PermissionDenied
        return render(request, "clusters/strategy/none.html", {"cluster": cluster})
    starts, ends = default_plan_years()
    if latest is not None:  # a new version, drafted from the latest approved one
        initial = {name: getattr(latest, name) for name in strategy.PLAN_FIELDS}
    else:
        initial = {"starts_year": starts, "ends_year": ends}
    form = StrategicPlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        plan = strategy.start_strategic_plan(cluster=cluster, fields=form.cleaned_data, started_by=request.user)
        if plan is None:
            messages.error(request, _("A version of the plan is already being drafted or is with the board."))
            return redirect("clusters:strategic_plan_version", pk=latest.pk)
        messages.success(request, _("The plan version was started."))
        return redirect("clusters:strategic_plan_version", pk=plan.pk)
    return render(
        request,
        "clusters/strategy/start.html",
        {"cluster": cluster, "form": form, "latest": latest},
        status=400 if form.errors else 200,
    )


def _context(request, plan):
    can_edit = can_edit_cluster(request.user, plan.cluster) and plan.is_draft
    outcomes = list(plan.outcomes.all())
    horizons = [(value, label, [o for o in outcomes if o.horizon == value]) for value, label in Horizon.choices]
    return {
        "cluster": plan.cluster,
        "plan": plan,
        "horizons": horizons,
        "outcomes": outcomes,
        "milestones": list(plan.milestones.all()),
        "approvals": list(plan.approvals.all()),
        "can_edit": can_edit,
        "can_submit": can_edit and bool(outcomes),
        "can_approve": can_approve_strategic_plan(request.user, plan)
        and not any(a.approved_by_id == request.user.pk for a in plan.approvals.all()),
        "can_revise": can_edit_cluster(request.user, plan.cluster) and plan.status == StrategicPlan.Status.APPROVED,
    }


def strategic_plan_version(request, pk, **refused):
    """One version of the plan: vision, goals, the logic model by horizon, the timeline, the board's approvals.

    `refused` is a form the CEO sent back with errors (`plan_form`, `outcome_form` or `milestone_form`): the page
    shows it with what was typed and its errors beside the fields (400)."""
    plan_id = get_object_or_404(strategic_plans_visible_to(request.user), pk=pk).pk
    plan = selectors.strategic_plan(plan_id=plan_id)
    context = _context(request, plan)
    context["versions"] = selectors.strategic_plan_versions(cluster=plan.cluster)
    if context["can_edit"]:
        goals = _goals(plan.cluster)
        context["plan_form"] = StrategicPlanForm(instance=plan, prefix="plan")
        context["outcome_form"] = OutcomeForm(goals=goals, prefix="outcome")
        context["milestone_form"] = MilestoneForm(prefix="milestone")
        context.update(refused)
    return render(request, "clusters/strategy/plan.html", context, status=400 if refused else 200)


def _printable(request, pk) -> tuple[StrategicPlan, list[Pilot]]:
    """The version for its printable view and its PDF, which answer alike: the CEO and the board of its cluster
    read it, nobody else finds it (404)."""
    plan_id = get_object_or_404(strategic_plans_visible_to(request.user), pk=pk).pk
    plan = selectors.strategic_plan(plan_id=plan_id)
    return plan, selectors.strategic_plan_pilots(plan=plan)


def strategic_plan_print(request, pk):
    """The version as a printable document a CEO takes to the board (the browser prints it; a print stylesheet)."""
    plan, pilots = _printable(request, pk)
    context = _context(request, plan)
    context["pilots"] = pilots
    context["printed_on"] = timezone.localdate()
    return render(request, "clusters/strategy/print.html", context)


def strategic_plan_pdf(request, pk):
    """The printable document as a PDF file (A4, in the reader's language), with the printable view's access."""
    plan, pilots = _printable(request, pk)
    document = strategy_pdf.render_strategic_plan(plan=plan, pilots=pilots, printed_on=timezone.localdate())
    response = HttpResponse(document, content_type="application/pdf")
    filename = f"strategic-plan-{plan.cluster_id}-v{plan.version}-{get_language()}.pdf"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    return response


def _editable(request, pk):
    plan = get_object_or_404(strategic_plans_visible_to(request.user), pk=pk)
    if not can_edit_cluster(request.user, plan.cluster):
        raise PermissionDenied
    return plan


def _refused(request, plan):
    messages.error(request, _("Only a draft can be changed; an approved version stays as the board approved it."))
    return redirect("clusters:strategic_plan_version", pk=plan.pk)


@require_POST
def strategic_plan_edit(request, pk):
    plan = _editable(request, pk)
    form = StrategicPlanForm(request.POST, instance=StrategicPlan.objects.get(pk=plan.pk), prefix="plan")
    if not form.is_valid():
        return strategic_plan_version(request, plan.pk, plan_form=form)
    if not strategy.update_strategic_plan(plan=plan, fields=form.cleaned_data, updated_by=request.user):
        return _refused(request, plan)
    messages.success(request, _("The plan was saved."))
    return redirect("clusters:strategic_plan_version", pk=plan.pk)


@require_POST
def strategic_plan_outcome_add(request, pk):
    plan = _editable(request, pk)
    form = OutcomeForm(request.POST, goals=_goals(plan.cluster), prefix="outcome")
    if not form.is_valid():
        return strategic_plan_version(request, plan.pk, outcome_form=form)
    data = form.cleaned_data
    outcome = strategy.add_outcome(
        plan=plan,
        horizon=data["horizon"],
        channel=data["channel"],
        title=data["title"],
        measured_by=data["measured_by"],
        added_by=request.user,
    )
    if outcome is None:
        return _refused(request, plan)
    messages.success(request, _("The outcome was added to the logic model."))
    return redirect("clusters:strategic_plan_version", pk=plan.pk)


@require_POST
def strategic_plan_milestone_add(request, pk):
    plan = _editable(request, pk)
    form = MilestoneForm(request.POST, prefix="milestone")
    if not form.is_valid():
        return strategic_plan_version(request, plan.pk, milestone_form=form)
    if strategy.add_milestone(plan=plan, added_by=request.user, **form.cleaned_data) is None:
        return _refused(request, plan)
    messages.success(request, _("The milestone was added to the timeline."))
    return redirect("clusters:strategic_plan_version", pk=plan.pk)


@require_POST
def strategic_plan_submit(request, pk):
    plan = _editable(request, pk)
    if strategy.submit_strategic_plan(plan=plan, submitted_by=request.user):
        messages.success(request, _("The plan was sent to the board for approval."))
    else:
        messages.error(request, _("Only a draft with at least one outcome can be sent to the board."))
    return redirect("clusters:strategic_plan_version", pk=plan.pk)


@require_POST
def strategic_plan_approve(request, pk):
    plan = get_object_or_404(strategic_plans_visible_to(request.user), pk=pk)
    if not can_approve_strategic_plan(request.user, plan):
        raise PermissionDenied
    if strategy.approve_strategic_plan(plan=plan, approved_by=request.user):
        messages.success(request, _("Your approval was recorded."))
    else:
        messages.error(request, _("You have approved this version already."))
    return redirect("clusters:strategic_plan_version", pk=plan.pk)


def pilot_decide(request, pk):
    """The CEO's decision review of a pilot: continue, scale up or stop, with the goals' progress as evidence."""
    pilot = get_object_or_404(pilots_visible_to(request.user), pk=pk)
    cluster = pilot.item.plan.cluster
    if not can_edit_cluster(request.user, cluster):
        raise PermissionDenied
    form = PilotDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if strategy.decide_pilot(pilot=pilot, decided_by=request.user, **form.cleaned_data):
            messages.success(request, _("The decision on the pilot was recorded with its evidence."))
        else:
            messages.error(request, _("This pilot was decided already."))
        return redirect("clusters:work_plan", pk=cluster.pk)
    return render(
        request,
        "clusters/strategy/pilot_decide.html",
        {
            "cluster": cluster,
            "pilot": pilot,
            "form": form,
            "evidence": strategy.pilot_evidence(pilot=pilot, today=timezone.localdate()),
        },
        status=400 if form.errors else 200,
    )
