from django.urls import path

from . import review_views, views

app_name = "oversight"

urlpatterns = [
    path("", views.home, name="home"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("cluster/<int:pk>/", views.cluster, name="cluster"),
    path("cluster/<int:pk>/findings/new/", views.finding_create, name="finding_create"),
    path("findings/", views.findings, name="findings"),
    path("findings/<int:pk>/answer/", views.finding_answer, name="finding_answer"),
    path("findings/<int:pk>/close/", views.finding_close, name="finding_close"),
    path("findings/export.csv", review_views.findings_csv, name="findings_csv"),
    path("findings/export.xlsx", review_views.findings_xlsx, name="findings_xlsx"),
    path("work-plans/", review_views.plan_queue, name="plan_queue"),
    path("work-plans/export.csv", review_views.plan_queue_csv, name="plan_queue_csv"),
    path("work-plans/export.xlsx", review_views.plan_queue_xlsx, name="plan_queue_xlsx"),
    path("work-plans/<int:pk>/", review_views.plan_review, name="plan_review"),
    path("work-plan-reviews/<int:pk>/", review_views.review_outcome, name="review_outcome"),
    path("rebaselines/", review_views.rebaseline_queue, name="rebaseline_queue"),
    path("rebaselines/export.csv", review_views.rebaseline_queue_csv, name="rebaseline_queue_csv"),
    path("rebaselines/export.xlsx", review_views.rebaseline_queue_xlsx, name="rebaseline_queue_xlsx"),
    path("rebaselines/<int:pk>/acknowledge/", review_views.rebaseline_acknowledge, name="rebaseline_acknowledge"),
    path("rebaselines/<int:pk>/query/", review_views.rebaseline_query, name="rebaseline_query"),
]
