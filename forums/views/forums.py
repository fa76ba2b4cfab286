"""A person's forums, opening one, the forum page, its members, facilitating engagement and rotation of hosts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from clusters.models import Cluster
from clusters.selectors import authorities_of_clusters, progress_then_and_now
from engagements.selectors import facilitation_engagements, forum_facilitation
from quality.selectors import medians_then_and_now

from .. import permissions, services
from ..forms import EngagementForm, ForumForm, HostForm, MemberForm
from ..models import ForumMember, Host, Meeting, MeetingStatus, MemberRole
from .common import forum_and_member, require, show_errors

PER_PAGE = 10


def forum_list(request):
    """The forums the person sits in, with their next meeting, and the person's open actions."""
    now = timezone.now()
    forums = (
        permissions.forums_visible_to(request.user)
        .select_related("cluster")
        .annotate(
            member_count=Count(
                "members", filter=Q(members__until__isnull=True) | Q(members__until__gte=now.date()), distinct=True
            )
        )
        .order_by("name", "pk")
    )
    page = Paginator(forums, PER_PAGE).get_page(request.GET.get("page"))
    forum_ids = [forum.pk for forum in page.object_list]
    upcoming = {}
    for meeting in Meeting.objects.filter(
        forum_id__in=forum_ids, status=MeetingStatus.PLANNED, starts_at__gte=now
    ).order_by("starts_at", "pk"):
        upcoming.setdefault(meeting.forum_id, meeting)
    rows = [(forum, upcoming.get(forum.pk)) for forum in page.object_list]
    actions = list(
        permissions.decisions_visible_to(request.user)
        .pending()
        .filter(owner=request.user)
        .order_by("due_on", "pk")[:20]
    )
    return render(
        request,
        "forums/forum_list.html",
        {"page": page, "rows": rows, "actions": actions, "can_create": permissions.can_create_forum(request.user)},
    )


def _clusters_for(user):
    if user.has_role("knowledge_editor", "platform_admin"):
        return Cluster.objects.order_by("name_he")
    return Cluster.objects.filter(pk__in=user.scope_ids("cluster_ceo")).order_by("name_he")


