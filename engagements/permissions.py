"""Who may see and do what in the engagements app.

Each CEO sees their own cluster's engagements; each advisor their own. The cluster's board members read their
cluster's engagements (the board is part of the client), but every action is the CEO's or the advisor's: the
predicates below never allow a board member anything. Nobody above the cluster (referents, curators) sees
engagements here: oversight reads summaries through engagements.selectors.
Scopes return QuerySets; a view fetches through the scope (404 outside it) and then asks a predicate (403).
"""

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role

from .models import Deliverable, Engagement, Review, ReviewSide, State, WorkLog, WorkLogState


def engagements_visible_to(user: User) -> QuerySet[Engagement]:
    """The engagements of the clusters this person is CEO or board member of, and those they are the advisor on."""
    engagements = Engagement.objects.for_lists()
    if not user.is_authenticated:
        return engagements.none()
    condition = Q(pk__in=[])
    client_of = user.scope_ids(Role.CLUSTER_CEO, Role.BOARD_MEMBER)
    if client_of:
        condition |= Q(cluster_id__in=client_of)
    if user.has_role(Role.ADVISOR):
        condition |= Q(advisor__person=user)
    return engagements.filter(condition)


def work_logs_visible_to(user: User) -> QuerySet[WorkLog]:
    return WorkLog.objects.filter(engagement__in=engagements_visible_to(user).values("pk")).select_related(
        "engagement", "advisor"
    )


def deliverables_visible_to(user: User) -> QuerySet[Deliverable]:
    return Deliverable.objects.filter(engagement__in=engagements_visible_to(user).values("pk"))


def is_ceo_of(user: User, engagement: Engagement) -> bool:
    """The cluster's CEO: the only person on the client side who may act on its engagements."""
    return engagement.cluster_id in user.scope_ids(Role.CLUSTER_CEO)


def is_advisor_on(user: User, engagement: Engagement) -> bool:
    return engagement.advisor.person_id == user.pk and user.has_role(Role.ADVISOR)


def can_create_engagement(user: User, cluster) -> bool:
    """Only the cluster's own CEO commits the cluster; nobody above the cluster can."""
    return cluster.pk in user.scope_ids(Role.CLUSTER_CEO)


def can_propose(user: User, engagement: Engagement) -> bool:
    return is_ceo_of(user, engagement) and engagement.state == State.DRAFT


def can_withdraw(user: User, engagement: Engagement) -> bool:
    return is_ceo_of(user, engagement) and engagement.state == State.PROPOSED


def can_respond(user: User, engagement: Engagement) -> bool:
    """The advisor accepts or declines a proposal made to them."""
    return is_advisor_on(user, engagement) and engagement.state == State.PROPOSED


def can_close(user: User, engagement: Engagement) -> bool:
    """The CEO completes or terminates an active engagement."""
    return is_ceo_of(user, engagement) and engagement.state == State.ACTIVE


def can_log_work(user: User, engagement: Engagement) -> bool:
    return is_advisor_on(user, engagement) and engagement.state == State.ACTIVE


def can_approve_work_log(user: User, entry: WorkLog) -> bool:
    return is_ceo_of(user, entry.engagement) and entry.state == WorkLogState.SUBMITTED


def can_fix_work_log(user: User, entry: WorkLog) -> bool:
    return entry.advisor_id == user.pk and entry.state == WorkLogState.RETURNED and entry.engagement.is_active


def can_extend_budget(user: User, engagement: Engagement) -> bool:
    return is_ceo_of(user, engagement) and engagement.state == State.ACTIVE


def can_add_deliverable(user: User, engagement: Engagement) -> bool:
    return is_advisor_on(user, engagement) and engagement.state == State.ACTIVE


def can_review(user: User, engagement: Engagement) -> bool:
    return engagement.state == State.COMPLETED and (is_ceo_of(user, engagement) or is_advisor_on(user, engagement))


def reviews_are_closed(engagement: Engagement, reviews: list[Review], *, now=None) -> bool:
    """Blind reviews: once the window reveals one side's review, neither side may write any more, or the other
    would be answering what they just read. Closed when a review is revealed, or when the window has passed with
    a review waiting to be revealed (the reveal task may not have run yet)."""
    if any(review.revealed_at is not None for review in reviews):
        return True
    ends_at = engagement.review_window_ends_at
    return bool(reviews) and ends_at is not None and ends_at <= (now or timezone.now())


def can_reply(user: User, review: Review) -> bool:
    return (
        review.side == ReviewSide.CLIENT
        and review.revealed_at is not None
        and review.reply == ""
        and is_advisor_on(user, review.engagement)
    )


def is_board_member_of(user: User, engagement: Engagement) -> bool:
    """A board member of the engagement's cluster: reads it, acts on nothing."""
    return engagement.cluster_id in user.scope_ids(Role.BOARD_MEMBER)
