from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.utils import timezone

from accounts.models import AuditEvent, RoleAssignment
from accounts.roles import Role
from advisors.models import ControlMandate, Need, RelationshipModel, VettingState
from engagements import services
from engagements.models import Engagement, State, Transition
from engagements.services import EngagementError
from tests.factories.advisors import make_profile
from tests.factories.engagements import draft_engagement, goal_of


@pytest.fixture
def listed(world):
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    world.extra["profile"] = make_profile(person=world.advisor, organisation=world.organisation)
    world.extra["goal"] = goal_of(world.cluster)
    return world


@pytest.fixture
def draft(listed):
    return draft_engagement(cluster=listed.cluster, ceo=listed.ceo, profile=listed.profile, goals=[listed.goal])


def states(engagement):
    return list(engagement.transitions.values_list("from_state", "to_state"))


def test_ceo_drafts_an_engagement_with_needs_goals_and_budget(listed):
    engagement = draft_engagement(cluster=listed.cluster, ceo=listed.ceo, profile=listed.profile, goals=[listed.goal])
    assert engagement.state == State.DRAFT
    assert engagement.model == RelationshipModel.SUPPLIER
    assert list(engagement.needs.values_list("code", flat=True)) == ["management.workplan_budget"]
    assert list(engagement.goals.all()) == [listed.goal]
    assert AuditEvent.objects.filter(action="engagement_created", actor=listed.ceo).count() == 1


@pytest.mark.parametrize("name", ["other_ceo", "board_member", "referent", "head_referent", "curator", "admin"])
def test_nobody_but_the_clusters_ceo_can_open_an_engagement(listed, name):
    with pytest.raises(EngagementError, match="Only the cluster's CEO can open"):
        draft_engagement(cluster=listed.cluster, ceo=getattr(listed, name), profile=listed.profile)
    assert Engagement.objects.count() == 0


def test_model_must_be_offered_by_the_organisation(listed):
    with pytest.raises(EngagementError, match="does not offer this relationship model"):
        services.create_engagement(
            cluster=listed.cluster,
            profile=listed.profile,
            model=RelationshipModel.PARTNER,
            needs=list(Need.objects.all()[:1]),
            goals=[],
            scope="x",
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 2, 1),
            budget_hours=Decimal(10),
            created_by=listed.ceo,
        )
    assert Engagement.objects.count() == 0


def test_goals_must_belong_to_the_cluster(listed):
    foreign_goal = goal_of(listed.other_cluster)
    with pytest.raises(EngagementError, match="Goals served must be goals of this cluster"):
        draft_engagement(cluster=listed.cluster, ceo=listed.ceo, profile=listed.profile, goals=[foreign_goal])
    assert Engagement.objects.count() == 0


