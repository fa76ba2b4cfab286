"""Optional requests (briefs): a cluster CEO asks for a need, listed advisors who cover it answer with a proposal,
the CEO shortlists and turns one proposal into an engagement, and the others are told politely.

Who sees what: a request is seen by the CEO of its cluster, and, while it is open, by the advisors whose profile is
listed in the catalogue (vetted organisation, published, fresh, not suspended) and covers the request's need. An
advisor also keeps seeing a request they answered, as long as their profile stays listed. Nobody else sees any.
An advisor whose organisation a control mandate bars from the cluster (advisors.selectors.clusters_barred_to: in
force or within the cooling-off period) sees none of its requests, is not told of them and cannot answer them.
Scopes return QuerySets (a view fetches through them: 404 outside), predicates say who may act (403).

Workflows are transactions with conditional UPDATEs on the state they leave; a refusal raises RequestError with a
translated message and writes nothing. Emails go out after the commit, each in the recipient's language.
"""

from datetime import date
from decimal import Decimal

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from accounts.services import record_event
from advisors import services as advisor_services
from advisors.models import AdvisorProfile, Need, Outcome
from advisors.selectors import clusters_barred_to, is_barred, listed_profiles, organisations_barred_from
from clusters.models import Cluster, Goal
from clusters.selectors import leadership
from outbox.services import dispatch_task, send_email

from . import services
from .models import (
    PROPOSAL_PENDING_STATES,
    PROPOSAL_TEXT_MAX_LENGTH,
    Engagement,
    Proposal,
    ProposalState,
    Request,
    RequestState,
)


class RequestError(ValidationError):
    """A refused step of a request or a proposal; the message is translated and says why."""


# --- who sees what -------------------------------------------------------------------------------------------------


def listed_profile_of(user: User) -> AdvisorProfile | None:
    """The person's own profile if it is listed in the catalogue (with its needs loaded), else None."""
    if not user.is_authenticated or not user.has_role(Role.ADVISOR):
        return None
    return listed_profiles().filter(person_id=user.pk).first()


def requests_visible_to(user: User, *, profile: AdvisorProfile | None = None) -> QuerySet[Request]:
    """The requests of the clusters this person is CEO of; for an advisor with a listed profile, the open requests
    for a need the profile covers and the requests they answered. Everyone else: none."""
    briefs = Request.objects.select_related("cluster", "need")
    if not user.is_authenticated:
        return briefs.none()
    condition = Q(pk__in=[])
    ceo_of = user.scope_ids(Role.CLUSTER_CEO)
    if ceo_of:
        condition |= Q(cluster_id__in=ceo_of)
    profile = profile or listed_profile_of(user)
    if profile is not None:
        need_ids = [need.pk for need in profile.needs.all()]
        as_advisor = Q(state=RequestState.OPEN, need_id__in=need_ids)
        as_advisor |= Q(pk__in=Proposal.objects.filter(advisor=profile).values("request_id"))
        barred = clusters_barred_to(organisation_id=profile.organisation_id)
        condition |= as_advisor & ~Q(cluster_id__in=barred.values("pk"))
    return briefs.filter(condition)


def proposals_visible_to(user: User, *, profile: AdvisorProfile | None = None) -> QuerySet[Proposal]:
    """Proposals on the requests of the clusters this person is CEO of, and an advisor's own (profile listed)."""
    proposals = Proposal.objects.select_related(
        "request__cluster", "request__need", "advisor__person", "advisor__organisation"
    )
    if not user.is_authenticated:
        return proposals.none()
    condition = Q(pk__in=[])
    ceo_of = user.scope_ids(Role.CLUSTER_CEO)
    if ceo_of:
        condition |= Q(request__cluster_id__in=ceo_of)
    profile = profile or listed_profile_of(user)
    if profile is not None:
        barred = clusters_barred_to(organisation_id=profile.organisation_id)
        condition |= Q(advisor=profile) & ~Q(request__cluster_id__in=barred.values("pk"))
    return proposals.filter(condition)


def is_ceo_of_request(user: User, brief: Request) -> bool:
    return brief.cluster_id in user.scope_ids(Role.CLUSTER_CEO)


