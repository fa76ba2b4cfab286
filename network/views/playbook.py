"""The ministry playbook's pages: the list, a ministry's current page and earlier versions, revisions and
suggestions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts.forms import add_refusal, form_error_messages
from clusters.models import Cluster

from .. import permissions
from ..forms.playbook import AcceptSuggestionForm, DeclineSuggestionForm, PlaybookForm, SuggestionForm
from ..models import Ministry
from ..services import playbook as services
from .knowledge import _require_reader


def ministry_list(request):
    _require_reader(request.user)
    ministries = Ministry.objects.all()
    return render(
        request,
        "network/ministry_list.html",
        {"ministries": ministries, "can_edit": permissions.can_edit_playbook(request.user)},
    )


def _decision_forms(suggestion, refused=None) -> None:
    """The editor's accept and decline forms of one open suggestion, each field with its own id on the page
    (id_text_<suggestion>, id_note_<suggestion>); `refused` = (decision, form) replaces one with a refused form."""
    suggestion.accept_form = AcceptSuggestionForm(initial={"text": suggestion.text}, auto_id=f"id_%s_{suggestion.pk}")
    suggestion.decline_form = DeclineSuggestionForm(auto_id=f"id_%s_{suggestion.pk}")
    if refused is not None:
        decision, form = refused
        setattr(suggestion, f"{decision}_form", form)


def _page_context(request, ministry: Ministry, version, *, refused=None):
    """The page's context; `refused` = (suggestion id, decision, form): that suggestion's refused decision."""
    user = request.user
    suggestions = list(permissions.suggestions_visible_to(user).filter(ministry=ministry, status="open"))
    if permissions.can_edit_playbook(user):
        for suggestion in suggestions:
            is_refused = refused is not None and suggestion.pk == refused[0]
            _decision_forms(suggestion, refused[1:] if is_refused else None)
    return {
        "ministry": ministry,
        "version": version,
        "versions": list(ministry.versions.only("pk", "number", "created_at", "change_note", "ministry_id")),
        "items": list(
            permissions.knowledge_visible_to(user).published().filter(ministries=ministry).order_by("-published_at")
        ),
        "calls": list(
            permissions.calls_visible_to(user).filter(ministry=ministry, is_posted=True).order_by("deadline")[:10]
        ),
        "suggestions": suggestions,
        "can_edit": permissions.can_edit_playbook(user),
        "can_suggest": permissions.can_suggest_playbook_change(user),
    }


def ministry_detail(request, slug):
    """A ministry's current page with the knowledge items about it and its calls."""
    _require_reader(request.user)
    ministry = get_object_or_404(Ministry, slug=slug)
    version = services.latest_version(ministry)
    context = _page_context(request, ministry, version)
    context["is_current"] = True
    return render(request, "network/ministry_detail.html", context)


def ministry_version(request, slug, number):
    _require_reader(request.user)
    ministry = get_object_or_404(Ministry, slug=slug)
    version = ministry.versions.filter(number=number).first()
    if version is None:
        raise Http404
    context = _page_context(request, ministry, version)
    context["is_current"] = version.number == context["versions"][0].number
    return render(request, "network/ministry_detail.html", context)


def ministry_edit(request, slug):
    """An editor revises the page: a new version, dated as reviewed today."""
    if not permissions.can_edit_playbook(request.user):
        raise PermissionDenied
    ministry = get_object_or_404(Ministry, slug=slug)
    current = services.latest_version(ministry)
    initial = {code: text for code, _label, text in current.sections()} if current else {}
    form = PlaybookForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        note = data.pop("change_note")
        try:
            services.publish_version(
                ministry=ministry, edited_by=request.user, change_note=note, request=request, **data
            )
        except ValidationError as error:
            add_refusal(form, error)
        else:
            messages.success(request, gettext("The page was saved as a new version."))
            return redirect("network:ministry_detail", slug=ministry.slug)
    return render(
        request,
        "network/ministry_form.html",
        {"form": form, "ministry": ministry, "current": current},
        status=400 if form.errors else 200,
    )


def suggest_change(request, slug):
    """A CEO suggests new text for one section; the editors decide."""
    if not permissions.can_suggest_playbook_change(request.user):
        raise PermissionDenied
    ministry = get_object_or_404(Ministry, slug=slug)
    clusters = Cluster.objects.filter(pk__in=permissions.ceo_clusters(request.user)).order_by("pk")
    form = SuggestionForm(request.POST or None, clusters=clusters, initial={"section": request.GET.get("section")})
    if request.method == "POST" and form.is_valid():
        services.suggest_change(ministry=ministry, suggested_by=request.user, request=request, **form.cleaned_data)
        messages.success(request, gettext("Thank you: the editors will consider your suggestion."))
        return redirect("network:ministry_detail", slug=ministry.slug)
    return render(request, "network/suggestion_form.html", {"form": form, "ministry": ministry})


@require_POST
def decide_suggestion(request, pk, decision):
    suggestion = get_object_or_404(permissions.suggestions_visible_to(request.user), pk=pk)
    if decision not in ("accept", "decline") or not permissions.can_decide_suggestion(request.user, suggestion):
        raise PermissionDenied
    form_class = AcceptSuggestionForm if decision == "accept" else DeclineSuggestionForm
    form = form_class(request.POST, auto_id=f"id_%s_{suggestion.pk}")
    if form.is_valid():
        try:
            if decision == "accept":
                services.accept_suggestion(
                    suggestion=suggestion, decided_by=request.user, text=form.cleaned_data["text"], request=request
                )
                messages.success(request, gettext("The suggestion is in the page's new version."))
            else:
                services.decline_suggestion(
                    suggestion=suggestion, decided_by=request.user, note=form.cleaned_data["note"], request=request
                )
                messages.success(request, gettext("The suggestion was declined."))
        except ValidationError as error:
            add_refusal(form, error)
        else:
            return redirect("network:ministry_detail", slug=suggestion.ministry.slug)
    return _suggestion_refused(request, suggestion, decision, form)


def _suggestion_refused(request, suggestion, decision, form):
    """The ministry's page again with the refused decision beside its suggestion (400). A suggestion no longer open
    (another editor decided it first) is not on the page: the errors are messages above it instead."""
    ministry = suggestion.ministry
    context = _page_context(
        request, ministry, services.latest_version(ministry), refused=(suggestion.pk, decision, form)
    )
    if not any(shown.pk == suggestion.pk for shown in context["suggestions"]):
        for message in form_error_messages(form):
            messages.error(request, message)
        return redirect("network:ministry_detail", slug=ministry.slug)
    context["is_current"] = True
    return render(request, "network/ministry_detail.html", context, status=400)
