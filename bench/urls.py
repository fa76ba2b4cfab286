"""The project's URLs and the benchmark's floor page (served only by the benchmark's settings)."""

from django.shortcuts import render
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def floor(request):
    """Only the base template: the least a signed-in page costs (session, user, roles, menu, layout)."""
    return render(request, "base.html")


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *project_urlpatterns]
