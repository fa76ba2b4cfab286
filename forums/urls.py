from django.urls import path

from .views import calendar, forums, meetings

app_name = "forums"

urlpatterns = [
    path("", forums.forum_list, name="forum_list"),
    path("new/", forums.forum_new, name="forum_new"),
    path("<int:pk>/", forums.forum_detail, name="forum_detail"),
    path("<int:pk>/members/", forums.members, name="members"),
    path("<int:pk>/members/<int:member_pk>/end/", forums.member_end, name="member_end"),
    path("<int:pk>/engagement/", forums.engagement, name="engagement"),
    path("<int:pk>/hosts/", forums.hosts, name="hosts"),
    path("<int:pk>/hosts/<int:host_pk>/remove/", forums.host_remove, name="host_remove"),
    path("<int:pk>/meetings/new/", meetings.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/agenda/", meetings.agenda_add, name="agenda_add"),
    path("meetings/<int:pk>/agenda/<int:item_pk>/remove/", meetings.agenda_remove, name="agenda_remove"),
    path("meetings/<int:pk>/reply/", meetings.reply, name="reply"),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path("meetings/<int:pk>/close/", meetings.close, name="close"),
    path("meetings/<int:pk>/attachments/", meetings.attachment_add, name="attachment_add"),
    path("meetings/<int:pk>/decisions/new/", meetings.decision_new, name="decision_new"),
    path("attachments/<int:pk>/", meetings.attachment_download, name="attachment_download"),
    path("decisions/<int:pk>/", meetings.decision_detail, name="decision_detail"),
    path("calendar/", calendar.calendar, name="calendar"),
    path("calendar/new/", calendar.calendar_regenerate, name="calendar_regenerate"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]
