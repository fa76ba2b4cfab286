"""Vetting, applications, freshness reminders, the track record and shortlists."""

from datetime import timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.roles import Role
from advisors import services, tasks
from advisors.models import AdvisorOrganisation, AdvisorProfile, Need, Outcome, Shortlist, VettingState
from outbox.models import OutboxMessage
from tests.factories import AdvisorOrganisationFactory, UserFactory
from tests.factories.advisors import VettedOrganisationFactory, make_profile, rate


def test_vetting_records_who_when_why_and_emails_the_decision(world, django_capture_on_commit_callbacks):
    organisation = AdvisorOrganisationFactory(contact_email="office@applicant.example.org")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.vet_organisation(organisation=organisation, decided_by=world.curator, reason="References ok")
    # After the commit: the task is dispatched, and the task owes one email per address; both are delivered.
    assert len(callbacks) == 2
    assert sorted(OutboxMessage.objects.values_list("kind", "state")) == [("email", "sent"), ("task", "sent")]
    organisation.refresh_from_db()
    assert organisation.vetting_state == VettingState.VETTED
    assert organisation.vetting_decided_by == world.curator
    assert organisation.vetting_reason == "References ok"
    assert organisation.history.first().vetting_state == VettingState.VETTED
    assert AuditEvent.objects.filter(action="organisation_vetted", actor=world.curator).count() == 1
    assert [message.to for message in mail.outbox] == [["office@applicant.example.org"]]


def test_rejecting_without_a_reason_is_refused_and_changes_nothing(world):
    organisation = AdvisorOrganisationFactory()
    with pytest.raises(ValidationError):
        services.reject_organisation(organisation=organisation, decided_by=world.curator, reason="  ")
    organisation.refresh_from_db()
    assert organisation.vetting_state == VettingState.APPLIED
    assert organisation.vetting_decided_by is None
    assert mail.outbox == []


def test_a_decision_on_an_organisation_in_another_state_does_nothing(world):
    organisation = AdvisorOrganisationFactory()
    assert services.suspend_organisation(organisation=organisation, decided_by=world.curator, reason="x") is False
    organisation.refresh_from_db()
    assert organisation.vetting_state == VettingState.APPLIED


def test_the_database_refuses_a_suspension_without_reason(db):
    organisation = AdvisorOrganisationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AdvisorOrganisation.objects.filter(pk=organisation.pk).update(vetting_state=VettingState.SUSPENDED)


