from django.urls import path

from .views import downloads, imports, pages

app_name = "quality"

urlpatterns = [
    path("", pages.home, name="home"),
    path("national/", pages.national, name="national"),
    path("national/export.<str:fmt>", downloads.national_export, name="national_export"),
    path("clusters/<int:pk>/", pages.cluster, name="cluster"),
    path("clusters/<int:pk>/export.<str:fmt>", downloads.cluster_export, name="cluster_export"),
    path("clusters/<int:pk>/upload/", imports.upload, name="upload"),
    path("clusters/<int:pk>/codes/", imports.codes, name="codes"),
    path("codes/<int:pk>/remove/", imports.code_remove, name="code_remove"),
    path("clusters/<int:pk>/authorities/<int:authority_pk>/", pages.authority, name="authority"),
    path(
        "clusters/<int:pk>/authorities/<int:authority_pk>/export.<str:fmt>",
        downloads.authority_export,
        name="authority_export",
    ),
    path("services/<int:pk>/", pages.service, name="service"),
    path("services/<int:pk>/export.<str:fmt>", downloads.service_export, name="service_export"),
    path("services/<int:pk>/goals/", imports.goal_link, name="goal_link"),
]
