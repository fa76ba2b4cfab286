"""The forums in the Django admin: reading and correcting rows. Closing meetings and recording decisions go through
the site's pages, which audit them."""

from django.contrib import admin

from .models import AgendaItem, Decision, FollowUp, Forum, ForumMember, Host, Invitation, Meeting, MeetingAttachment


class MemberInline(admin.TabularInline):
    model = ForumMember
    extra = 0
    raw_id_fields = ("user",)


class HostInline(admin.TabularInline):
    model = Host
    extra = 0
    raw_id_fields = ("authority",)


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ("name", "theme", "scope_kind", "cluster", "region", "created_at")
    list_filter = ("theme", "scope_kind")
    search_fields = ("name",)
    raw_id_fields = ("cluster", "facilitating_engagement", "created_by")
    inlines = [MemberInline, HostInline]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class InvitationInline(admin.TabularInline):
    model = Invitation
    extra = 0
    raw_id_fields = ("user",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("forum", "title", "starts_at", "host", "status")
    list_filter = ("status", "is_national")
    list_select_related = ("forum", "host__authority")
    raw_id_fields = ("forum", "host", "closed_by", "created_by")
    readonly_fields = ("status", "closed_at", "closed_by")
    inlines = [AgendaInline, InvitationInline]


@admin.register(MeetingAttachment)
class MeetingAttachmentAdmin(admin.ModelAdmin):
    list_display = ("title", "meeting", "content_type", "size", "added_at")
    raw_id_fields = ("meeting", "added_by")


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    raw_id_fields = ("meeting", "written_by")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "forum", "owner", "due_on", "status")
    list_filter = ("status",)
    list_select_related = ("forum", "owner")
    raw_id_fields = ("forum", "meeting", "owner", "recorded_by", "goals")
    inlines = [FollowUpInline]