def can_post_request(user: User, cluster: Cluster) -> bool:
    """Only the cluster's own CEO asks on the cluster's behalf."""
    return cluster.pk in user.scope_ids(Role.CLUSTER_CEO)


def covers(profile: AdvisorProfile | None, brief: Request) -> bool:
    return profile is not None and any(need.pk == brief.need_id for need in profile.needs.all())


def is_barred_from_request(profile: AdvisorProfile, brief: Request) -> bool:
    """A control mandate (in force or within the cooling-off period) bars the profile's organisation from the
    request's cluster."""
    return is_barred(organisation_id=profile.organisation_id, cluster_id=brief.cluster_id)


def can_propose(user: User, brief: Request, profile: AdvisorProfile | None) -> bool:
    """A listed advisor covering the need answers an open request until its answer-by date, unless barred."""
    return (
        profile is not None
        and profile.person_id == user.pk
        and covers(profile, brief)
        and brief.takes_proposals
        and not is_barred_from_request(profile, brief)
    )


def can_change_proposal(user: User, proposal: Proposal) -> bool:
    """The advisor edits or withdraws their proposal while it is pending and the request is open, unless barred."""
    return (
        proposal.advisor.person_id == user.pk
        and proposal.is_pending
        and proposal.request.is_open
        and not is_barred_from_request(proposal.advisor, proposal.request)
    )


def can_decide_proposal(user: User, proposal: Proposal) -> bool:
    """The CEO shortlists or chooses a pending proposal of an open request of their cluster."""
    return is_ceo_of_request(user, proposal.request) and proposal.is_pending and proposal.request.is_open


# --- selectors -----------------------------------------------------------------------------------------------------


def requests_of_clusters(user: User) -> QuerySet[Request]:
    """The CEO's cluster requests with the number of live proposals and of shortlisted ones."""
    live = ~Q(proposals__state=ProposalState.WITHDRAWN)
    return (
        Request.objects.filter(cluster_id__in=user.scope_ids(Role.CLUSTER_CEO))
        .select_related("cluster", "need")
        .annotate(
            proposal_count=Count("proposals", filter=live),
            shortlisted_count=Count("proposals", filter=Q(proposals__state=ProposalState.SHORTLISTED)),
        )
    )


def open_requests_for(profile: AdvisorProfile, *, need: Need | None = None) -> QuerySet[Request]:
    """Open requests for the needs this listed profile covers, still taking proposals, soonest deadline first;
    `answered` says whether the advisor has already sent a proposal."""
    need_ids = [covered.pk for covered in profile.needs.all()]
    if need is not None:
        need_ids = [pk for pk in need_ids if pk == need.pk]
    barred = clusters_barred_to(organisation_id=profile.organisation_id)
    return (
        Request.objects.filter(state=RequestState.OPEN, need_id__in=need_ids, answer_by__gte=timezone.localdate())
        .exclude(cluster_id__in=barred.values("pk"))
        .select_related("cluster", "need")
        .annotate(answered=Exists(Proposal.objects.filter(request=OuterRef("pk"), advisor=profile)))
        .order_by("answer_by", "pk")
    )


def proposal_engagement_terms(proposal: Proposal) -> dict:
    """What engagements:new fills in when the CEO turns a proposal into an engagement."""
    brief = proposal.request
    scope = f"{brief.title}\n\n{brief.text}\n\n{_('Proposal')}:\n{proposal.text}"
    terms = {
        "needs": [brief.need_id],
        "goals": [goal.pk for goal in brief.goals.all()],
        "scope": scope,
        "starts_on": brief.starts_on,
        "ends_on": brief.ends_on,
        "budget_hours": proposal.hours,
        "budget_amount": proposal.amount,
    }
    if proposal.hourly_rate is not None:
        terms["hourly_rate"] = proposal.hourly_rate
    return {key: value for key, value in terms.items() if value not in (None, [])}


# --- the CEO's request ---------------------------------------------------------------------------------------------


def _check_dates(*, answer_by: date, starts_on: date | None, ends_on: date | None) -> None:
    if answer_by < timezone.localdate():
        raise RequestError(_("The answer-by date must not be in the past."))
    if starts_on and ends_on and ends_on < starts_on:
        raise RequestError(_("The end date must not be before the start date."))


