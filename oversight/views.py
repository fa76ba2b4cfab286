from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .permissions import clusters_overseen_by, is_referent


def home(request):
    """The ministry referent's landing page: the clusters they oversee."""
    if not is_referent(request.user):
        raise PermissionDenied
    return render(request, "oversight/home.html", {"clusters": list(clusters_overseen_by(request.user))})
