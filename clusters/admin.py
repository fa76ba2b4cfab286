from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Cluster


@admin.register(Cluster)
class ClusterAdmin(SimpleHistoryAdmin):
    list_display = ("name_he", "name_en", "cbs_code")
    search_fields = ("name_he", "name_ar", "name_en")