@transaction.atomic
def post_request(
    *,
    cluster: Cluster,
    need: Need,
    title: str,
    text: str,
    answer_by: date,
    goals: list[Goal] | None = None,
    budget_hint: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    posted_by: User,
    request: HttpRequest | None = None,
) -> Request:
    """The cluster's CEO posts a brief for a need; the listed advisors who cover it are told after the commit."""
    if not can_post_request(posted_by, cluster):
        raise RequestError(_("Only the cluster's CEO can post a request for the cluster."))
    title, text = title.strip(), text.strip()
    if not title or not text:
        raise RequestError(_("A request needs a title and a brief."))
    _check_dates(answer_by=answer_by, starts_on=starts_on, ends_on=ends_on)
    goals = list(goals or [])
    if any(goal.service.cluster_id != cluster.pk for goal in goals):
        raise RequestError(_("Goals served must be goals of this cluster."))
    brief = Request.objects.create(
        cluster=cluster,
        need=need,
        title=title,
        text=text,
        answer_by=answer_by,
        budget_hint=budget_hint.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=posted_by,
    )
    brief.goals.set(goals)
    record_event(action="request_posted", actor=posted_by, target=brief, request=request)
    dispatch_task(key=f"request-announce:{brief.pk}", task="engagements.requests.announce_request", args=(brief.pk,))
    return brief


@transaction.atomic
def _end_request(*, brief: Request, to_state: str, by: User, action: str, request: HttpRequest | None) -> Request:
    if not is_ceo_of_request(by, brief):
        raise RequestError(_("Only the cluster's CEO can manage this request."))
    now = timezone.now()
    if not Request.objects.filter(pk=brief.pk, state=RequestState.OPEN).update(state=to_state, closed_at=now):
        raise RequestError(_("This request is no longer open."))
    pending = Proposal.objects.filter(request=brief, state__in=PROPOSAL_PENDING_STATES)
    pending.update(state=ProposalState.NOT_CHOSEN, decided_at=now)
    record_event(action=action, actor=by, target=brief, request=request)
    _dispatch_decisions(brief)
    brief.refresh_from_db()
    return brief


def close_request(*, brief: Request, closed_by: User, request: HttpRequest | None = None) -> Request:
    """The CEO closes an open request without choosing; pending proposals are not chosen and told so politely."""
    return _end_request(
        brief=brief, to_state=RequestState.CLOSED, by=closed_by, action="request_closed", request=request
    )


def withdraw_request(*, brief: Request, withdrawn_by: User, request: HttpRequest | None = None) -> Request:
    """The CEO withdraws an open request (the need went away); pending proposals are told so politely."""
    return _end_request(
        brief=brief, to_state=RequestState.WITHDRAWN, by=withdrawn_by, action="request_withdrawn", request=request
    )


# --- the advisor's proposal ----------------------------------------------------------------------------------------


def _check_figures(*, text: str, hours, amount, hourly_rate) -> str:
    text = (text or "").strip()
    if not text:
        raise RequestError(_("Write a short proposal."))
    if len(text) > PROPOSAL_TEXT_MAX_LENGTH:
        raise RequestError(_("A proposal is at most %(count)d characters long.") % {"count": PROPOSAL_TEXT_MAX_LENGTH})
    if (hours is not None and hours <= 0) or (amount is not None and amount <= 0):
        raise RequestError(_("Proposed hours and amount must be more than zero."))
    if hourly_rate is not None and hourly_rate < 0:
        raise RequestError(_("The hourly rate must not be negative."))
    return text


def _check_not_barred(profile: AdvisorProfile, brief: Request) -> None:
    if is_barred_from_request(profile, brief):
        raise RequestError(
            _(
                "Your organisation holds, or held in the cooling-off period, a control or audit mandate over this "
                "cluster, so you cannot answer its requests."
            )
        )


def _check_answer_by(brief: Request) -> None:
    if timezone.localdate() > brief.answer_by:
        raise RequestError(
            _("Proposals to this request were due by %(date)s; it takes no more.")
            % {"date": formats.date_format(brief.answer_by, "SHORT_DATE_FORMAT")}
        )


