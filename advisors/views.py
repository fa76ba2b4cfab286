from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from accounts.roles import Role

from .permissions import organisations_of


def home(request):
    """The advisor's and organisation manager's landing page."""
    if not request.user.has_role(Role.ADVISOR, Role.ORGANISATION_MANAGER):
        raise PermissionDenied
    return render(request, "advisors/home.html", {"organisations": list(organisations_of(request.user))})


def curator_home(request):
    """The catalogue curator's landing page."""
    if not request.user.has_role(Role.CURATOR):
        raise PermissionDenied
    return render(request, "advisors/curator_home.html")
