from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from accounts.roles import Role

from .permissions import clusters_visible_to


def home(request):
    """The cluster CEO's and board member's landing page."""
    if not request.user.has_role(Role.CLUSTER_CEO, Role.BOARD_MEMBER):
        raise PermissionDenied
    clusters = list(clusters_visible_to(request.user))
    return render(request, "clusters/home.html", {"clusters": clusters})
