from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("clusters/<int:pk>/", views.cluster, name="cluster"),
    path("publish/", views.publish_home, name="publish_home"),
    path("clusters/<int:pk>/preview/", views.preview, name="preview"),
    path("clusters/<int:pk>/goals.csv", views.cluster_csv, name="cluster_csv"),
    path("clusters/<int:pk>/data.json", views.cluster_json, name="cluster_json"),
    path("clusters/<int:pk>/quality.csv", views.cluster_quality_csv, name="cluster_quality_csv"),
    path("open-data/clusters.csv", views.clusters_csv, name="clusters_csv"),
    path("open-data/published-goals.csv", views.national_csv, name="national_csv"),
    path("open-data/published-goals.json", views.national_json, name="national_json"),
]