@transaction.atomic
def submit_proposal(
    *,
    brief: Request,
    advisor: User,
    text: str,
    hours: Decimal | None = None,
    amount: Decimal | None = None,
    hourly_rate: Decimal | None = None,
    request: HttpRequest | None = None,
) -> Proposal:
    """A listed advisor covering the need answers an open request, once, until its answer-by date."""
    profile = listed_profile_of(advisor)
    if not covers(profile, brief):
        raise RequestError(_("Only listed advisors who cover this need can answer this request."))
    _check_not_barred(profile, brief)
    text = _check_figures(text=text, hours=hours, amount=amount, hourly_rate=hourly_rate)
    # Lock the request, so a proposal cannot slip in while the CEO closes it.
    locked = Request.objects.select_for_update().get(pk=brief.pk)
    if not locked.is_open:
        raise RequestError(_("This request is closed and takes no more proposals."))
    _check_answer_by(locked)
    if Proposal.objects.filter(request=locked, advisor=profile).exists():
        raise RequestError(_("You have already answered this request; edit your proposal instead."))
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                request=locked, advisor=profile, text=text, hours=hours, amount=amount, hourly_rate=hourly_rate
            )
    except IntegrityError as error:
        raise RequestError(_("You have already answered this request; edit your proposal instead.")) from error
    record_event(action="proposal_submitted", actor=advisor, target=proposal, request=request)
    dispatch_task(
        key=f"proposal-received:{proposal.pk}",
        task="engagements.requests.send_proposal_received",
        args=(proposal.pk,),
    )
    return proposal


@transaction.atomic
def update_proposal(
    *,
    proposal: Proposal,
    advisor: User,
    text: str,
    hours: Decimal | None = None,
    amount: Decimal | None = None,
    hourly_rate: Decimal | None = None,
    request: HttpRequest | None = None,
) -> Proposal:
    """The advisor edits a pending proposal while the request is open and before its answer-by date."""
    _check_not_barred(proposal.advisor, proposal.request)
    if not can_change_proposal(advisor, proposal):
        raise RequestError(_("Only your pending proposal to an open request can be changed."))
    text = _check_figures(text=text, hours=hours, amount=amount, hourly_rate=hourly_rate)
    locked = Request.objects.select_for_update().get(pk=proposal.request_id)
    _check_answer_by(locked)
    updated = Proposal.objects.filter(
        pk=proposal.pk, state__in=PROPOSAL_PENDING_STATES, request__state=RequestState.OPEN
    ).update(text=text, hours=hours, amount=amount, hourly_rate=hourly_rate, updated_at=timezone.now())
    if not updated:
        raise RequestError(_("Only your pending proposal to an open request can be changed."))
    record_event(action="proposal_updated", actor=advisor, target=proposal, request=request)
    proposal.refresh_from_db()
    return proposal


@transaction.atomic
def withdraw_proposal(*, proposal: Proposal, advisor: User, request: HttpRequest | None = None) -> Proposal:
    """The advisor withdraws a pending proposal while the request is open."""
    if not can_change_proposal(advisor, proposal):
        raise RequestError(_("Only your pending proposal to an open request can be changed."))
    updated = Proposal.objects.filter(
        pk=proposal.pk, state__in=PROPOSAL_PENDING_STATES, request__state=RequestState.OPEN
    ).update(state=ProposalState.WITHDRAWN, decided_at=timezone.now())
    if not updated:
        raise RequestError(_("Only your pending proposal to an open request can be changed."))
    record_event(action="proposal_withdrawn", actor=advisor, target=proposal, request=request)
    proposal.refresh_from_db()
    return proposal


# --- the CEO's decision --------------------------------------------------------------------------------------------


def _shortlist_entry(*, brief: Request, proposal: Proposal, by: User):
    """The proposal's entry on the request's shortlist (made for the need and titled after the request)."""
    if proposal.shortlist_entry_id:
        return proposal.shortlist_entry
    shortlist = brief.shortlist
    if shortlist is None:
        shortlist = advisor_services.create_shortlist(
            cluster=brief.cluster, need=brief.need, title=brief.title, created_by=by
        )
        Request.objects.filter(pk=brief.pk).update(shortlist=shortlist)
        brief.shortlist = shortlist
    entry = advisor_services.add_to_shortlist(
        shortlist=shortlist, profile=proposal.advisor, note=proposal.text[:500], added_by=by
    )
    Proposal.objects.filter(pk=proposal.pk).update(shortlist_entry=entry)
    proposal.shortlist_entry = entry
    return entry