def test_curator_rejects_through_the_page_with_a_reason(world, client_as, django_capture_on_commit_callbacks):
    applicant = UserFactory(email="applicant@example.org")
    organisation = AdvisorOrganisationFactory(applied_by=applicant)
    url = reverse("advisors:organisation_decide", args=[organisation.pk, "reject"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(world.curator).post(url, {"reason": "Not an advisory body"})
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.vetting_state, organisation.vetting_reason) == (VettingState.REJECTED, "Not an advisory body")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["applicant@example.org"]
    assert "Not an advisory body" in mail.outbox[0].body


def test_a_rejection_without_a_reason_is_refused_on_the_reason_field(world, client_as):
    organisation = AdvisorOrganisationFactory()
    url = reverse("advisors:organisation_decide", args=[organisation.pk, "reject"])
    response = client_as(world.curator).post(url, {"reason": "  "})
    assert response.status_code == 400
    assert response.context["form"].errors == {"reason": ["Give the reason for this decision."]}
    assert len(mail.outbox) == 0
    organisation.refresh_from_db()
    assert (organisation.vetting_state, organisation.vetting_reason) == (VettingState.APPLIED, "")


def test_curator_home_lists_the_applications_queue(world, client_as):
    waiting = AdvisorOrganisationFactory(name="Galilee Advisory")
    VettedOrganisationFactory(name="Already Vetted")
    response = client_as(world.curator).get(reverse("advisors:curator_home"))
    assert [organisation.pk for organisation in response.context["applications"]] == [
        world.organisation.pk,
        world.other_organisation.pk,
        waiting.pk,
    ]


APPLICATION = {
    "organisation-name": "ייעוץ הגליל",
    "organisation-kind": "sole_trader",
    "organisation-relationship_model": "supplier",
    "organisation-contact_email": "office@galil.example.org",
    "organisation-contact_phone": "04-6000000",
    "organisation-website": "",
    "profile-headline": "תכנון אסטרטגי",
    "profile-bio_he": "יועץ לתכנון אסטרטגי ולבניית תקציב באשכולות בצפון.",
    "profile-bio_ar": "",
    "profile-bio_en": "",
    "profile-needs": ["management.workplan_budget", "strategy.economic_feasibility"],
    "profile-regions": ["north"],
    "profile-languages": ["he", "ar"],
    "profile-orientation": "both",
    "profile-day_rate": "2800",
    "profile-days_per_month": "6",
    "profile-is_published": "on",
}


def test_a_person_without_a_role_applies_and_is_listed_only_after_vetting(world, client_as):
    person = world.no_role
    response = client_as(person).post(reverse("advisors:apply"), APPLICATION)
    assert response.status_code == 302
    profile = AdvisorProfile.objects.get(person=person)
    organisation = profile.organisation
    assert (organisation.name, organisation.vetting_state, organisation.applied_by) == (
        "ייעוץ הגליל",
        VettingState.APPLIED,
        person,
    )
    assert sorted(need.code for need in profile.needs.all()) == [
        "management.workplan_budget",
        "strategy.economic_feasibility",
    ]
    person = type(person).objects.get(pk=person.pk)
    assert person.roles == {Role.ADVISOR, Role.ORGANISATION_MANAGER}
    assert list(AdvisorProfile.objects.listed()) == []
    services.vet_organisation(organisation=organisation, decided_by=world.curator)
    assert list(AdvisorProfile.objects.listed()) == [profile]


def test_an_application_without_any_bio_is_refused_and_creates_nothing(world, client_as):
    response = client_as(world.no_role).post(reverse("advisors:apply"), {**APPLICATION, "profile-bio_he": ""})
    assert response.status_code == 200
    assert "Write a bio in at least one language." in response.content.decode()
    assert AdvisorOrganisation.objects.filter(name="ייעוץ הגליל").count() == 0
    assert AdvisorProfile.objects.count() == 0


def test_a_person_with_a_role_cannot_apply(world, client_as):
    response = client_as(world.referent).post(reverse("advisors:apply"), APPLICATION)
    assert response.status_code == 403
    assert AdvisorOrganisation.objects.filter(name="ייעוץ הגליל").count() == 0


def test_reminders_go_once_to_profiles_due_within_the_window(db, django_capture_on_commit_callbacks):
    due_soon = make_profile()
    fresh = make_profile()
    AdvisorProfile.objects.filter(pk=due_soon.pk).update(
        last_confirmed_at=timezone.now() - relativedelta(months=6) + timedelta(days=5)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_reconfirmation_reminders() == 1
        assert tasks.send_reconfirmation_reminders() == 0
    assert [message.to for message in mail.outbox] == [[due_soon.person.email]]
    due_soon.refresh_from_db()
    fresh.refresh_from_db()
    assert due_soon.reminder_sent_at is not None
    assert fresh.reminder_sent_at is None
    services.reconfirm_profile(profile=due_soon, confirmed_by=due_soon.person)
    due_soon.refresh_from_db()
    assert due_soon.reminder_sent_at is None


def test_update_track_record_stores_averages_distributions_and_the_shown_rating(db):
    profile = make_profile()
    updated = services.update_track_record(
        profile_id=profile.pk,
        completed_engagements=4,
        rating_distributions={
            "expertise": [0, 0, 0, 1, 2],
            "responsiveness": [0, 0, 1, 1, 1],
            "goals": [0, 0, 0, 0, 3],
            "value": [0, 1, 0, 1, 1],
        },
        needs_served={"management.coaching": 3, "other.media": 1},
    )
    assert updated.completed_engagements == 4
    assert updated.review_count == 3
    assert (updated.rating_expertise, updated.rating_responsiveness, updated.rating_goals, updated.rating_value) == (
        Decimal("4.67"),
        Decimal("4.00"),
        Decimal("5.00"),
        Decimal("3.67"),
    )
    assert updated.rating_overall == Decimal("4.34")
    assert updated.rating_distributions["goals"] == [0, 0, 0, 0, 3]
    assert updated.top_needs_served == [("management.coaching", 3), ("other.media", 1)]


def test_update_track_record_hides_the_overall_rating_below_three_reviews(db):
    profile = rate(make_profile(), stars=[5, 5])
    assert profile.review_count == 2
    assert profile.rating_expertise == Decimal("5.00")
    assert profile.rating_overall is None
    assert profile.shows_ratings is False


def test_update_track_record_refuses_malformed_distributions_and_changes_nothing(db):
    profile = make_profile()
    with pytest.raises(ValidationError):
        services.update_track_record(
            profile_id=profile.pk, completed_engagements=1, rating_distributions={"expertise": [1, 2]}
        )
    profile.refresh_from_db()
    assert (profile.review_count, profile.completed_engagements, profile.rating_distributions) == (0, 0, {})


def test_profile_needs_a_bio_in_some_language(db):
    with pytest.raises(ValidationError):
        make_profile(bio_he="")
    assert AdvisorProfile.objects.count() == 0


def test_an_organisation_manager_edits_their_advisors_profile_but_not_another_organisations(world, client_as):
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    own = make_profile(person=world.advisor, organisation=world.organisation)
    other = make_profile(person=world.other_advisor, organisation=world.other_organisation)
    client = client_as(world.org_manager)
    assert client.get(reverse("advisors:profile_edit", args=[own.pk])).status_code == 200
    assert client.get(reverse("advisors:profile_edit", args=[other.pk])).status_code == 404
    data = {
        "headline": "ניהול",
        "bio_he": "ליווי מנכ״לים",
        "needs": ["management.coaching"],
        "regions": ["south"],
        "languages": ["he"],
        "orientation": "supportive",
        "day_rate": "3100",
        "days_per_month": "4",
        "is_published": "on",
    }
    assert client.post(reverse("advisors:profile_edit", args=[own.pk]), data).status_code == 302
    own.refresh_from_db()
    assert (own.day_rate, own.regions, own.orientation) == (3100, ",south,", "supportive")
    assert " מנכלימ " in own.search_text


def test_shortlist_records_notes_outcomes_and_exports_csv(world, client_as):
    profile = make_profile(full_name="=HYPERLINK(1)")
    client = client_as(world.ceo)
    response = client.post(
        reverse("advisors:shortlist_list"),
        {"cluster": world.cluster.pk, "need": Need.objects.get(code="other.media").pk},
    )
    assert response.status_code == 302
    shortlist = Shortlist.objects.get()
    assert (shortlist.cluster, shortlist.title) == (world.cluster, "Media and spokesperson advice")
    client.post(reverse("advisors:shortlist_add"), {"profile": profile.pk, "shortlist": shortlist.pk, "note": "מכיר"})
    entry = shortlist.entries.get()
    assert entry.note == "מכיר"
    refused = client.post(reverse("advisors:shortlist_outcome", args=[entry.pk]), {"outcome": "not_suitable"})
    assert refused.status_code == 302
    entry.refresh_from_db()
    assert entry.outcome == Outcome.PENDING
    client.post(
        reverse("advisors:shortlist_outcome", args=[entry.pk]), {"outcome": "not_suitable", "reason": "אין זמינות"}
    )
    entry.refresh_from_db()
    assert (entry.outcome, entry.outcome_reason, entry.decided_by) == (Outcome.NOT_SUITABLE, "אין זמינות", world.ceo)
    export = client.get(reverse("advisors:shortlist_export", args=[shortlist.pk]))
    lines = export.content.decode("utf-8").lstrip("\ufeff").splitlines()
    assert lines[0] == "Advisor,Organisation,Note,Outcome,Reason,Decided at,Decided by"
    assert lines[1].startswith("'=HYPERLINK(1),")
    assert ",מכיר,Not suitable,אין זמינות," in lines[1]
    assert client_as(world.other_ceo).get(reverse("advisors:shortlist_export", args=[shortlist.pk])).status_code == 404


def test_organisation_manager_edits_the_organisation_details_but_not_its_vetting(world, client_as):
    url = reverse("advisors:organisation_edit", args=[world.organisation.pk])
    data = {
        "name": "מכון הנגב לאזוריות",
        "kind": "academic",
        "relationship_model": "partner",
        "contact_email": "negev@example.org",
        "contact_phone": "08-6000000",
        "website": "https://negev.example.org",
        "vetting_state": "vetted",
    }
    assert client_as(world.org_manager).post(url, data).status_code == 302
    world.organisation.refresh_from_db()
    assert (world.organisation.name, world.organisation.kind, world.organisation.vetting_state) == (
        "מכון הנגב לאזוריות",
        "academic",
        VettingState.APPLIED,
    )
    assert client_as(world.advisor).post(url, {**data, "name": "Other"}).status_code == 404
    world.organisation.refresh_from_db()
    assert world.organisation.name == "מכון הנגב לאזוריות"


def test_renaming_an_organisation_updates_its_profiles_search_text(world):
    profile = make_profile(organisation=VettedOrganisationFactory(name="Old name"))
    services.update_organisation(organisation=profile.organisation, updated_by=world.org_manager, name="מכון הגליל")
    profile.refresh_from_db()
    assert " מכונ " in profile.search_text
    assert " _גליל " in profile.search_text


def test_curator_suspends_and_reinstates_a_profile_from_its_page(world, client_as):
    profile = make_profile()
    url = reverse("advisors:profile_suspend", args=[profile.pk])
    client = client_as(world.curator)
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert refused.context["decision_form"].errors == {"reason": ["Give the reason for this decision."]}
    assert 'id="id_reason_error"' in refused.content.decode()
    profile.refresh_from_db()
    assert profile.suspended_at is None
    client.post(url, {"reason": "Misleading bio"})
    profile.refresh_from_db()
    assert (profile.suspension_reason, profile.suspended_by) == ("Misleading bio", world.curator)
    assert list(AdvisorProfile.objects.listed()) == []
    client.post(url)
    profile.refresh_from_db()
    assert profile.suspended_at is None
    assert list(AdvisorProfile.objects.listed()) == [profile]


def test_statistics_count_listed_advisors_per_need_and_region(world, client_as):
    make_profile(needs=["management.coaching", "other.media"], regions=["north", "south"])
    make_profile(needs=["management.coaching"], regions=["north"])
    make_profile(needs=["management.coaching"], regions=["north"], is_published=False)
    response = client_as(world.curator).get(reverse("advisors:statistics"))
    stats = response.context["stats"]
    assert stats["total"] == 2
    assert stats["per_need"] == {"management.coaching": 2, "other.media": 1}
    assert stats["per_region"] == {"north": 2, "south": 1}
    assert stats["per_cell"][("management.coaching", "north")] == 2
    assert stats["per_cell"][("other.media", "south")] == 1
    coaching = next(row for row in response.context["rows"] if row["need"].code == "management.coaching")
    assert coaching["total"] == 2
    assert coaching["cells"] == [2, 0, 0, 0, 0, 1, 0]


def test_the_decision_email_is_written_in_the_applicants_language(world, django_capture_on_commit_callbacks):
    applicant = UserFactory(email="arabic.applicant@example.org", preferred_language="ar")
    organisation = AdvisorOrganisationFactory(applied_by=applicant, name="مركز الجليل")
    with django_capture_on_commit_callbacks(execute=True):
        services.vet_organisation(organisation=organisation, decided_by=world.curator)
    assert mail.outbox[0].subject == "مركز الجليل مُدرجة الآن في فهرس المستشارين"


def test_advisor_home_shows_the_profile_and_flags_it_overdue(world, client_as):
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    profile = make_profile(person=world.advisor, organisation=world.organisation)
    AdvisorProfile.objects.filter(pk=profile.pk).update(last_confirmed_at=timezone.now() - relativedelta(months=7))
    response = client_as(world.advisor).get(reverse("advisors:home"))
    assert response.context["own_profile"] == profile
    assert [item.is_listed for item in response.context["profiles"]] == [False]
    assert '<span class="badge text-bg-danger">overdue</span>' in response.content.decode()


def test_an_advisor_without_a_profile_creates_one(world, client_as):
    client = client_as(world.advisor)
    data = {
        "bio_ar": "مستشار في إدارة المشاريع",
        "needs": ["management.workplan_budget"],
        "regions": ["north"],
        "languages": ["ar"],
        "orientation": "both",
        "day_rate": "2000",
        "days_per_month": "5",
    }
    response = client.post(reverse("advisors:my_profile"), data)
    profile = AdvisorProfile.objects.get(person=world.advisor)
    assert response["Location"] == reverse("advisors:profile_detail", args=[profile.pk])
    assert (profile.organisation, profile.is_published, profile.bio_ar) == (
        world.organisation,
        False,
        "مستشار في إدارة المشاريع",
    )
    assert client.get(reverse("advisors:my_profile"))["Location"] == reverse("advisors:profile_edit", args=[profile.pk])


def test_editing_a_bio_in_the_django_admin_refreshes_the_search_document(world, client_as):
    profile = make_profile(bio_he="ייעוץ כללי")
    url = reverse("admin:advisors_advisorprofile_change", args=[profile.pk])
    client = client_as(world.admin)
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "person": profile.person_id,
            "organisation": profile.organisation_id,
            "bio_he": "מומחית לחינוך מיוחד",
            "needs": [need.pk for need in profile.needs.all()],
            "last_confirmed_at_0": timezone.localtime(profile.last_confirmed_at).strftime("%Y-%m-%d"),
            "last_confirmed_at_1": timezone.localtime(profile.last_confirmed_at).strftime("%H:%M:%S"),
            "is_published": "on",
        }
    )
    data.pop("last_confirmed_at", None)
    data.pop("reminder_sent_at", None)
    data.pop("suspended_at", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    profile.refresh_from_db()
    assert " _חינוכ " in profile.search_text