def forum_new(request):
    require(permissions.can_create_forum(request.user))
    form = ForumForm(request.POST or None, clusters=_clusters_for(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            forum = services.create_forum(created_by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, gettext("The forum is open; you chair it."))
            return redirect("forums:forum_detail", pk=forum.pk)
    return render(request, "forums/forum_form.html", {"form": form}, status=400 if form.errors else 200)


def _decision_rows(decisions, user):
    """Each decision with its linked goals' progress at the decision date and now, and its measures then and now:
    those of the clusters the person reads elsewhere (or published goals); the others only counted."""
    readable = permissions.ReadableClusters(user)
    pairs = {(goal.pk, decision.decided_on) for decision in decisions for goal in decision.goals.all()}
    progress = progress_then_and_now(pairs=pairs)
    triples = {(m.service_id, m.metric, decision.decided_on) for decision in decisions for m in decision.measures.all()}
    medians = medians_then_and_now(triples=triples)
    rows = []
    for decision in decisions:
        day = decision.decided_on
        linked = [progress[(goal.pk, day)] for goal in decision.goals.all() if (goal.pk, day) in progress]
        goals = [item for item in linked if item.goal.is_public or item.goal.service.cluster_id in readable]
        measured = [
            medians[(m.service_id, m.metric, day)]
            for m in decision.measures.all()
            if (m.service_id, m.metric, day) in medians
        ]
        measures = [item for item in measured if item.service.cluster_id in readable]
        hidden = len(linked) - len(goals) + len(measured) - len(measures)
        rows.append({"decision": decision, "goals": goals, "measures": measures, "hidden": hidden})
    return rows


def decisions_with_links(queryset):
    return queryset.select_related("owner", "meeting").prefetch_related("goals", "measures", "follow_ups")


def forum_detail(request, pk):
    forum, member = forum_and_member(
        request, pk, queryset=permissions.forums_visible_to(request.user).select_related("cluster")
    )
    now = timezone.now()
    members = list(ForumMember.objects.current().filter(forum=forum).select_related("user").order_by("role", "pk"))
    hosts = list(forum.hosts.select_related("authority").order_by("position", "pk"))
    meetings = Paginator(
        Meeting.objects.filter(forum=forum).select_related("host__authority").order_by("-starts_at", "-pk"), PER_PAGE
    ).get_page(request.GET.get("page"))
    decisions = Paginator(
        decisions_with_links(forum.decisions.all()).order_by("-decided_on", "-pk"), PER_PAGE
    ).get_page(request.GET.get("decisions"))
    facilitation = None
    if permissions.can_see_facilitation(request.user, forum):
        facilitation = forum_facilitation(engagement_id=forum.facilitating_engagement_id)
    return render(
        request,
        "forums/forum_detail.html",
        {
            "forum": forum,
            "member": member,
            "members": members,
            "hosts": hosts,
            "next_host": services.suggested_host(forum, hosts),
            "meetings": meetings,
            "decisions": decisions,
            "decision_rows": _decision_rows(list(decisions.object_list), request.user),
            "facilitation": facilitation,
            "now": now,
            "can_manage": permissions.can_manage_forum(member),
            "can_run": permissions.can_run_meetings(member),
        },
    )


def members(request, pk):
    """The chair seats members and ends memberships."""
    forum, member = forum_and_member(request, pk)
    require(permissions.can_manage_forum(member))
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_member(
                forum=forum,
                person=data["person"],
                role=data["role"],
                represents=data["represents"],
                since=data["since"],
                until=data["until"],
                added_by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("The member was seated."))
            return redirect("forums:members", pk=forum.pk)
    current = ForumMember.objects.current().filter(forum=forum).select_related("user").order_by("role", "pk")
    return render(
        request,
        "forums/members.html",
        {"forum": forum, "form": form, "members": current},
        status=400 if form.errors else 200,
    )


@require_POST
def member_end(request, pk, member_pk):
    forum, member = forum_and_member(request, pk)
    require(permissions.can_manage_forum(member))
    target = get_object_or_404(ForumMember.objects.current().filter(forum=forum), pk=member_pk)
    try:
        services.end_membership(member=target, ended_by=request.user, request=request)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, gettext("The membership ended."))
    return redirect("forums:members", pk=forum.pk)


def engagement(request, pk):
    """The chair links the facilitator's engagement (one the chair reads on the engagements pages)."""
    forum, member = forum_and_member(request, pk)
    require(permissions.can_manage_forum(member))
    facilitators = ForumMember.objects.current().filter(forum=forum, role=MemberRole.FACILITATOR).values("user")
    choices = facilitation_engagements(user=request.user, advisor_person_ids=facilitators)
    form = EngagementForm(
        request.POST or None, engagements=choices, initial={"engagement": forum.facilitating_engagement_id}
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["engagement"]
        try:
            services.set_facilitating_engagement(
                forum=forum, engagement_id=chosen.pk if chosen else None, set_by=request.user, request=request
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("The facilitating engagement was saved."))
            return redirect("forums:forum_detail", pk=forum.pk)
    return render(
        request, "forums/engagement_form.html", {"forum": forum, "form": form}, status=400 if form.errors else 200
    )


def hosts(request, pk):
    """The chair keeps the rotation of hosts."""
    forum, member = forum_and_member(request, pk)
    require(permissions.can_manage_forum(member))
    scope = services.scope_cluster_ids(forum)
    form = HostForm(
        request.POST or None,
        authorities=authorities_of_clusters(cluster_ids=scope).order_by("name_he") if scope else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_host(forum=forum, added_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("The host was added to the rotation."))
            return redirect("forums:hosts", pk=forum.pk)
    rotation = list(forum.hosts.select_related("authority").order_by("position", "pk"))
    return render(
        request,
        "forums/hosts.html",
        {"forum": forum, "form": form, "hosts": rotation, "next_host": services.suggested_host(forum, rotation)},
        status=400 if form.errors else 200,
    )


@require_POST
def host_remove(request, pk, host_pk):
    forum, member = forum_and_member(request, pk)
    require(permissions.can_manage_forum(member))
    host = get_object_or_404(Host.objects.filter(forum=forum), pk=host_pk)
    try:
        services.remove_host(host=host, removed_by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, gettext("The host left the rotation."))
    return redirect("forums:hosts", pk=forum.pk)
