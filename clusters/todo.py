"""What the board member should act on now in clusters (accounts.todo gathers it for the home pages)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import ngettext

from accounts.roles import Role
from accounts.todo import Todo

from .models import WorkPlan, WorkPlanApproval
from .models.strategy import StrategicPlan, StrategicPlanApproval


def needs_doing(user) -> list[Todo]:
    """Two queries: the work plans and the strategic plan versions awaiting this board member's approval."""
    board_of = user.scope_ids(Role.BOARD_MEMBER)
    if not board_of:
        return []
    plans = list(
        WorkPlan.objects.filter(cluster_id__in=board_of, status=WorkPlan.Status.BOARD_REVIEW)
        .exclude(Exists(WorkPlanApproval.objects.filter(plan=OuterRef("pk"), approved_by=user)))
        .values_list("cluster_id", flat=True)
    )
    strategies = list(
        StrategicPlan.objects.filter(cluster_id__in=board_of, status=StrategicPlan.Status.BOARD_REVIEW)
        .exclude(Exists(StrategicPlanApproval.objects.filter(plan=OuterRef("pk"), approved_by=user)))
        .values_list("pk", flat=True)
    )
    items = []
    if plans:
        items.append(
            Todo(
                len(plans),
                ngettext(
                    "%(count)s work plan awaiting your approval",
                    "%(count)s work plans awaiting your approval",
                    len(plans),
                )
                % {"count": len(plans)},
                reverse("clusters:work_plan", kwargs={"pk": plans[0]}),
            )
        )
    if strategies:
        items.append(
            Todo(
                len(strategies),
                ngettext(
                    "%(count)s strategic plan awaiting your approval",
                    "%(count)s strategic plans awaiting your approval",
                    len(strategies),
                )
                % {"count": len(strategies)},
                reverse("clusters:strategic_plan_version", kwargs={"pk": strategies[0]}),
            )
        )
    return items
