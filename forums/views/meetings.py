"""A meeting from plan to minutes: the agenda, invitations and replies, attendance, attachments, closing with the
minutes, and the decisions taken there with their follow-ups."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from .. import permissions, services
from ..forms import (
    AgendaItemForm,
    AttachmentForm,
    AttendanceForm,
    CloseMeetingForm,
    DecisionForm,
    FollowUpForm,
    MeetingForm,
    ReplyForm,
)
from ..models import AgendaItem, FollowUp, ForumMember, Invitation, Meeting, MeetingStatus
from .common import form_errors, forum_and_member, require, show_errors
from .forums import _decision_rows, decisions_with_links


def _meeting_and_member(request, pk):
    meeting = get_object_or_404(permissions.meetings_visible_to(request.user), pk=pk)
    return meeting, permissions.membership_of(request.user, meeting.forum)


def _aware(day, moment):
    return timezone.make_aware(datetime.combine(day, moment))


def meeting_new(request, pk):
    """The chair or facilitator plans a meeting; the next host of the rotation is suggested."""
    forum, member = forum_and_member(request, pk)
    require(permissions.can_run_meetings(member))
    hosts = forum.hosts.select_related("authority").order_by("position", "pk")
    suggested = services.suggested_host(forum, list(hosts))
    form = MeetingForm(request.POST or None, hosts=hosts, initial={"host": suggested.pk if suggested else None})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.schedule_meeting(
                forum=forum,
                starts_at=_aware(data["day"], data["starts"]),
                ends_at=_aware(data["day"], data["ends"]),
                host=data["host"],
                location=data["location"],
                is_national=data["is_national"],
                title=data["title"],
                created_by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("The meeting is planned and the members are invited."))
            return redirect("forums:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "forums/meeting_form.html",
        {"forum": forum, "form": form, "suggested": suggested},
        status=400 if form.errors else 200,
    )


def meeting_detail(request, pk):
    meeting, member = _meeting_and_member(request, pk)
    user = request.user
    can_run = permissions.can_run_meetings(member)
    invitations = list(meeting.invitations.select_related("user").order_by("pk"))
    mine = next((invitation for invitation in invitations if invitation.user_id == user.pk), None)
    decisions = list(decisions_with_links(meeting.decisions.all()).order_by("pk"))
    follow_ups = list(
        FollowUp.objects.filter(meeting=meeting).select_related("decision", "written_by").order_by("written_at", "pk")
    )
    context = {
        "meeting": meeting,
        "forum": meeting.forum,
        "member": member,
        "agenda": list(meeting.agenda.order_by("starts_at", "position", "pk")),
        "invitations": invitations,
        "mine": mine,
        "attachments": list(meeting.attachments.order_by("pk")),
        "decision_rows": _decision_rows(decisions, user),
        "follow_ups": follow_ups,
        "can_run": can_run,
        "can_reply": mine is not None and meeting.is_planned,
        "reply_form": ReplyForm(initial={"reply": mine.reply if mine else None}, auto_id="reply_%s"),
    }
    if can_run:
        context |= {
            # one page, several forms: each names its fields' ids apart (the posted names stay the forms' own)
            "agenda_form": AgendaItemForm(auto_id="agenda_%s"),
            "attachment_form": AttachmentForm(auto_id="attachment_%s"),
            "attendance_form": AttendanceForm(
                invitees=[i.user for i in invitations],
                initial={"attended": [str(i.user_id) for i in invitations if i.attended]},
                auto_id="attendance_%s",
            ),
            "close_form": CloseMeetingForm(initial={"minutes": meeting.minutes}, auto_id="close_%s"),
            "pending_decisions": list(
                meeting.forum.decisions.pending()
                .exclude(meeting=meeting)
                .select_related("owner")
                .order_by("due_on", "pk")[:20]
            ),
        }
    return render(request, "forums/meeting_detail.html", context)


@require_POST
def agenda_add(request, pk):
    meeting, member = _meeting_and_member(request, pk)
    require(permissions.can_run_meetings(member))
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            services.add_agenda_item(meeting=meeting, added_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, gettext("The item was added to the agenda."))
    else:
        form_errors(request, form)
    return redirect("forums:meeting_detail", pk=meeting.pk)


@require_POST
def agenda_remove(request, pk, item_pk):
    meeting, member = _meeting_and_member(request, pk)
    require(permissions.can_run_meetings(member))
    item = get_object_or_404(AgendaItem.objects.filter(meeting=meeting), pk=item_pk)
    try:
        services.remove_agenda_item(item=item, removed_by=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, gettext("The item was taken off the agenda."))
    return redirect("forums:meeting_detail", pk=meeting.pk)


@require_POST
def reply(request, pk):
    """An invitee answers yes, no or maybe."""
    meeting, _member = _meeting_and_member(request, pk)
    invitation = get_object_or_404(Invitation.objects.filter(meeting=meeting, user=request.user))
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply_to_invitation(invitation=invitation, reply=form.cleaned_data["reply"])
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, gettext("Your reply was saved."))
    else:
        form_errors(request, form)
    return redirect("forums:meeting_detail", pk=meeting.pk)


@require_POST
def attendance(request, pk):
    meeting, member = _meeting_and_member(request, pk)
    require(permissions.can_run_meetings(member))
    invitees = [invitation.user for invitation in meeting.invitations.select_related("user")]
    form = AttendanceForm(request.POST, invitees=invitees)
    if form.is_valid():
        try:
            count = services.record_attendance(
                meeting=meeting,
                attended_user_ids=[int(pk) for pk in form.cleaned_data["attended"]],
                recorded_by=request.user,
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, gettext("Attendance was saved: %(count)s attended.") % {"count": count})
    else:
        form_errors(request, form)
    return redirect("forums:meeting_detail", pk=meeting.pk)


def close(request, pk):
    """Close the meeting with its minutes: without minutes it is refused and nothing changes."""
    meeting, member = _meeting_and_member(request, pk)
    require(permissions.can_run_meetings(member) and meeting.is_planned)
    form = CloseMeetingForm(request.POST or None, initial={"minutes": meeting.minutes})
    if request.method == "POST" and form.is_valid():
        try:
            services.close_meeting(
                meeting=meeting, minutes=form.cleaned_data["minutes"], closed_by=request.user, request=request
            )
        except ValidationError as error:
            form.add_error("minutes", error)
        else:
            messages.success(request, gettext("The meeting is closed and its minutes are kept."))
            return redirect("forums:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "forums/close_form.html",
        {"meeting": meeting, "forum": meeting.forum, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def attachment_add(request, pk):
    meeting, member = _meeting_and_member(request, pk)
    require(permissions.can_run_meetings(member))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(
                meeting=meeting,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                added_by=request.user,
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, gettext("The file was attached."))
    else:
        form_errors(request, form)
    return redirect("forums:meeting_detail", pk=meeting.pk)


def attachment_download(request, pk):
    """Served only to the forum's current members."""
    attachment = get_object_or_404(permissions.attachments_visible_to(request.user), pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type or "application/octet-stream",
    )


