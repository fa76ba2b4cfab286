from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts.fields import id_param
from accounts.forms import add_refusal
from accounts.memo import Memo, render_each
from accounts.models import User
from accounts.pagination import CountedWithPagePaginator
from accounts.roles import Role
from accounts.spreadsheets import table_to_csv
from accounts.todo import needs_doing

from . import selectors, services
from .filters import CatalogueFilter
from .forms import (
    DECIDED_STATES,
    ApplicationOrganisationForm,
    DecisionForm,
    OrganisationForm,
    OrganisationListForm,
    OutcomeForm,
    ProfileForm,
    ShortlistEntryForm,
    ShortlistForm,
)
from .models import AdvisorOrganisation, AdvisorProfile, Need, Outcome, VettingState
from .permissions import (
    can_apply_as_advisor,
    can_curate,
    can_edit_organisation,
    can_edit_profile,
    can_search_catalogue,
    can_see_track_record,
    can_shortlist,
    ceo_clusters,
    organisations_managed_by,
    organisations_of,
    profiles_visible_to,
    shortlist_entries_visible_to,
    shortlists_visible_to,
)

PAGE_SIZE = 20
# Shown at once in the catalogue's search form; the others are under "More filters".
MAIN_FILTERS = ("q", "need", "region", "sort")


def home(request):
    """The advisor's and organisation manager's landing page: their profiles, organisations and what is due."""
    if not request.user.has_role(Role.ADVISOR, Role.ORGANISATION_MANAGER):
        raise PermissionDenied
    organisations = list(organisations_of(request.user))
    managed = set(request.user.scope_ids(Role.ORGANISATION_MANAGER))
    profiles = list(profiles_visible_to(request.user).order_by("organisation__name", "pk"))
    own = next((profile for profile in profiles if profile.person_id == request.user.pk), None)
    return render(
        request,
        "advisors/home.html",
        {
            "organisations": organisations,
            "managed_ids": managed,
            "profiles": profiles,
            "own_profile": own,
            "is_advisor": request.user.has_role(Role.ADVISOR),
            "needs_doing": needs_doing(request.user),
        },
    )


# The catalogue's cards as rendered, by what each shows (advisors/includes/profile_card.html): a card is rendered
# again only once its profile, organisation or track record changed.
_CARDS = Memo(4096)


def _card(profile) -> dict:
    """What a profile's card in the catalogue shows, as plain values (the key its HTML is kept under)."""
    organisation = profile.organisation
    return {
        "pk": profile.pk,
        "name": profile.name,
        "organisation": organisation.name,
        "kind": str(organisation.get_kind_display()),
        "relationship": str(organisation.get_relationship_model_display()),
        "headline": profile.headline,
        "bio": profile.bio,
        "needs": tuple(str(need.label) for need in profile.needs.all()),
        "regions": tuple(profile.region_labels),
        "languages": tuple(profile.language_labels),
        "orientation": str(profile.get_orientation_display()),
        "day_rate": profile.day_rate,
        "shows_ratings": profile.shows_ratings,
        "rating": profile.rating_overall,
        "review_count": profile.review_count,
        "completed_engagements": profile.completed_engagements,
    }


def catalogue(request):
    """Search and filter the catalogue: only vetted organisations' published, fresh profiles."""
    if not can_search_catalogue(request.user):
        raise PermissionDenied
    catalogue_filter = CatalogueFilter(request.GET or None, queryset=selectors.listed_profiles())
    # counted with the page: a word search runs once, not once more for the count
    page = CountedWithPagePaginator(catalogue_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "advisors/catalogue.html",
        {
            "filter": catalogue_filter,
            "page": page,
            "cards": render_each(_CARDS, "advisors/includes/profile_card.html", map(_card, page.object_list)),
            "can_shortlist": can_shortlist(request.user),
            "main_filters": MAIN_FILTERS,
            "more_filters_used": any(
                request.GET.get(name) for name in catalogue_filter.filters if name not in MAIN_FILTERS
            ),
        },
    )