@transaction.atomic
def shortlist_proposal(*, proposal: Proposal, shortlisted_by: User, request: HttpRequest | None = None) -> Proposal:
    """The CEO shortlists a submitted proposal; the advisor joins the request's shortlist for the need."""
    if not is_ceo_of_request(shortlisted_by, proposal.request):
        raise RequestError(_("Only the cluster's CEO can decide on proposals to this request."))
    brief = (
        Request.objects.select_for_update(of=("self",))
        .select_related("cluster", "need", "shortlist")
        .get(pk=proposal.request_id)
    )
    if not brief.is_open:
        raise RequestError(_("This request is no longer open."))
    updated = Proposal.objects.filter(pk=proposal.pk, state=ProposalState.SUBMITTED).update(
        state=ProposalState.SHORTLISTED
    )
    if not updated:
        raise RequestError(_("Only a submitted proposal can be shortlisted."))
    _shortlist_entry(brief=brief, proposal=proposal, by=shortlisted_by)
    record_event(action="proposal_shortlisted", actor=shortlisted_by, target=proposal, request=request)
    proposal.refresh_from_db()
    return proposal


@transaction.atomic
def choose_proposal(
    *, proposal: Proposal, engagement: Engagement, chosen_by: User, request: HttpRequest | None = None
) -> Proposal:
    """The engagement made from this proposal chooses it: the request closes, the other pending proposals are not
    chosen, the shortlist keeps the outcomes (chosen; not suitable because another proposal was chosen), and every
    advisor concerned is told after the commit."""
    if not is_ceo_of_request(chosen_by, proposal.request):
        raise RequestError(_("Only the cluster's CEO can decide on proposals to this request."))
    brief = (
        Request.objects.select_for_update(of=("self",))
        .select_related("cluster", "need", "shortlist")
        .get(pk=proposal.request_id)
    )
    if not brief.is_open:
        raise RequestError(_("This request is no longer open."))
    if engagement.advisor_id != proposal.advisor_id or engagement.cluster_id != brief.cluster_id:
        raise RequestError(_("The engagement must be with this advisor, for this request's cluster."))
    now = timezone.now()
    chosen = Proposal.objects.filter(pk=proposal.pk, state__in=PROPOSAL_PENDING_STATES).update(
        state=ProposalState.CHOSEN, decided_at=now, engagement=engagement
    )
    if not chosen:
        raise RequestError(_("Only a pending proposal can be chosen."))
    others = list(
        Proposal.objects.filter(request=brief, state__in=PROPOSAL_PENDING_STATES)
        .exclude(pk=proposal.pk)
        .select_related("shortlist_entry")
    )
    Proposal.objects.filter(pk__in=[other.pk for other in others]).update(
        state=ProposalState.NOT_CHOSEN, decided_at=now
    )
    Request.objects.filter(pk=brief.pk).update(state=RequestState.CLOSED, closed_at=now)
    proposal.refresh_from_db()
    entry = _shortlist_entry(brief=brief, proposal=proposal, by=chosen_by)
    advisor_services.record_outcome(entry=entry, outcome=Outcome.CHOSEN, decided_by=chosen_by)
    reason = _("Another proposal was chosen")
    for other in others:
        if other.shortlist_entry is not None:
            advisor_services.record_outcome(
                entry=other.shortlist_entry, outcome=Outcome.NOT_SUITABLE, reason=reason, decided_by=chosen_by
            )
    record_event(
        action="proposal_chosen",
        actor=chosen_by,
        target=proposal,
        request=request,
        data={"engagement": engagement.pk},
    )
    _dispatch_decisions(brief)
    return proposal