def decision_new(request, pk):
    """The chair or facilitator records a decision taken at the meeting."""
    meeting, member = _meeting_and_member(request, pk)
    require(permissions.can_run_meetings(member) and meeting.status != MeetingStatus.CANCELLED)
    forum = meeting.forum
    from django.contrib.auth import get_user_model

    owners = (
        get_user_model()
        .objects.filter(pk__in=ForumMember.objects.current().filter(forum=forum).values("user_id"))
        .order_by("full_name", "pk")
    )
    # The goals and services of the forum's clusters that the recorder reads elsewhere (or published goals).
    readable = permissions.ReadableClusters(request.user)
    form = DecisionForm(
        request.POST or None,
        owners=owners,
        goals=readable.goals(services.goals_in_scope(forum))
        .select_related("service__cluster")
        .order_by("service__cluster_id", "pk"),
        services=list(
            readable.services(services.services_in_scope(forum)).select_related("cluster").order_by("cluster_id", "pk")
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_decision(
                meeting=meeting,
                text=data["text"],
                owner=data["owner"],
                due_on=data["due_on"],
                goals=data["goals"],
                measures=data["measures"],
                recorded_by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("The decision was recorded."))
            return redirect("forums:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "forums/decision_form.html",
        {"meeting": meeting, "forum": forum, "form": form},
        status=400 if form.errors else 200,
    )


def decision_detail(request, pk):
    """A decision, what it moved, its follow-ups, and (for its owner, the chair and the facilitator) a new one."""
    decision = get_object_or_404(decisions_with_links(permissions.decisions_visible_to(request.user)), pk=pk)
    member = permissions.membership_of(request.user, decision.forum)
    can_update = permissions.can_update_decision(request.user, decision, member)
    meetings = Meeting.objects.filter(forum=decision.forum, starts_at__gte=decision.meeting.starts_at).order_by(
        "-starts_at", "-pk"
    )
    form = (
        FollowUpForm(
            request.POST or None, meetings=meetings, initial={"status": decision.status, "meeting": meetings.first()}
        )
        if can_update
        else None
    )
    if request.method == "POST":
        require(can_update)
        if form.is_valid():
            services.follow_up_decision(
                decision=decision, written_by=request.user, request=request, **form.cleaned_data
            )
            messages.success(request, gettext("The follow-up was saved."))
            return redirect("forums:decision_detail", pk=decision.pk)
    follow_ups = list(decision.follow_ups.select_related("written_by", "meeting").order_by("written_at", "pk"))
    return render(
        request,
        "forums/decision_detail.html",
        {
            "decision": decision,
            "forum": decision.forum,
            "row": _decision_rows([decision], request.user)[0],
            "follow_ups": follow_ups,
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )
