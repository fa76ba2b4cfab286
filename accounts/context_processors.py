from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings


def language_next(request) -> str:
    """Where the language switch returns to: this page, or, for a page shown in answer to a POST (a refused form,
    whose address takes only POST), the page the form was sent from; the home page when that is the same address."""
    if request.method == "GET":
        return request.get_full_path()
    referer = request.META.get("HTTP_REFERER", "")
    if referer and urlsplit(referer).path != request.path:
        return referer  # set_language keeps it only when it is on this site
    return "/"


def navigation(request):
    """The navigation entries this person's roles may use, gathered from each app's `nav_items`."""
    user = getattr(request, "user", None)
    common = {"public_signup": settings.ACCOUNT_PUBLIC_SIGNUP, "language_next": language_next(request)}
    if user is None or not user.is_authenticated:
        return {"nav_items": [], **common}
    roles = user.roles
    items = []
    for config in apps.get_app_configs():
        for url_name, label, allowed in getattr(config, "nav_items", ()):
            if allowed is None or roles.intersection(allowed):
                items.append({"url_name": url_name, "label": label})
    return {"nav_items": items, "user_roles": roles, **common}