@transaction.atomic
def engage_from_proposal(
    *, proposal: Proposal, created_by: User, request: HttpRequest | None = None, **terms
) -> Engagement:
    """Draft the engagement (engagements.services.create_engagement) and choose the proposal, in one transaction."""
    engagement = services.create_engagement(created_by=created_by, request=request, **terms)
    choose_proposal(proposal=proposal, engagement=engagement, chosen_by=created_by, request=request)
    return engagement


# --- notifications (Celery tasks: take ids, read the current state, safe to run twice) --------------------------


def _dispatch_decisions(brief: Request) -> None:
    # A request ends once (closed, withdrawn or a proposal chosen), so the request names the cause.
    dispatch_task(
        key=f"proposal-decisions:{brief.pk}", task="engagements.requests.send_proposal_decisions", args=(brief.pk,)
    )


def _mail(person: User | None, template: str, context: dict, *, cause: str) -> bool:
    """Owe one email to `person` in their language, once per cause (the outbox key is the cause and the person)."""
    if person is None or not person.email:
        return False
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"emails/engagements/{template}_subject.txt", context).strip()
        body = render_to_string(
            f"emails/engagements/{template}_body.txt", {**context, "platform_url": settings.PLATFORM_URL}
        )
    send_email(key=f"{cause}:{person.pk}", to=person.email, subject=subject, body=body)
    return True


@shared_task
def announce_request(request_id: int) -> int:
    """Tell the listed advisors covering the need that a request is open: one batch per request, sent once.

    Marking the request announced and owing each advisor's email are one transaction, so a failed send is retried
    by the outbox and never lost, and a second run finds the request announced and sends nothing."""
    with transaction.atomic():
        claimed = Request.objects.filter(pk=request_id, state=RequestState.OPEN, announced_at__isnull=True).update(
            announced_at=timezone.now()
        )
        if not claimed:
            return 0
        brief = Request.objects.select_related("cluster", "need").get(pk=request_id)
        profiles = (
            AdvisorProfile.objects.listed()
            .filter(needs=brief.need)
            .exclude(organisation__in=organisations_barred_from(cluster_id=brief.cluster_id))
            .select_related("person")
            .distinct()
        )
        cause = f"request-opened:{brief.pk}"
        return sum(_mail(profile.person, "request_opened", {"brief": brief}, cause=cause) for profile in profiles)


@shared_task
def send_proposal_received(proposal_id: int) -> bool:
    """Tell the cluster's CEO a proposal arrived (nothing if it was withdrawn meanwhile)."""
    proposal = (
        Proposal.objects.select_related("request__cluster", "advisor__person", "advisor__organisation")
        .filter(pk=proposal_id, state__in=PROPOSAL_PENDING_STATES)
        .first()
    )
    if proposal is None:
        return False
    ceo = leadership(cluster=proposal.request.cluster).ceo
    context = {"proposal": proposal, "brief": proposal.request}
    return _mail(ceo, "proposal_received", context, cause=f"proposal-received:{proposal.pk}")


@shared_task
def send_proposal_decisions(request_id: int) -> int:
    """Tell the chosen advisor, and thank the others politely; each proposal's decision is sent once."""
    brief = Request.objects.select_related("cluster").filter(pk=request_id).first()
    if brief is None:
        return 0
    decided = [ProposalState.CHOSEN, ProposalState.NOT_CHOSEN]
    pending_ids = list(
        Proposal.objects.filter(request=brief, state__in=decided, decision_sent_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    someone_chosen = Proposal.objects.filter(request=brief, state=ProposalState.CHOSEN).exists()
    sent = 0
    for proposal_id in pending_ids:
        with transaction.atomic():
            # The decision is marked and its email owed together: both or neither.
            claimed = Proposal.objects.filter(pk=proposal_id, decision_sent_at__isnull=True).update(
                decision_sent_at=timezone.now()
            )
            if not claimed:
                continue
            proposal = Proposal.objects.select_related("advisor__person").get(pk=proposal_id)
            template = "proposal_chosen" if proposal.state == ProposalState.CHOSEN else "proposal_not_chosen"
            context = {"proposal": proposal, "brief": brief, "someone_chosen": someone_chosen}
            sent += _mail(proposal.advisor.person, template, context, cause=f"proposal-decision:{proposal.pk}")
    return sent
