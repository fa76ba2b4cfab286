from django.urls import path

from . import report_views, views

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
