from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.admin_lists import LargeListAdmin

from . import services
from .models import OutboxMessage


class DeliveryFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [("failing", _("Failing (dead, or pending after a failure)"))]

    def queryset(self, request, queryset):
        if self.value() == "failing":
            return queryset.failing()
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(LargeListAdmin, admin.ModelAdmin):
    list_display = [
        "key",
        "kind",
        "summary",
        "state",
        "attempts",
        "next_attempt_at",
        "short_error",
        "created_at",
        "sent_at",
    ]
    list_filter = ["state", DeliveryFilter, "kind"]
    search_fields = ["key"]
    date_hierarchy = "created_at"
    list_select_related = False  # a message has no relations to load
    readonly_fields = [
        "kind",
        "key",
        "payload",
        "state",
        "attempts",
        "next_attempt_at",
        "last_error",
        "created_at",
        "sent_at",
    ]
    actions = ["retry"]

    @admin.display(description=_("last error"))
    def short_error(self, message):
        return message.last_error[:120]

    @admin.action(description=_("Send the selected messages again now"))
    def retry(self, request, queryset):
        count = services.retry_messages(message_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext("%(count)d message will be sent again.", "%(count)d messages will be sent again.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_add_permission(self, request):
        return False
