from django.urls import path

from . import views

app_name = "advisors"

urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply, name="apply"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("profiles/mine/", views.my_profile, name="my_profile"),
    path("profiles/<int:pk>/", views.profile_detail, name="profile_detail"),
    path("profiles/<int:pk>/edit/", views.profile_edit, name="profile_edit"),
    path("profiles/<int:pk>/reconfirm/", views.profile_reconfirm, name="profile_reconfirm"),
    path("profiles/<int:pk>/suspension/", views.profile_suspend, name="profile_suspend"),
    path("curation/profiles/<int:pk>/check/", views.profile_check, name="profile_check"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("curation/", views.curator_home, name="curator_home"),
    path("curation/statistics/", views.statistics, name="statistics"),
    path("curation/organisations/", views.organisations, name="organisations"),
    path("curation/organisations/<int:pk>/", views.organisation_review, name="organisation_review"),
    path(
        "curation/organisations/<int:pk>/<str:decision>/",
        views.organisation_decide,
        name="organisation_decide",
    ),
    path("shortlists/", views.shortlist_list, name="shortlist_list"),
    path("shortlists/add/", views.shortlist_add, name="shortlist_add"),
    path("shortlists/<int:pk>/", views.shortlist_detail, name="shortlist_detail"),
    path("shortlists/<int:pk>/export.csv", views.shortlist_export, name="shortlist_export"),
    path("shortlists/entries/<int:pk>/outcome/", views.shortlist_outcome, name="shortlist_outcome"),
]