def profile_detail(request, pk, *, decision_form=None):
    """A profile with its track record. A CEO reaches only listed profiles; anything else is a 404.

    `decision_form`: the curator's refused suspension, shown with its errors (400)."""
    profile = get_object_or_404(selectors.profile_for_page(profiles_visible_to(request.user)), pk=pk)
    shortlists = list(shortlists_visible_to(request.user)) if can_shortlist(request.user) else []
    served = profile.top_needs_served
    labels = {need.code: need.label for need in Need.objects.filter(code__in=[code for code, _n in served])}
    needs_served = [(labels.get(code, code), count) for code, count in served]
    return render(
        request,
        "advisors/profile_detail.html",
        {
            "profile": profile,
            "can_edit": can_edit_profile(request.user, profile),
            "can_see_track_record": can_see_track_record(request.user, profile),
            "can_curate": can_curate(request.user),
            "can_shortlist": can_shortlist(request.user),
            "entry_form": ShortlistEntryForm(shortlists=shortlists_visible_to(request.user)) if shortlists else None,
            "shortlists": shortlists,
            "decision_form": decision_form or DecisionForm(),
            "min_reviews": settings.ADVISORS_MIN_REVIEWS_SHOWN,
            "needs_served": needs_served,
        },
        status=400 if decision_form is not None else 200,
    )


def _profile_form_page(request, *, person, organisation, profile: AdvisorProfile | None):
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            try:
                saved = services.save_profile(person=person, organisation=organisation, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, gettext("The profile was saved."))
                return redirect("advisors:profile_detail", pk=saved.pk)
    else:
        form = ProfileForm(initial=ProfileForm.initial_for(profile) if profile else None)
    return render(request, "advisors/profile_form.html", {"form": form, "profile": profile})


def my_profile(request):
    """An advisor creates or edits their own profile, in the organisation their advisor role belongs to."""
    if not request.user.has_role(Role.ADVISOR):
        raise PermissionDenied
    profile = AdvisorProfile.objects.filter(person=request.user).select_related("organisation").first()
    if profile is not None:
        return redirect("advisors:profile_edit", pk=profile.pk)
    organisation = AdvisorOrganisation.objects.filter(pk__in=request.user.scope_ids(Role.ADVISOR)).first()
    if organisation is None:
        raise PermissionDenied
    return _profile_form_page(request, person=request.user, organisation=organisation, profile=None)


def profile_edit(request, pk):
    profile = get_object_or_404(profiles_visible_to(request.user), pk=pk)
    if not can_edit_profile(request.user, profile):
        raise PermissionDenied
    return _profile_form_page(request, person=profile.person, organisation=profile.organisation, profile=profile)


@require_POST
def profile_reconfirm(request, pk):
    profile = get_object_or_404(profiles_visible_to(request.user), pk=pk)
    if not can_edit_profile(request.user, profile):
        raise PermissionDenied
    services.reconfirm_profile(profile=profile, confirmed_by=request.user)
    messages.success(request, gettext("Thank you: the profile is confirmed for another period."))
    return redirect("advisors:profile_detail", pk=profile.pk)


def organisation_edit(request, pk):
    organisation = get_object_or_404(organisations_managed_by(request.user), pk=pk)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.update_organisation(organisation=organisation, updated_by=request.user, **form.cleaned_data)
        messages.success(request, gettext("The organisation was saved."))
        return redirect("advisors:home")
    return render(request, "advisors/organisation_form.html", {"form": form, "organisation": organisation})


def apply(request):
    """A signed-in person without a role applies to join the catalogue: their organisation and their profile."""
    if not can_apply_as_advisor(request.user):
        raise PermissionDenied
    organisation_form = ApplicationOrganisationForm(request.POST or None)
    profile_form = ProfileForm(request.POST or None, prefix="profile")
    if request.method == "POST" and organisation_form.is_valid() and profile_form.is_valid():
        try:
            services.apply_as_advisor(
                person=request.user,
                organisation_values=organisation_form.cleaned_data,
                profile_values=profile_form.cleaned_data,
                request=request,
            )
        except ValidationError as error:
            profile_form.add_error(None, error)
        else:
            messages.success(request, gettext("Your application was sent. A curator will review it."))
            return redirect("advisors:home")
    return render(
        request, "advisors/apply.html", {"organisation_form": organisation_form, "profile_form": profile_form}
    )


# Curators


PROFILES_TO_CHECK_PAGE_SIZE = 50
_WAITING_ROWS = Memo(1024)  # the curator's queue of new profiles, a row by its content
ORGANISATIONS_PAGE_SIZE = 50
LATEST_DECIDED = 10  # of each state, on the curator's home
STATE_HEADINGS = {
    VettingState.VETTED: _("Vetted organisations"),
    VettingState.SUSPENDED: _("Suspended organisations"),
    VettingState.REJECTED: _("Rejected applications"),
}


def _waiting(row: dict) -> dict:
    """A profile waiting for a check, as its row shows it."""
    person = User(full_name=row["person__full_name"], email=row["person__email"])  # for its name's rule, not saved
    return {
        "pk": row["pk"],
        "name": person.get_full_name(),
        "organisation": row["organisation__name"],
        "created_at": row["created_at"],
    }


