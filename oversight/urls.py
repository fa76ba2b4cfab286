from django.urls import path

from . import report_views, review_views, strategy_views, views

app_name = "oversight"

urlpatterns = [
    path("", views.home, name="home"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("cluster/<int:pk>/", views.cluster, name="cluster"),
    path("cluster/<int:pk>/findings/new/", views.finding_create, name="finding_create"),
    path("cluster/<int:pk>/engagements.csv", review_views.cluster_engagements_csv, name="cluster_engagements_csv"),
    path("cluster/<int:pk>/engagements.xlsx", review_views.cluster_engagements_xlsx, name="cluster_engagements_xlsx"),
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
    path("strategic-plans/", strategy_views.strategy_queue, name="strategy_queue"),
    path("strategic-plans/<int:pk>/", strategy_views.strategy_review, name="strategy_review"),
    path("rebaselines/", review_views.rebaseline_queue, name="rebaseline_queue"),
    path("rebaselines/export.csv", review_views.rebaseline_queue_csv, name="rebaseline_queue_csv"),
    path("rebaselines/export.xlsx", review_views.rebaseline_queue_xlsx, name="rebaseline_queue_xlsx"),
    path("rebaselines/<int:pk>/acknowledge/", review_views.rebaseline_acknowledge, name="rebaseline_acknowledge"),
    path("rebaselines/<int:pk>/query/", review_views.rebaseline_query, name="rebaseline_query"),
    path("reports/", report_views.cluster_reports, name="reports"),
    path("reports/cluster/<int:pk>/open/<str:period>/", report_views.report_open, name="report_open"),
    path("reports/queue/", report_views.queue, name="report_queue"),
    path("reports/queue/export.csv", report_views.queue_csv, name="report_queue_csv"),
    path("reports/queue/export.xlsx", report_views.queue_xlsx, name="report_queue_xlsx"),
    path("reports/<int:pk>/", report_views.report, name="report"),
    path("reports/<int:pk>/edit/", report_views.report_edit, name="report_edit"),
    path("reports/<int:pk>/submit/", report_views.report_submit, name="report_submit"),
    path("reports/<int:pk>/accept/", report_views.report_accept, name="report_accept"),
    path("reports/<int:pk>/return/", report_views.report_return, name="report_return"),
    path("reports/<int:pk>/confirm/", report_views.report_confirm, name="report_confirm"),
    path("reports/<int:pk>/correct/", report_views.report_correct, name="report_correct"),
]
