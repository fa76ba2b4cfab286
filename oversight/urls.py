from django.urls import path

from . import views

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
]
