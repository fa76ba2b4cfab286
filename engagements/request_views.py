"""Pages of the optional requests: the CEO's requests and their proposals, the advisor's open requests and proposals.

Rows are fetched through the scopes of engagements.requests (404 outside them); predicates decide actions (403).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from accounts.fields import id_param
from accounts.roles import Role
from clusters.models import Goal

from . import requests
from .cluster_choice import ceo_cluster_choice
from .models import Proposal, ProposalState
from .request_forms import OpenRequestFilterForm, ProposalForm, RequestForm

OPEN_REQUESTS_PER_PAGE = 20


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _require_ceo(user) -> set[int]:
    ceo_of = user.scope_ids(Role.CLUSTER_CEO)
    if not ceo_of:
        raise PermissionDenied
    return ceo_of


def _require_advisor(user) -> None:
    if not user.has_role(Role.ADVISOR):
        raise PermissionDenied


def request_list(request):
    """The CEO's requests with the number of proposals each has."""
    _require_ceo(request.user)
    briefs = requests.requests_of_clusters(request.user)
    return render(request, "engagements/requests/list.html", {"briefs": briefs})


def request_new(request):
    """The CEO posts a request for one of the cluster's needs (a CEO of several clusters chooses with ?cluster=)."""
    _require_ceo(request.user)
    choice = ceo_cluster_choice(request)
    cluster = choice.cluster
    goals = Goal.objects.filter(service__cluster=cluster, is_active=True)
    form = RequestForm(request.POST or None, goals=goals)
    if request.method == "POST" and form.is_valid():
        try:
            brief = requests.post_request(
                cluster=cluster,
                posted_by=request.user,
                request=request,
                **{**form.cleaned_data, "goals": list(form.cleaned_data["goals"])},
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, gettext("The request is open; the advisors who cover the need are told."))
            return redirect("engagements:request_detail", pk=brief.pk)
    return render(request, "engagements/requests/form.html", {"form": form, "cluster": cluster, "choice": choice})


def request_detail(request, pk):
    """The CEO sees the brief with every proposal; a covering advisor sees the brief and answers it (POST)."""
    profile = requests.listed_profile_of(request.user)
    brief = get_object_or_404(requests.requests_visible_to(request.user, profile=profile), pk=pk)
    is_ceo = requests.is_ceo_of_request(request.user, brief)
    can_propose = False
    my_proposal = None
    form = None
    if profile is not None and not is_ceo:
        my_proposal = Proposal.objects.filter(request=brief, advisor=profile).first()
        can_propose = my_proposal is None and requests.can_propose(request.user, brief, profile)
        if can_propose:
            form = ProposalForm(request.POST or None)
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                requests.submit_proposal(brief=brief, advisor=request.user, request=request, **form.cleaned_data)
            except ValidationError as error:
                _errors(request, error)
            else:
                messages.success(request, gettext("Your proposal was sent to the cluster's CEO."))
                return redirect("engagements:request_detail", pk=brief.pk)
    proposals = []
    if is_ceo:
        proposals = list(brief.proposals.select_related("advisor__person", "advisor__organisation", "engagement"))
        for proposal in proposals:
            proposal.request = brief
            proposal.can_choose = requests.can_decide_proposal(request.user, proposal)
            proposal.can_shortlist = proposal.can_choose and proposal.state == ProposalState.SUBMITTED
    context = {
        "brief": brief,
        "goals": list(brief.goals.all()),
        "is_ceo": is_ceo,
        "proposals": proposals,
        "can_decide": is_ceo and brief.is_open,
        "my_proposal": my_proposal,
        "can_change": my_proposal is not None and requests.can_change_proposal(request.user, my_proposal),
        "can_propose": can_propose,
        "form": form,
    }
    return render(request, "engagements/requests/detail.html", context)


REQUEST_ACTIONS = {"close": requests.close_request, "withdraw": requests.withdraw_request}