def curator_home(request):
    """The catalogue curator's landing page: the applications queue and the organisations by state."""
    if not can_curate(request.user):
        raise PermissionDenied
    # New profiles may come by the thousand (a whole organisation's at once): a page at a time, read in the database.
    queue = selectors.profiles_awaiting_check().values(
        "pk", "person__full_name", "person__email", "organisation__name", "created_at"
    )
    page = Paginator(queue, PROFILES_TO_CHECK_PAGE_SIZE).get_page(request.GET.get("page"))
    waiting = [_waiting(row) for row in page]
    counts = selectors.organisation_counts_by_state()
    # The organisations already decided come by the hundred: the latest few of each state, and a count that links
    # to the whole list (organisations).
    decided = [
        (state, STATE_HEADINGS[state], counts.get(state, 0), selectors.latest_decided(state, LATEST_DECIDED))
        for state in DECIDED_STATES
    ]
    return render(
        request,
        "advisors/curator_home.html",
        {
            "applications": list(selectors.organisations_awaiting_vetting()),
            "profiles_to_check": waiting,
            "waiting_html": render_each(_WAITING_ROWS, "advisors/includes/waiting_row.html", waiting),
            "page": page,
            "decided": decided,
            "needs_doing": needs_doing(request.user),
        },
    )


def organisations(request):
    """Every organisation in one vetting state (vetted by default), by name, a page at a time."""
    if not can_curate(request.user):
        raise PermissionDenied
    form = OrganisationListForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    state = filters.get("state") or VettingState.VETTED
    listed = selectors.organisations_by_state(state, name_contains=filters.get("q", ""))
    page = Paginator(listed, ORGANISATIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "advisors/organisations.html",
        {
            "form": form,
            "state": state,
            "state_label": STATE_HEADINGS[state],
            "organisations": list(page.object_list),
            "page": page,
        },
    )


def organisation_review(request, pk, *, form=None):
    """An organisation's application and the curator's decision; `form` is a refused decision, shown with its
    errors (400)."""
    if not can_curate(request.user):
        raise PermissionDenied
    organisation = get_object_or_404(AdvisorOrganisation.objects.select_related("applied_by"), pk=pk)
    profiles = list(organisation.profiles.select_related("person").prefetch_related("needs"))
    return render(
        request,
        "advisors/organisation_review.html",
        {"organisation": organisation, "profiles": profiles, "form": form or DecisionForm()},
        status=400 if form is not None else 200,
    )


DECISIONS = {
    "vet": services.vet_organisation,
    "reject": services.reject_organisation,
    "suspend": services.suspend_organisation,
}


@require_POST
def organisation_decide(request, pk, decision):
    if not can_curate(request.user):
        raise PermissionDenied
    organisation = get_object_or_404(AdvisorOrganisation, pk=pk)
    service = DECISIONS.get(decision)
    if service is None:
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return organisation_review(request, organisation.pk, form=form)
    try:
        changed = service(
            organisation=organisation,
            decided_by=request.user,
            reason=form.cleaned_data.get("reason", ""),
            request=request,
        )
    except ValidationError as error:
        add_refusal(form, error)
        return organisation_review(request, organisation.pk, form=form)
    if changed:
        messages.success(request, gettext("The decision was recorded and the organisation informed."))
    else:
        messages.warning(request, gettext("The organisation's state had already changed; nothing was done."))
    return redirect("advisors:organisation_review", pk=organisation.pk)


@require_POST
def profile_check(request, pk):
    """A curator checks a new profile, so the catalogue may list it."""
    if not can_curate(request.user):
        raise PermissionDenied
    profile = get_object_or_404(AdvisorProfile, pk=pk)
    if services.check_profile(profile=profile, checked_by=request.user, request=request):
        messages.success(request, gettext("The profile is checked; the catalogue lists it if it is published."))
    else:
        messages.warning(request, gettext("The profile had already been checked; nothing was done."))
    return redirect("advisors:profile_detail", pk=profile.pk)


