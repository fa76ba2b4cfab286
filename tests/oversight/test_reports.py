"""Periodic reports: drafting, the frozen snapshot, the review cycle, corrections and refusals."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import Role
from advisors.models import VettingState
from clusters.models import Measurement
from engagements import services as engagement_services
from oversight import reports
from oversight.models import Finding, PeriodicReport, ReportStep, ReportVersion
from tests.factories import user_with_role
from tests.factories.advisors import make_profile
from tests.factories.clusters import GoalFactory, MeasurementFactory, ServiceFactory
from tests.factories.engagements import active_engagement
from tests.factories.oversight import FindingFactory, ReportVersionFactory, report_in_state

Q1 = date(2026, 1, 1)


def _open(world) -> ReportVersion:
    report = reports.open_report(cluster=world.cluster, period_start=Q1, opened_by=world.ceo)
    return report.versions.get()


def _submitted(world) -> ReportVersion:
    version = _open(world)
    reports.save_report_texts(version=version, edited_by=world.ceo, narrative="Done.", risks="", requests="")
    return reports.submit_report(version=version, submitted_by=world.ceo)


def _actions(report) -> list[str]:
    return list(ReportStep.objects.filter(version__report=report).order_by("at", "pk").values_list("action", flat=True))


FINDING = {"severity": "high", "text": "Add the baseline costs.", "due_on": date(2030, 6, 30)}


def _findings_post(*findings) -> dict:
    data = {"findings-TOTAL_FORMS": "3", "findings-INITIAL_FORMS": "0"}
    for index, finding in enumerate(findings):
        for key, value in finding.items():
            data[f"findings-{index}-{key}"] = value.isoformat() if isinstance(value, date) else value
    return data


def test_quarterly_periods_are_aligned_with_due_dates_and_windows(reporting):
    period = reports.period_containing(date(2026, 5, 15))
    assert (period.start, period.end, period.due_on, period.window_opens, period.label) == (
        date(2026, 4, 1),
        date(2026, 6, 30),
        date(2026, 7, 30),
        date(2026, 7, 1),
        "2026 Q2",
    )
    assert [p.label for p in reports.cluster_periods(reporting.cluster, date(2026, 8, 1))] == [
        "2026 Q1",
        "2026 Q2",
        "2026 Q3",
    ]


def test_a_forming_cluster_has_no_reporting_period(world, settings):
    settings.OVERSIGHT_REPORTS_START = Q1
    assert reports.cluster_periods(world.cluster, date(2026, 8, 1)) == []


def test_ceo_opens_the_draft_of_an_open_period(reporting, english_client):
    client = english_client(reporting.ceo)
    response = client.post(reverse("oversight:report_open", args=[reporting.cluster.pk, "2026-01-01"]))
    report = PeriodicReport.objects.get()
    assert response.url == reverse("oversight:report_edit", args=[report.pk])
    assert (report.cluster, report.period_end, report.due_on) == (
        reporting.cluster,
        date(2026, 3, 31),
        date(2026, 4, 30),
    )
    assert list(report.versions.values_list("number", "state")) == [(1, "draft")]
    assert _actions(report) == ["open"]
    assert AuditEvent.objects.filter(action="report_open", actor=reporting.ceo).count() == 1
    client.post(reverse("oversight:report_open", args=[reporting.cluster.pk, "2026-01-01"]))
    assert PeriodicReport.objects.count() == 1


def test_a_period_whose_window_is_not_open_cannot_be_drafted(reporting, english_client):
    current = reports.period_containing(date.today())
    response = english_client(reporting.ceo).post(
        reverse("oversight:report_open", args=[reporting.cluster.pk, current.key]), follow=True
    )
    assert f"The reporting window for this period opens on {current.window_opens}" in response.content.decode()
    assert PeriodicReport.objects.count() == 0


def test_board_member_reads_but_cannot_open_a_report(reporting, english_client):
    client = english_client(reporting.board_member)
    assert client.post(reverse("oversight:report_open", args=[reporting.cluster.pk, "2026-01-01"])).status_code == 403
    assert PeriodicReport.objects.count() == 0
    page = client.get(reverse("oversight:reports")).content.decode()
    assert "2026 Q1" in page
    assert "Prepare the report" not in page


def test_submitting_without_a_narrative_is_refused_and_writes_nothing(reporting, english_client):
    version = _open(reporting)
    response = english_client(reporting.ceo).post(
        reverse("oversight:report_edit", args=[version.report_id]),
        {"narrative": "  ", "risks": "Tender delay", "requests": "", "submit": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["narrative"] == ["Write the narrative before submitting the report."]
    version.refresh_from_db()
    assert (version.state, version.risks, version.snapshot) == ("draft", "", None)
    assert _actions(version.report) == ["open"]
    with pytest.raises(reports.ReportError, match="Write the narrative"):
        reports.submit_report(version=version, submitted_by=reporting.ceo)


def test_submission_freezes_a_snapshot_later_changes_do_not_alter_it(reporting, english_client):
    world = reporting
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster), name="Waste cost")
    measurement = MeasurementFactory(goal=goal, period_start=Q1, value=Decimal(900_000))
    MeasurementFactory(goal=goal, period_start=date(2025, 10, 1), value=Decimal(950_000))  # before the period
    world.organisation.vetting_state = VettingState.VETTED
    world.organisation.save(update_fields=["vetting_state"])
    profile = make_profile(person=world.advisor, organisation=world.organisation)
    engagement = active_engagement(cluster=world.cluster, ceo=world.ceo, profile=profile, goals=[goal])
    entry = engagement_services.log_work(
        engagement=engagement,
        advisor=world.advisor,
        worked_on=date(2026, 3, 2),
        hours=Decimal(2),
        activity="advice",
        text="Private workshop notes",
    )
    engagement_services.approve_work_log(entry=entry, approved_by=world.ceo)

    client = english_client(world.ceo)
    version = _open(world)
    client.post(
        reverse("oversight:report_edit", args=[version.report_id]),
        {"narrative": "The waste service runs.", "risks": "", "requests": "More staff", "submit": "1"},
    )
    version.refresh_from_db()
    frozen = version.snapshot
    assert version.state == "submitted"
    assert [(g["goal"], g["measurements"]) for g in frozen["goals"]] == [
        ("Waste cost", [{"period": "2026 Q1", "value": "900000.00"}])
    ]
    assert [(e["organisation"], e["hours"], e["cost"], e["state"]) for e in frozen["engagements"]] == [
        (world.organisation.name, "2.00", "800.00", "active")
    ]
    assert (frozen["narrative"], frozen["requests"]) == ("The waste service runs.", "More staff")
    assert "Private workshop notes" not in str(frozen)

    Measurement.objects.filter(pk=measurement.pk).update(value=Decimal(123_456))
    GoalFactory(service=ServiceFactory(cluster=world.cluster), name="Added later")
    version.refresh_from_db()
    assert version.snapshot == frozen
    page = english_client(world.referent).get(reverse("oversight:report", args=[version.report_id])).content.decode()
    assert "2026 Q1</bdi>: 900,000<" in page
    assert "123,456" not in page
    assert "Added later" not in page


def test_review_cycle_return_resubmit_accept_confirm(reporting, english_client):
    world = reporting
    version = _submitted(world)
    report = version.report
    other = FindingFactory(cluster=world.cluster, raised_by=world.referent, text="Older open finding")

    referent = english_client(world.referent)
    response = referent.post(reverse("oversight:report_return", args=[report.pk]), _findings_post(FINDING))
    assert response.url == reverse("oversight:report", args=[report.pk])
    finding = Finding.objects.get(report_version=version)
    assert (finding.cluster, finding.severity, finding.text, finding.state) == (
        world.cluster,
        "high",
        "Add the baseline costs.",
        "open",
    )
    page = referent.get(reverse("oversight:report", args=[report.pk]))
    assert [f.pk for f in page.context["follow_up"]] == [finding.pk, other.pk]

    ceo = english_client(world.ceo)
    assert finding in [f for f, _can in ceo.get(reverse("oversight:findings")).context["rows"]]
    ceo.post(
        reverse("oversight:report_edit", args=[report.pk]),
        {"narrative": "Done, with the baseline costs.", "risks": "", "requests": "", "submit": "1"},
    )
    version.refresh_from_db()
    assert (version.state, version.snapshot["narrative"]) == ("submitted", "Done, with the baseline costs.")

    english_client(world.referent).post(reverse("oversight:report_accept", args=[report.pk]))
    version.refresh_from_db()
    assert version.state == "accepted"
    assert english_client(world.ceo).get(reverse("oversight:report_edit", args=[report.pk])).status_code == 403

    english_client(world.treasury_referent).post(reverse("oversight:report_confirm", args=[report.pk]))
    version.refresh_from_db()
    assert version.state == "confirmed"
    assert _actions(report) == ["open", "submit", "return", "resubmit", "accept", "confirm"]
    assert list(ReportStep.objects.filter(version=version).values_list("actor", flat=True)) == [
        world.ceo.pk,
        world.ceo.pk,
        world.referent.pk,
        world.ceo.pk,
        world.referent.pk,
        world.treasury_referent.pk,
    ]
    assert sorted(AuditEvent.objects.filter(action__startswith="report_").values_list("action", flat=True)) == sorted(
        [
            "report_open",
            "report_edited",
            "report_submit",
            "report_return",
            "report_edited",
            "report_resubmit",
            "report_accept",
            "report_confirm",
        ]
    )


def test_without_treasury_confirmation_acceptance_is_final(reporting, settings, english_client):
    settings.OVERSIGHT_REPORT_TREASURY_CONFIRMATION = False
    version = _submitted(reporting)
    reports.accept_report(version=version, accepted_by=reporting.referent)
    response = english_client(reporting.treasury_referent).post(
        reverse("oversight:report_confirm", args=[version.report_id])
    )
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.state == "accepted"
    page = english_client(reporting.ceo).get(reverse("oversight:report", args=[version.report_id]))
    assert (page.context["is_final"], page.context["can_correct"]) == (True, True)


def test_returning_without_findings_is_refused_and_writes_nothing(reporting, english_client):
    version = _submitted(reporting)
    response = english_client(reporting.referent).post(
        reverse("oversight:report_return", args=[version.report_id]), _findings_post()
    )
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == ["Raise at least one finding to return the report."]
    version.refresh_from_db()
    assert (version.state, Finding.objects.count()) == ("submitted", 0)
    with pytest.raises(reports.ReportError, match="Raise at least one finding"):
        reports.return_report(version=version, returned_by=reporting.referent, findings=[])


@pytest.mark.parametrize(
    ("actor", "action"),
    [
        ("treasury_referent", "accept"),
        ("ceo", "accept"),
        ("board_member", "accept"),
        ("other_referent", "accept"),
        ("referent", "confirm"),
        ("referent", "submit"),
        ("other_ceo", "submit"),
    ],
)
def test_transitions_refused_to_the_wrong_person_change_nothing(reporting, actor, action):
    world = reporting
    version = _submitted(world) if action != "submit" else _open(world)
    if action == "confirm":
        reports.accept_report(version=version, accepted_by=world.referent)
    version.refresh_from_db()
    before = (version.state, _actions(version.report))
    people = {**world.people, "other_referent": user_with_role(Role.REFERENT_INTERIOR, world.other_cluster)}
    person = people[actor]
    call = {
        "accept": lambda: reports.accept_report(version=version, accepted_by=person),
        "confirm": lambda: reports.confirm_report(version=version, confirmed_by=person),
        "submit": lambda: reports.submit_report(version=version, submitted_by=person),
    }[action]
    with pytest.raises(reports.ReportError):
        call()
    version.refresh_from_db()
    assert (version.state, _actions(version.report)) == before


def test_illegal_transitions_by_state_are_refused(reporting):
    world = reporting
    version = _open(world)
    with pytest.raises(reports.ReportError):
        reports.accept_report(version=version, accepted_by=world.referent)  # a draft
    reports.save_report_texts(version=version, edited_by=world.ceo, narrative="Done.", risks="", requests="")
    reports.submit_report(version=version, submitted_by=world.ceo)
    with pytest.raises(reports.ReportError):
        reports.submit_report(version=version, submitted_by=world.ceo)  # already submitted
    with pytest.raises(reports.ReportError):
        reports.confirm_report(version=version, confirmed_by=world.treasury_referent)  # not accepted yet
    reports.accept_report(version=version, accepted_by=world.referent)
    with pytest.raises(reports.ReportError):
        reports.save_report_texts(version=version, edited_by=world.ceo, narrative="Changed", risks="", requests="")
    with pytest.raises(reports.ReportError):
        reports.return_report(version=version, returned_by=world.referent, findings=[FINDING])
    version.refresh_from_db()
    assert (version.state, version.narrative) == ("accepted", "Done.")


def test_a_correction_is_a_new_version_that_keeps_the_final_one(reporting, english_client):
    world = reporting
    version = _submitted(world)
    reports.accept_report(version=version, accepted_by=world.referent)
    with pytest.raises(reports.ReportError):  # not final until the Treasury confirms
        reports.start_correction(report=version.report, started_by=world.ceo)
    reports.confirm_report(version=version, confirmed_by=world.treasury_referent)
    response = english_client(world.ceo).post(reverse("oversight:report_correct", args=[version.report_id]))
    assert response.url == reverse("oversight:report_edit", args=[version.report_id])
    assert list(version.report.versions.values_list("number", "state", "narrative")) == [
        (1, "confirmed", "Done."),
        (2, "draft", "Done."),
    ]
    frozen = ReportVersion.objects.get(pk=version.pk).snapshot
    assert frozen["narrative"] == "Done."
    with pytest.raises(reports.ReportError):
        reports.start_correction(report=version.report, started_by=world.ceo)
    page = english_client(world.board_member).get(reverse("oversight:report", args=[version.report_id]))
    assert [v.number for v, _data in page.context["versions"]] == [1, 2]


def test_the_database_allows_one_open_version_per_report(reporting):
    version = _open(reporting)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportVersionFactory(report=version.report, number=2, created_by=reporting.ceo)


def test_ceo_list_shows_periods_due_dates_and_states(reporting, english_client):
    _submitted(reporting)
    response = english_client(reporting.ceo).get(reverse("oversight:reports"))
    ((cluster, rows, is_ceo),) = response.context["clusters"]
    assert (cluster, is_ceo) == (reporting.cluster, True)
    q1 = next(row for row in rows if row.period.start == Q1)
    assert (q1.latest.state, q1.is_overdue, q1.period.due_on) == ("submitted", False, date(2026, 4, 30))


def test_other_clusters_reports_are_not_found(reporting, english_client):
    report = report_in_state(reporting.cluster, reporting.ceo, "submitted")
    other_referent = user_with_role(Role.REFERENT_INTERIOR, reporting.other_cluster)
    assert english_client(other_referent).get(reverse("oversight:report", args=[report.pk])).status_code == 404
    assert english_client(reporting.other_ceo).get(reverse("oversight:report", args=[report.pk])).status_code == 404
    assert english_client(reporting.advisor).get(reverse("oversight:report", args=[report.pk])).status_code == 404


def test_the_head_referent_does_not_confirm_their_own_acceptance(reporting):
    version = _submitted(reporting)
    reports.accept_report(version=version, accepted_by=reporting.head_referent)
    with pytest.raises(reports.ReportError, match="cannot also confirm"):
        reports.confirm_report(version=version, confirmed_by=reporting.head_referent)
    version.refresh_from_db()
    assert version.state == "accepted"
    reports.confirm_report(version=version, confirmed_by=reporting.treasury_referent)
    version.refresh_from_db()
    assert version.state == "confirmed"


def test_ceo_saves_a_draft_without_submitting(reporting, english_client):
    version = _open(reporting)
    response = english_client(reporting.ceo).post(
        reverse("oversight:report_edit", args=[version.report_id]),
        {"narrative": "Half written", "risks": "Tender delay", "requests": "", "save": "1"},
    )
    assert response.url == reverse("oversight:report", args=[version.report_id])
    version.refresh_from_db()
    assert (version.state, version.narrative, version.risks, version.snapshot) == (
        "draft",
        "Half written",
        "Tender delay",
        None,
    )
    assert AuditEvent.objects.filter(action="report_edited", actor=reporting.ceo).count() == 1
    assert PeriodicReport.objects.get().first_submitted_at is None


def test_referent_cannot_edit_report_content(reporting, english_client):
    version = _open(reporting)
    for person in (reporting.referent, reporting.treasury_referent, reporting.head_referent, reporting.board_member):
        response = english_client(person).post(
            reverse("oversight:report_edit", args=[version.report_id]),
            {"narrative": "Rewritten by oversight", "risks": "", "requests": "", "submit": "1"},
        )
        assert response.status_code == 403
        with pytest.raises(reports.ReportError):
            reports.save_report_texts(version=version, edited_by=person, narrative="x", risks="", requests="")
    version.refresh_from_db()
    assert (version.state, version.narrative) == ("draft", "")


def test_a_stale_copy_cannot_make_a_second_transition(reporting):
    version = _submitted(reporting)
    stale = ReportVersion.objects.get(pk=version.pk)
    reports.return_report(version=version, returned_by=reporting.referent, findings=[FINDING])
    with pytest.raises(reports.ReportError):
        reports.accept_report(version=stale, accepted_by=reporting.head_referent)  # read as submitted, now returned
    stale.refresh_from_db()
    assert (stale.state, _actions(stale.report)) == ("returned", ["open", "submit", "return"])


def test_bad_period_in_the_address_is_not_found_and_writes_nothing(reporting, english_client):
    client = english_client(reporting.ceo)
    assert client.post(reverse("oversight:report_open", args=[reporting.cluster.pk, "not-a-date"])).status_code == 404
    response = client.post(reverse("oversight:report_open", args=[reporting.cluster.pk, "2026-02-01"]), follow=True)
    assert "The cluster has no reporting period starting on this date." in response.content.decode()
    assert PeriodicReport.objects.count() == 0


def test_return_with_an_invalid_finding_shows_the_field_error_and_writes_nothing(reporting, english_client):
    version = _submitted(reporting)
    response = english_client(reporting.referent).post(
        reverse("oversight:report_return", args=[version.report_id]),
        _findings_post({"severity": "high", "text": "Add the baseline costs.", "due_on": "someday"}),
    )
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["due_on"] == ["Enter a valid date."]
    version.refresh_from_db()
    assert (version.state, Finding.objects.count(), _actions(version.report)) == ("submitted", 0, ["open", "submit"])


def test_referents_do_not_read_a_draft_before_it_is_submitted(reporting, english_client):
    version = _open(reporting)
    reports.save_report_texts(
        version=version, edited_by=reporting.ceo, narrative="Unfinished thoughts", risks="", requests=""
    )
    page = english_client(reporting.referent).get(reverse("oversight:report", args=[version.report_id]))
    assert "Unfinished thoughts" not in page.content.decode()
    assert page.context["preview"] is None
    assert english_client(reporting.ceo).get(reverse("oversight:report", args=[version.report_id])).context["preview"]


def test_findings_of_a_review_link_to_their_report_on_the_findings_page(reporting, english_client):
    version = _submitted(reporting)
    reports.return_report(version=version, returned_by=reporting.referent, findings=[FINDING])
    FindingFactory(cluster=reporting.cluster, raised_by=reporting.referent)
    page = english_client(reporting.ceo).get(reverse("oversight:findings")).content.decode()
    assert page.count(f'href="{reverse("oversight:report", args=[version.report_id])}"') == 1