def test_whole_lifecycle_is_dated_audited_and_notified(draft, listed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    assert [message.to for message in mail.outbox] == [["advisor@example.org"]]
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_engagement(engagement=draft, accepted_by=listed.advisor, declaration="No oversight role.")
    assert mail.outbox[-1].to == ["ceo@example.org"]
    draft.refresh_from_db()
    assert draft.state == State.ACTIVE
    assert draft.declaration_text == "No oversight role."
    assert draft.declared_at is not None
    services.complete_engagement(engagement=draft, completed_by=listed.ceo)
    assert states(draft) == [("draft", "proposed"), ("proposed", "active"), ("active", "completed")]
    assert list(draft.transitions.values_list("by__email", flat=True)) == [
        "ceo@example.org",
        "advisor@example.org",
        "ceo@example.org",
    ]
    assert list(
        AuditEvent.objects.filter(action__startswith="engagement_").order_by("pk").values_list("action", flat=True)
    ) == [
        "engagement_created",
        "engagement_propose",
        "engagement_accept",
        "engagement_complete",
    ]
    listed.profile.refresh_from_db()
    assert listed.profile.completed_engagements == 1
    assert listed.profile.needs_served == {"management.workplan_budget": 1}


def test_advisor_declines_with_a_reason(draft, listed):
    services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    services.decline_engagement(engagement=draft, declined_by=listed.advisor, reason="Fully booked")
    assert (draft.state, draft.close_reason) == (State.DECLINED, "Fully booked")
    assert states(draft) == [("draft", "proposed"), ("proposed", "declined")]


def test_ceo_withdraws_a_proposal_with_a_reason(draft, listed):
    services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    services.withdraw_engagement(engagement=draft, withdrawn_by=listed.ceo, reason="Budget cut")
    assert (draft.state, draft.close_reason) == (State.WITHDRAWN, "Budget cut")


def test_ceo_terminates_an_active_engagement_with_a_reason(draft, listed):
    services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    services.accept_engagement(engagement=draft, accepted_by=listed.advisor, declaration="None.")
    services.terminate_engagement(engagement=draft, terminated_by=listed.ceo, reason="Missed milestones")
    assert (draft.state, draft.close_reason) == (State.TERMINATED, "Missed milestones")


def test_closing_without_a_reason_is_refused(draft, listed):
    services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    with pytest.raises(EngagementError, match="A reason is required"):
        services.decline_engagement(engagement=draft, declined_by=listed.advisor, reason="  ")
    with pytest.raises(EngagementError, match="A reason is required"):
        services.withdraw_engagement(engagement=draft, withdrawn_by=listed.ceo, reason="")
    draft.refresh_from_db()
    assert draft.state == State.PROPOSED
    assert Transition.objects.count() == 1


def test_accepting_without_a_declaration_is_refused(draft, listed):
    services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    with pytest.raises(EngagementError, match="requires the declaration"):
        services.accept_engagement(engagement=draft, accepted_by=listed.advisor, declaration=" ")
    draft.refresh_from_db()
    assert (draft.state, draft.declared_at) == (State.PROPOSED, None)


FORBIDDEN = {
    # state reached before the attempt: attempts that must fail
    State.DRAFT: ["accept", "decline", "withdraw", "complete", "terminate"],
    State.PROPOSED: ["propose", "complete", "terminate"],
    State.ACTIVE: ["propose", "accept", "decline", "withdraw"],
    State.COMPLETED: ["propose", "accept", "decline", "withdraw", "complete", "terminate"],
}


def attempt(action, engagement, world):
    calls = {
        "propose": lambda: services.propose_engagement(engagement=engagement, proposed_by=world.ceo),
        "accept": lambda: services.accept_engagement(engagement=engagement, accepted_by=world.advisor, declaration="x"),
        "decline": lambda: services.decline_engagement(engagement=engagement, declined_by=world.advisor, reason="x"),
        "withdraw": lambda: services.withdraw_engagement(engagement=engagement, withdrawn_by=world.ceo, reason="x"),
        "complete": lambda: services.complete_engagement(engagement=engagement, completed_by=world.ceo),
        "terminate": lambda: services.terminate_engagement(engagement=engagement, terminated_by=world.ceo, reason="x"),
    }
    return calls[action]()


@pytest.mark.parametrize(
    ("reached", "action"), [(state, action) for state, actions in FORBIDDEN.items() for action in actions]
)
def test_illegal_transitions_are_refused_and_change_nothing(draft, listed, reached, action):
    path = {State.DRAFT: [], State.PROPOSED: ["propose"], State.ACTIVE: ["propose", "accept"]}
    for step in path.get(reached, ["propose", "accept", "complete"]):
        attempt(step, draft, listed)
    before = (Transition.objects.count(), AuditEvent.objects.count())
    with pytest.raises(EngagementError, match="cannot be"):
        attempt(action, draft, listed)
    draft.refresh_from_db()
    assert draft.state == reached
    assert (Transition.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize(
    ("action", "actor"),
    [
        ("propose", "other_ceo"),
        ("propose", "advisor"),
        ("accept", "other_advisor"),
        ("accept", "ceo"),
        ("decline", "ceo"),
        ("withdraw", "advisor"),
    ],
)
def test_transitions_by_the_wrong_person_are_refused(draft, listed, action, actor):
    if action != "propose":
        services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    state = Engagement.objects.get(pk=draft.pk).state
    person = getattr(listed, actor)
    calls = {
        "propose": lambda: services.propose_engagement(engagement=draft, proposed_by=person),
        "accept": lambda: services.accept_engagement(engagement=draft, accepted_by=person, declaration="x"),
        "decline": lambda: services.decline_engagement(engagement=draft, declined_by=person, reason="x"),
        "withdraw": lambda: services.withdraw_engagement(engagement=draft, withdrawn_by=person, reason="x"),
    }
    with pytest.raises(EngagementError, match="Only"):
        calls[action]()
    assert Engagement.objects.get(pk=draft.pk).state == state


def _referent_role(world, *, ended_months_ago):
    today = timezone.localdate()
    RoleAssignment.objects.create(
        user=world.advisor,
        role=Role.REFERENT_TREASURY,
        scope=world.cluster,
        starts_on=today - relativedelta(years=3),
        ended_on=today - relativedelta(months=ended_months_ago),
    )


def test_advisor_who_was_a_referent_of_the_cluster_within_cooling_off_is_refused(draft, listed):
    _referent_role(listed, ended_months_ago=11)
    with pytest.raises(EngagementError, match="held in the last 12 months, an oversight role over this cluster"):
        services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT
    assert Transition.objects.count() == 0


def test_advisor_who_was_a_referent_of_the_cluster_before_cooling_off_may_be_engaged(draft, listed):
    _referent_role(listed, ended_months_ago=13)
    services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    assert draft.state == State.PROPOSED


def test_advisor_who_was_head_referent_within_cooling_off_is_refused(draft, listed):
    today = timezone.localdate()
    RoleAssignment.objects.create(
        user=listed.advisor, role=Role.HEAD_REFERENT, starts_on=today - timedelta(days=400), ended_on=today
    )
    with pytest.raises(EngagementError, match="oversight role over this cluster"):
        services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    assert Engagement.objects.get(pk=draft.pk).state == State.DRAFT


def test_organisation_with_a_current_control_mandate_is_refused(draft, listed):
    ControlMandate.objects.create(
        organisation=listed.organisation, cluster=listed.cluster, body="Treasury", starts_on=date(2024, 1, 1)
    )
    with pytest.raises(EngagementError, match="a Control mandate over this cluster for Treasury"):
        services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    assert Engagement.objects.get(pk=draft.pk).state == State.DRAFT


def test_organisation_whose_audit_mandate_ended_within_cooling_off_is_refused(draft, listed):
    today = timezone.localdate()
    ControlMandate.objects.create(
        organisation=listed.organisation,
        cluster=listed.cluster,
        body="Interior Ministry",
        kind="audit",
        starts_on=date(2020, 1, 1),
        ends_on=today - relativedelta(months=11),
    )
    with pytest.raises(EngagementError, match="Audit mandate"):
        services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    assert Engagement.objects.get(pk=draft.pk).state == State.DRAFT


def test_organisation_whose_mandate_ended_before_cooling_off_may_be_engaged(draft, listed):
    today = timezone.localdate()
    ControlMandate.objects.create(
        organisation=listed.organisation,
        cluster=listed.cluster,
        body="Treasury",
        starts_on=date(2020, 1, 1),
        ends_on=today - relativedelta(months=13),
    )
    services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    assert draft.state == State.PROPOSED


def test_mandate_over_another_cluster_does_not_refuse(draft, listed):
    ControlMandate.objects.create(
        organisation=listed.organisation, cluster=listed.other_cluster, body="Treasury", starts_on=date(2024, 1, 1)
    )
    services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    assert draft.state == State.PROPOSED


def test_refusal_says_why_in_the_users_language(draft, listed):
    from django.utils import translation

    ControlMandate.objects.create(
        organisation=listed.organisation, cluster=listed.cluster, body="האוצר", starts_on=date(2024, 1, 1)
    )
    with translation.override("he"), pytest.raises(EngagementError) as refused:
        services.propose_engagement(engagement=draft, proposed_by=listed.ceo)
    assert refused.value.messages == [
        "הארגון של היועץ מחזיק, או החזיק ב־12 החודשים האחרונים, במינוי בקרה על אשכול זה מטעם האוצר, "
        "ולכן האשכול אינו יכול להתקשר עם יועציו."
    ]
    assert Engagement.objects.get(pk=draft.pk).state == State.DRAFT
