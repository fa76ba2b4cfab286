from datetime import date

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import check_for_language, gettext
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from . import services
from .forms import AcceptInvitationForm, InvitationForm
from .models import audit_action_labels
from .pagination import CountlessPaginator
from .permissions import (
    audit_events_visible_to,
    can_invite,
    can_revoke_invitation,
    invitable_roles,
    invitations_visible_to,
)
from .roles import Role
from .todo import needs_doing

# When a person holds several roles, the first in this order decides their home page.
HOME_PRIORITY = [
    Role.PLATFORM_ADMIN,
    Role.HEAD_REFERENT,
    Role.REFERENT_INTERIOR,
    Role.REFERENT_TREASURY,
    Role.CURATOR,
    Role.KNOWLEDGE_EDITOR,
    Role.CLUSTER_CEO,
    Role.BOARD_MEMBER,
    Role.ORGANISATION_MANAGER,
    Role.ADVISOR,
]

PAGE_SIZE = 25


@login_not_required
def accessibility_statement(request):
    """The accessibility statement the regulations require: coordinator, last audit and known limitations (settings)."""
    last_audit = None
    if settings.ACCESSIBILITY_LAST_AUDIT:
        try:
            last_audit = date.fromisoformat(settings.ACCESSIBILITY_LAST_AUDIT)
        except ValueError:
            last_audit = None
    coordinator = {
        "name": settings.ACCESSIBILITY_COORDINATOR_NAME,
        "email": settings.ACCESSIBILITY_COORDINATOR_EMAIL,
        "phone": settings.ACCESSIBILITY_COORDINATOR_PHONE,
    }
    return render(
        request,
        "accessibility.html",
        {
            "coordinator": coordinator if any(coordinator.values()) else None,
            "last_audit": last_audit,
            "limitations": settings.ACCESSIBILITY_KNOWN_LIMITATIONS,
        },
    )


@login_not_required
def health(request):
    """Liveness and readiness for load balancers: the database answers, and Redis when it is configured."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    return JsonResponse({"ok": all(checks.values()), **checks}, status=200 if all(checks.values()) else 503)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def _cache_ok() -> bool:
    # A cache that falls back to local memory while Redis is down (config.cache) is asked about Redis itself.
    is_reachable = getattr(cache, "is_reachable", None)
    if is_reachable is not None:
        return is_reachable()
    try:
        cache.set("health-check", "ok", 5)
        return cache.get("health-check") == "ok"
    except Exception:  # noqa: BLE001 — any cache failure means not ready
        return False


def role_home_url_names() -> dict[str, str]:
    """Each app declares `role_homes` on its AppConfig: the landing page of each role it serves."""
    homes: dict[str, str] = {}
    for config in apps.get_app_configs():
        homes.update(getattr(config, "role_homes", {}))
    return homes


def home(request):
    """Send each person to their role's home page; a person with no role yet sees what to do next."""
    homes = role_home_url_names()
    for role in HOME_PRIORITY:
        if request.user.has_role(role) and role in homes:
            return redirect(homes[role])
    return render(request, "accounts/home.html", {"needs_doing": needs_doing(request.user)})


@login_not_required
@require_POST
def switch_language(request):
    """Django's set_language, remembered on the person's account when they are signed in."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        services.set_preferred_language(user=request.user, language=language, request=request)
    return response


def invitation_list(request):
    if not can_invite(request.user):
        raise PermissionDenied
    invitations = invitations_visible_to(request.user).order_by("-created_at")
    page = Paginator(invitations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/invitation_list.html", {"page": page})


def invitation_create(request):
    roles = invitable_roles(request.user)
    if not roles:
        raise PermissionDenied
    form = InvitationForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation, _token = services.create_invitation(
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                scope=data["scope"],
                invited_by=request.user,
                request=request,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, gettext("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("accounts:invitation_list")
    return render(
        request,
        "accounts/invitation_form.html",
        {"form": form, "valid_days": settings.INVITATION_VALID_DAYS},
        status=400 if form.errors else 200,
    )


@require_POST
def invitation_revoke(request, pk):
    invitation = get_object_or_404(invitations_visible_to(request.user), pk=pk)
    if not can_revoke_invitation(request.user, invitation):
        raise PermissionDenied
    services.revoke_invitation(invitation=invitation, revoked_by=request.user, request=request)
    messages.success(request, gettext("Invitation revoked."))
    return redirect("accounts:invitation_list")


@login_not_required
def invitation_accept(request, token):
    """The link in an invitation email: set a password (or confirm as the signed-in person) and take the role."""
    invitation = services.find_invitation(token)
    usable = invitation is not None and invitation.accepted_at is None and invitation.revoked_at is None
    if not usable or invitation.is_expired:
        return render(request, "accounts/invitation_invalid.html", status=410 if invitation else 404)
    signed_in = request.user if request.user.is_authenticated else None
    form = None if signed_in else AcceptInvitationForm(request.POST or None, email=invitation.email)
    error = None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            user = services.accept_invitation(
                invitation=invitation,
                user=signed_in,
                password=form.cleaned_data["password1"] if form else "",
                full_name=form.cleaned_data["full_name"] if form else "",
                request=request,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            if signed_in is None:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, gettext("Welcome. Your role is now active."))
            return redirect("home")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "form": form, "error": error, "signed_in": signed_in},
        status=status,
    )


def audit_log(request):
    if not request.user.has_role(Role.PLATFORM_ADMIN):
        raise PermissionDenied
    events = audit_events_visible_to(request.user)
    labels = audit_action_labels()
    action = request.GET.get("action", "")
    if action:
        # only the platform's own actions are looked up: anything else (a NUL byte, say) finds nothing
        events = events.filter(action=action) if action in labels else events.none()
    # The log grows with every action on the platform: pages are read without counting it.
    page = CountlessPaginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/audit_log.html",
        {
            "page": page,
            "actions": sorted(labels.items(), key=lambda item: str(item[1])),
            "action": action,
        },
    )


def admin_home(request):
    if not request.user.has_role(Role.PLATFORM_ADMIN):
        raise PermissionDenied
    return render(request, "accounts/admin_home.html", {"needs_doing": needs_doing(request.user)})