@require_POST
def profile_suspend(request, pk):
    if not can_curate(request.user):
        raise PermissionDenied
    profile = get_object_or_404(AdvisorProfile, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return profile_detail(request, profile.pk, decision_form=form)
    try:
        if profile.suspended_at is None:
            services.suspend_profile(
                profile=profile, suspended_by=request.user, reason=form.cleaned_data.get("reason", ""), request=request
            )
        else:
            services.reinstate_profile(profile=profile, reinstated_by=request.user, request=request)
    except ValidationError as error:
        add_refusal(form, error)
        return profile_detail(request, profile.pk, decision_form=form)
    return redirect("advisors:profile_detail", pk=profile.pk)


def statistics(request):
    """Listed advisors per need and region: where supply is thin."""
    if not can_curate(request.user):
        raise PermissionDenied
    stats = selectors.catalogue_statistics()
    groups = selectors.need_groups()
    rows = []
    for group in groups:
        for need in group.needs.all():
            rows.append(
                {
                    "group": group,
                    "need": need,
                    "total": stats["per_need"].get(need.code, 0),
                    "cells": [stats["per_cell"].get((need.code, region.value), 0) for region in stats["regions"]],
                }
            )
    return render(
        request,
        "advisors/statistics.html",
        {
            "stats": stats,
            "rows": rows,
            "region_totals": [(region, stats["per_region"].get(region.value, 0)) for region in stats["regions"]],
        },
    )


# Shortlists


def shortlist_list(request):
    if not can_shortlist(request.user):
        raise PermissionDenied
    clusters = list(ceo_clusters(request.user))
    form = ShortlistForm(request.POST or None, clusters=ceo_clusters(request.user))
    if len(clusters) == 1:
        form.fields["cluster"].initial = clusters[0].pk
    if request.method == "POST" and form.is_valid():
        shortlist = services.create_shortlist(created_by=request.user, **form.cleaned_data)
        return redirect("advisors:shortlist_detail", pk=shortlist.pk)
    shortlists = shortlists_visible_to(request.user)
    return render(request, "advisors/shortlist_list.html", {"shortlists": list(shortlists), "form": form})


def shortlist_detail(request, pk):
    shortlist = get_object_or_404(shortlists_visible_to(request.user), pk=pk)
    entries = list(shortlist.entries.select_related("profile__person", "profile__organisation", "decided_by"))
    return render(
        request,
        "advisors/shortlist_detail.html",
        {
            "shortlist": shortlist,
            "entries": entries,
            "outcomes": Outcome.choices,
            # Once an advisor is chosen, the others wait for the CEO to say why they were not suitable.
            "has_chosen": any(entry.outcome == Outcome.CHOSEN for entry in entries),
            "pending_count": sum(entry.outcome == Outcome.PENDING for entry in entries),
        },
    )


@require_POST
def shortlist_add(request):
    if not can_shortlist(request.user):
        raise PermissionDenied
    profile = get_object_or_404(profiles_visible_to(request.user).listed(), pk=id_param(request.POST.get("profile")))
    form = ShortlistEntryForm(request.POST, shortlists=shortlists_visible_to(request.user))
    if not form.is_valid():
        messages.error(request, gettext("Choose one of your shortlists."))
        return redirect("advisors:profile_detail", pk=profile.pk)
    services.add_to_shortlist(
        shortlist=form.cleaned_data["shortlist"], profile=profile, note=form.cleaned_data["note"], added_by=request.user
    )
    messages.success(request, gettext("The advisor was added to the shortlist."))
    return redirect("advisors:shortlist_detail", pk=form.cleaned_data["shortlist"].pk)


@require_POST
def shortlist_outcome(request, pk):
    entry = get_object_or_404(shortlist_entries_visible_to(request.user), pk=pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        services.record_outcome(
            entry=entry,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
            decided_by=request.user,
        )
        messages.success(request, gettext("The outcome was recorded."))
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect("advisors:shortlist_detail", pk=entry.shortlist_id)


def shortlist_export(request, pk):
    """The selection record as CSV: who was considered, the notes, the outcome and why."""
    shortlist = get_object_or_404(shortlists_visible_to(request.user), pk=pk)
    header = [
        gettext("Advisor"),
        gettext("Organisation"),
        gettext("Note"),
        gettext("Outcome"),
        gettext("Reason"),
        gettext("Decided at"),
        gettext("Decided by"),
    ]
    entries = shortlist.entries.select_related("profile__person", "profile__organisation", "decided_by")
    rows = [
        [
            entry.profile.name,
            entry.profile.organisation.name,
            entry.note,
            entry.get_outcome_display(),
            entry.outcome_reason,
            timezone.localtime(entry.decided_at).strftime("%Y-%m-%d %H:%M") if entry.decided_at else "",
            str(entry.decided_by or ""),
        ]
        for entry in entries
    ]
    # Cells are made writable and escaped against formulas; the byte-order mark lets spreadsheets read UTF-8.
    response = HttpResponse(table_to_csv([header, *rows]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="shortlist-{shortlist.pk}.csv"'
    return response
