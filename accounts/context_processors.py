from django.apps import apps
from django.conf import settings


def navigation(request):
    """The navigation entries this person's roles may use, gathered from each app's `nav_items`."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "public_signup": settings.ACCOUNT_PUBLIC_SIGNUP}
    roles = user.roles
    items = []
    for config in apps.get_app_configs():
        for url_name, label, allowed in getattr(config, "nav_items", ()):
            if allowed is None or roles.intersection(allowed):
                items.append({"url_name": url_name, "label": label})
    return {"nav_items": items, "user_roles": roles, "public_signup": settings.ACCOUNT_PUBLIC_SIGNUP}
