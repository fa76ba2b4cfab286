from django.urls import path

from .views import calls, digests, editor, knowledge, playbook

app_name = "network"

urlpatterns = [
    path("desk/", editor.editor_home, name="editor_home"),
    path("knowledge/", knowledge.knowledge_list, name="knowledge_list"),
    path("knowledge/new/", knowledge.knowledge_new, name="knowledge_new"),
    path("knowledge/propose-case/", knowledge.propose_case, name="propose_case"),
    path("knowledge/<int:pk>/", knowledge.knowledge_detail, name="knowledge_detail"),
    path("knowledge/<int:pk>/edit/", knowledge.knowledge_edit, name="knowledge_edit"),
    path("knowledge/<int:pk>/attachments/", knowledge.attachment_add, name="attachment_add"),
    path("knowledge/<int:pk>/<str:action>/", knowledge.knowledge_transition, name="knowledge_transition"),
    path("attachments/<int:pk>/", knowledge.attachment_download, name="attachment_download"),
    path("needs/<str:code>/", knowledge.need_reading_list, name="reading_list"),
    path("ministries/", playbook.ministry_list, name="ministry_list"),
    path("ministries/<slug:slug>/", playbook.ministry_detail, name="ministry_detail"),
    path("ministries/<slug:slug>/edit/", playbook.ministry_edit, name="ministry_edit"),
    path("ministries/<slug:slug>/versions/<int:number>/", playbook.ministry_version, name="ministry_version"),
    path("ministries/<slug:slug>/suggest/", playbook.suggest_change, name="suggest_change"),
    path("suggestions/<int:pk>/<str:decision>/", playbook.decide_suggestion, name="decide_suggestion"),
    path("calls/", calls.call_list, name="call_list"),
    path("calls/new/", calls.call_new, name="call_new"),
    path("calls/feed.json", calls.call_feed, name="call_feed"),
    path("calls/<int:pk>/", calls.call_detail, name="call_detail"),
    path("calls/<int:pk>/edit/", calls.call_edit, name="call_edit"),
    path("calls/<int:pk>/apply/", calls.application_new, name="application_new"),
    path("applications/", calls.application_list, name="application_list"),
    path("applications/<int:pk>/", calls.application_update, name="application_update"),
    path("digest/", digests.digest_preferences, name="digest_preferences"),
]
