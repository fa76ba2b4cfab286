from django.urls import path

from . import views

app_name = "advisors"

urlpatterns = [
    path("", views.home, name="home"),
    path("curation/", views.curator_home, name="curator_home"),
]