@require_POST
def request_end(request, pk, action):
    """The CEO closes or withdraws an open request."""
    brief = get_object_or_404(requests.requests_visible_to(request.user), pk=pk)
    if action not in REQUEST_ACTIONS:
        raise Http404
    if not (requests.is_ceo_of_request(request.user, brief) and brief.is_open):
        raise PermissionDenied
    try:
        if action == "close":
            requests.close_request(brief=brief, closed_by=request.user, request=request)
        else:
            requests.withdraw_request(brief=brief, withdrawn_by=request.user, request=request)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, gettext("The request is now: %(state)s.") % {"state": brief.get_state_display()})
    return redirect("engagements:request_detail", pk=brief.pk)


def _proposal(request, pk) -> Proposal:
    return get_object_or_404(requests.proposals_visible_to(request.user), pk=pk)


def proposal_edit(request, pk):
    """The advisor edits their pending proposal."""
    proposal = _proposal(request, pk)
    if not requests.can_change_proposal(request.user, proposal):
        raise PermissionDenied
    initial = {"text": proposal.text, "hours": proposal.hours, "amount": proposal.amount}
    form = ProposalForm(request.POST or None, initial={**initial, "hourly_rate": proposal.hourly_rate})
    if request.method == "POST" and form.is_valid():
        try:
            requests.update_proposal(proposal=proposal, advisor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, gettext("Your proposal was updated."))
            return redirect("engagements:request_detail", pk=proposal.request_id)
    return render(request, "engagements/requests/proposal_form.html", {"proposal": proposal, "form": form})


@require_POST
def proposal_withdraw(request, pk):
    proposal = _proposal(request, pk)
    if not requests.can_change_proposal(request.user, proposal):
        raise PermissionDenied
    try:
        requests.withdraw_proposal(proposal=proposal, advisor=request.user, request=request)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, gettext("Your proposal was withdrawn."))
    return redirect("engagements:my_proposals")


@require_POST
def proposal_shortlist(request, pk):
    """The CEO shortlists a proposal; the advisor joins the request's shortlist for the need."""
    proposal = _proposal(request, pk)
    if not (requests.can_decide_proposal(request.user, proposal) and proposal.state == ProposalState.SUBMITTED):
        raise PermissionDenied
    try:
        requests.shortlist_proposal(proposal=proposal, shortlisted_by=request.user, request=request)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, gettext("The proposal was shortlisted."))
    return redirect("engagements:request_detail", pk=proposal.request_id)


def proposal_to_engage(request) -> Proposal | None:
    """For engagements:new: the pending proposal named by ?proposal=<id>, which the new engagement will choose."""
    raw = request.GET.get("proposal")
    if raw is None:
        return None
    proposal = get_object_or_404(requests.proposals_visible_to(request.user), pk=id_param(raw))
    if not requests.can_decide_proposal(request.user, proposal):
        raise PermissionDenied
    return proposal


def open_requests(request):
    """The open requests for the needs the advisor covers (listed profiles only), filtered by need, paginated."""
    _require_advisor(request.user)
    profile = requests.listed_profile_of(request.user)
    page = None
    form = None
    if profile is not None:
        form = OpenRequestFilterForm(request.GET or None, needs=profile.needs.all())
        need = form.cleaned_data["need"] if form.is_valid() else None
        briefs = requests.open_requests_for(profile, need=need)
        page = Paginator(briefs, OPEN_REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "engagements/requests/open.html", {"profile": profile, "form": form, "page": page})


def my_proposals(request):
    """The advisor's proposals and what became of them."""
    _require_advisor(request.user)
    profile = requests.listed_profile_of(request.user)
    proposals = []
    if profile is not None:
        proposals = requests.proposals_visible_to(request.user, profile=profile).filter(advisor=profile)
        proposals = proposals.order_by("-submitted_at", "-pk")
    return render(request, "engagements/requests/my_proposals.html", {"profile": profile, "proposals": proposals})
