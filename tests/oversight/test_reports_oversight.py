"""Reports seen from oversight: overdue and rates, the dashboard column, the referents' queue and its exports, the
access log, query counts and the reminders."""

import csv
import io
from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from clusters.models import Cluster
from oversight import reports
from oversight.models import AccessLogEntry, ReportReminder
from oversight.tasks import send_report_reminders
from tests.factories import ClusterFactory, user_with_role
from tests.factories.oversight import PeriodicReportFactory, ReportVersionFactory, report_in_state
from tests.html_tables import body_cells
from tests.oversight.xlsx_helpers import xlsx_rows

Q1, Q2, Q3 = date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1)


@pytest.fixture
def reporting(world, settings):
    settings.OVERSIGHT_REPORTS_START = Q1
    settings.OVERSIGHT_REPORT_PERIOD_MONTHS = 3
    settings.OVERSIGHT_REPORT_DUE_DAYS = 30
    settings.OVERSIGHT_REPORT_RATE_PERIODS = 4
    settings.OVERSIGHT_REPORT_TREASURY_CONFIRMATION = True
    Cluster.objects.filter(pk__in=[world.cluster.pk, world.other_cluster.pk]).update(stage=Cluster.Stage.OPERATING)
    world.cluster.refresh_from_db()
    world.other_cluster.refresh_from_db()
    return world


def _report(cluster, start, submitted_on=None, state="submitted", *, opened_by):
    period = reports.period_containing(start)
    report = PeriodicReportFactory(
        cluster=cluster,
        period_start=period.start,
        period_end=period.end,
        due_on=period.due_on,
        opened_by=opened_by,
        first_submitted_at=timezone.make_aware(datetime.combine(submitted_on, time(12))) if submitted_on else None,
    )
    ReportVersionFactory(report=report, state=state, created_by=report.opened_by)
    return report


def test_overdue_and_rates_over_the_due_periods(reporting, settings):
    cluster = reporting.cluster
    _report(cluster, Q1, date(2026, 4, 20), opened_by=reporting.ceo)  # on time
    _report(cluster, Q2, date(2026, 8, 15), state="accepted", opened_by=reporting.ceo)  # late
    today = date(2026, 11, 15)  # Q1, Q2 and Q3 are due; Q3 has no report
    facts = reports.report_facts_by_cluster(clusters=[cluster], today=today)[cluster.pk]
    assert [p.label for p in facts.overdue] == ["2026 Q3"]
    assert facts.oldest_overdue_due_on == date(2026, 10, 30)
    assert (facts.due_periods, facts.submitted, facts.on_time) == (3, 2, 1)
    assert (facts.completeness, facts.on_time_rate) == (67, 33)
    assert (facts.latest_period, facts.latest_state) == ("2026 Q2", "accepted")
    assert facts.latest_text == "Overdue (2026 Q3)"
    assert facts.completeness_text == "2 of 3 (67%)"

    settings.OVERSIGHT_REPORT_RATE_PERIODS = 2  # only Q2 and Q3 count
    facts = reports.report_facts_by_cluster(clusters=[cluster], today=today)[cluster.pk]
    assert (facts.due_periods, facts.submitted, facts.on_time) == (2, 1, 0)
    assert facts.on_time_text == "0 of 2 (0%)"


def test_a_drafted_but_unsubmitted_report_is_overdue_after_its_due_date(reporting):
    _report(reporting.cluster, Q1, None, state="draft", opened_by=reporting.ceo)
    facts = reports.report_facts_by_cluster(clusters=[reporting.cluster], today=date(2026, 5, 1))[reporting.cluster.pk]
    assert [p.label for p in facts.overdue] == ["2026 Q1"]
    facts = reports.report_facts_by_cluster(clusters=[reporting.cluster], today=date(2026, 4, 30))[reporting.cluster.pk]
    assert facts.overdue == []


def test_national_rates_add_up_the_clusters(reporting):
    _report(reporting.cluster, Q1, date(2026, 4, 1), opened_by=reporting.ceo)
    _report(reporting.other_cluster, Q1, date(2026, 5, 10), opened_by=reporting.other_ceo)
    facts = reports.report_facts_by_cluster(
        clusters=[reporting.cluster, reporting.other_cluster], today=date(2026, 5, 15)
    )
    assert reports.national_rates(facts.values()) == {
        "due": 2,
        "submitted": 2,
        "on_time": 1,
        "completeness": "2 of 2 (100%)",
        "on_time_rate": "1 of 2 (50%)",
    }


def test_dashboard_shows_the_latest_report_rates_and_the_overdue_rule(reporting, english_client):
    _report(reporting.cluster, Q1, date(2026, 4, 20), state="accepted", opened_by=reporting.ceo)
    response = english_client(reporting.referent).get(reverse("oversight:home"))
    row = response.context["rows"][0]
    today = timezone.localdate()
    due = [p for p in reports.cluster_periods(reporting.cluster, today) if p.is_due(today)]
    assert row.reports.latest_state == "accepted"
    assert len(row.reports.overdue) == len(due) - 1
    assert "report_overdue" in [rule.code for rule in row.assessment.fired]
    page = response.content.decode()
    assert f'<strong>Overdue</strong> (<bdi class="text-nowrap">{row.reports.latest_period_label}</bdi>)' in page
    assert row.reports.completeness_text in page
    assert response.context["report_rates"]["completeness"] in page


def test_dashboard_export_has_the_report_columns_of_the_page(reporting, english_client):
    _report(reporting.cluster, Q1, date(2026, 4, 20), state="accepted", opened_by=reporting.ceo)
    client = english_client(reporting.referent)
    row = client.get(reverse("oversight:home")).context["rows"][0]
    rows = list(csv.reader(io.StringIO(client.get(reverse("oversight:export_csv")).content.decode("utf-8-sig"))))
    assert rows[1][-3:] == [row.reports.latest_text, row.reports.completeness_text, row.reports.on_time_text]


def _queue(client, **params):
    return [
        report.pk for report, _latest, _period in client.get(reverse("oversight:report_queue"), params).context["rows"]
    ]


def test_queue_shows_each_referent_the_reports_awaiting_their_level(reporting, english_client):
    submitted = report_in_state(reporting.cluster, reporting.ceo, "submitted")
    accepted = _report(reporting.cluster, Q2, date(2026, 7, 1), state="accepted", opened_by=reporting.ceo)
    _report(reporting.cluster, Q3, date(2026, 10, 1), state="returned", opened_by=reporting.ceo)
    report_in_state(reporting.other_cluster, reporting.other_ceo, "submitted")
    assert _queue(english_client(reporting.referent)) == [submitted.pk]
    assert _queue(english_client(reporting.treasury_referent)) == [accepted.pk]
    assert len(_queue(english_client(reporting.head_referent))) == 3
    assert len(_queue(english_client(reporting.referent), state="")) == 3
    assert _queue(english_client(reporting.referent), state="accepted") == [accepted.pk]


def test_queue_exports_match_the_page_with_the_same_filters(reporting, english_client):
    report_in_state(reporting.cluster, reporting.ceo, "submitted")
    _report(reporting.cluster, Q2, date(2026, 8, 1), state="accepted", opened_by=reporting.ceo)
    Cluster.objects.filter(pk=reporting.cluster.pk).update(name_en="=HYPERLINK(1)")
    client = english_client(reporting.referent)
    params = {"state": ""}
    shown = client.get(reverse("oversight:report_queue"), params).context["rows"]
    rows = list(
        csv.reader(io.StringIO(client.get(reverse("oversight:report_queue_csv"), params).content.decode("utf-8-sig")))
    )
    assert rows[0] == ["Cluster", "Period", "Due date", "Version", "State", "First submitted", "On time"]
    assert [(r[0], r[1], r[4], r[6]) for r in rows[1:]] == [
        (
            "'=HYPERLINK(1)",
            period.label,
            str(latest.get_state_display()),
            {None: "", True: "Yes", False: "No"}[report.is_submitted_on_time],
        )
        for report, latest, period in shown
    ]
    assert xlsx_rows(client.get(reverse("oversight:report_queue_xlsx"), params).content) == rows


def _queue_cells(client, **params):
    """Each row of the queue page's table as the text of its cells."""
    return body_cells(client.get(reverse("oversight:report_queue"), params), "reports")


def test_queue_rows_show_each_change_and_the_readers_language(reporting, english_client):
    report = _report(reporting.cluster, Q1, date(2026, 4, 20), opened_by=reporting.ceo)
    client = english_client(reporting.referent)
    name = str(reporting.cluster.name_en)
    assert _queue_cells(client) == [[name, "2026 Q1", "30/04/2026", "1", "Submitted", "20/04/2026", "Yes"]]
    report.versions.update(state="accepted")
    ReportVersionFactory(report=report, number=2, state="submitted", created_by=reporting.ceo)
    Cluster.objects.filter(pk=reporting.cluster.pk).update(name_en="Renamed <b>cluster</b>")
    assert _queue_cells(client) == [
        ["Renamed <b>cluster</b>", "2026 Q1", "30/04/2026", "2", "Submitted", "20/04/2026", "Yes"]
    ]
    report.versions.filter(number=2).update(state="accepted")
    assert _queue_cells(client, state="")[0][3:5] == ["2", "Accepted"]
    client.cookies["language"] = "he"
    assert _queue_cells(client, state="")[0][4:] == ["התקבל", "20/04/2026", "כן"]
    client.cookies["language"] = "en"
    assert _queue_cells(client, state="")[0][4] == "Accepted"  # English again, from the rows kept


def test_queue_headers_follow_the_users_language(reporting, client_as):
    client = client_as(reporting.referent)
    client.cookies["language"] = "he"
    rows = list(csv.reader(io.StringIO(client.get(reverse("oversight:report_queue_csv")).content.decode("utf-8-sig"))))
    assert rows[0][0] == "אשכול"


def test_report_pages_are_recorded_in_the_access_log(reporting, english_client):
    report = report_in_state(reporting.cluster, reporting.ceo, "submitted")
    client = english_client(reporting.referent)
    client.get(reverse("oversight:report_queue"))
    client.get(reverse("oversight:report", args=[report.pk]))
    client.get(reverse("oversight:report_return", args=[report.pk]))
    client.get(reverse("oversight:report_queue_csv"))
    client.get(reverse("oversight:report_queue_xlsx"))
    assert list(AccessLogEntry.objects.order_by("pk").values_list("page", "cluster")) == [
        ("report_queue", None),
        ("report", reporting.cluster.pk),
        ("report_return", reporting.cluster.pk),
        ("reports_csv", None),
        ("reports_xlsx", None),
    ]
    english_client(reporting.advisor).get(reverse("oversight:report", args=[report.pk]))
    english_client(reporting.org_manager).get(reverse("oversight:report_queue"))
    assert AccessLogEntry.objects.count() == 5


def _more_reports(count, referent):
    for _ in range(count):
        cluster = ClusterFactory(stage=Cluster.Stage.OPERATING)
        ceo = user_with_role(Role.CLUSTER_CEO, cluster)
        user_with_role(Role.BOARD_MEMBER, cluster)
        _report(cluster, Q1, date(2026, 4, 1), opened_by=ceo)
        _report(cluster, Q2, date(2026, 8, 1), state="accepted", opened_by=ceo)


def test_queue_and_dashboard_query_counts_do_not_grow_with_reports(
    reporting, english_client, django_assert_num_queries
):
    client = english_client(reporting.head_referent)
    client.get(reverse("oversight:report_queue"))
    _more_reports(2, reporting.head_referent)
    # the page's keys with the count, then its reports, each report's latest version number and state read with it
    with django_assert_num_queries(6):
        assert len(client.get(reverse("oversight:report_queue"), {"state": ""}).context["rows"]) == 4
    with django_assert_num_queries(24):  # 19 for the dashboard, 5 for what needs doing
        client.get(reverse("oversight:home"))
    _more_reports(4, reporting.head_referent)
    with django_assert_num_queries(6):
        assert len(client.get(reverse("oversight:report_queue"), {"state": ""}).context["rows"]) == 12
    with django_assert_num_queries(24):
        client.get(reverse("oversight:home"))


def test_ceo_reports_list_query_count_does_not_grow_with_periods(reporting, english_client, django_assert_num_queries):
    client = english_client(reporting.ceo)
    client.get(reverse("oversight:reports"))
    _report(reporting.cluster, Q1, date(2026, 4, 1), opened_by=reporting.ceo)
    with django_assert_num_queries(6):
        client.get(reverse("oversight:reports"))
    _report(reporting.cluster, Q2, date(2026, 8, 1), opened_by=reporting.ceo)
    _report(reporting.cluster, Q3, date(2026, 10, 1), opened_by=reporting.ceo)
    with django_assert_num_queries(6):
        client.get(reverse("oversight:reports"))


def test_ceo_is_reminded_once_of_the_latest_overdue_report(reporting, settings):
    _report(reporting.cluster, Q1, date(2026, 4, 20), opened_by=reporting.ceo)  # submitted: no reminder
    today = timezone.localdate()
    due = [p for p in reports.cluster_periods(reporting.cluster, today) if p.is_due(today)]
    send_report_reminders.delay()
    send_report_reminders.delay()
    reminded = ReportReminder.objects.filter(kind="overdue").order_by("cluster_id")
    assert list(reminded.values_list("cluster_id", "period_start")) == [
        (reporting.cluster.pk, due[-1].start),
        (reporting.other_cluster.pk, due[-1].start),
    ]
    # one each, in the clusters' order (by name, which the factories draw at random)
    overdue_mail = sorted(m.to for m in mail.outbox if "באיחור" in m.subject)
    assert overdue_mail == sorted([[reporting.ceo.email], [reporting.other_ceo.email]])


def test_cluster_page_lists_the_clusters_reports(reporting, english_client):
    report = _report(reporting.cluster, Q1, date(2026, 4, 20), state="accepted", opened_by=reporting.ceo)
    response = english_client(reporting.referent).get(reverse("oversight:cluster", args=[reporting.cluster.pk]))
    assert f'href="{reverse("oversight:report", args=[report.pk])}"' in response.content.decode()
    rows = response.context["report_rows"]
    assert (rows[-1].period.start, rows[-1].latest.state) == (Q1, "accepted")


def test_ceo_is_reminded_once_of_a_report_due_soon(reporting, settings):
    today = timezone.localdate()
    previous = reports.period_containing(reports.period_containing(today).start - timedelta(days=1))
    settings.OVERSIGHT_REPORT_DUE_DAYS = (today - previous.end).days + 3  # the previous period is due in 3 days
    settings.OVERSIGHT_REPORT_REMINDER_DAYS_BEFORE = 7
    send_report_reminders.delay()
    send_report_reminders.delay()
    reminded = ReportReminder.objects.filter(cluster=reporting.cluster, kind="due_soon")
    assert list(reminded.values_list("period_start", flat=True)) == [previous.start]
    subjects = [m.subject for m in mail.outbox if m.to == [reporting.ceo.email]]
    assert subjects.count("מועד הגשת דוח תקופתי מתקרב") == 1  # in the CEO's language (Hebrew by default)


def test_queue_form_shows_the_default_filter_selected(reporting, english_client):
    page = english_client(reporting.referent).get(reverse("oversight:report_queue")).content.decode()
    assert '<option value="awaiting" selected>Awaiting my review</option>' in page


def test_queue_is_cut_into_pages_in_the_database(reporting, english_client, django_assert_num_queries, monkeypatch):
    from oversight import report_views

    monkeypatch.setattr(report_views, "QUEUE_PAGE_SIZE", 3)
    client = english_client(reporting.head_referent)
    url = reverse("oversight:report_queue")
    client.get(url)
    everything = [report.pk for report, _l, _p in client.get(url, {"state": ""}).context["rows"]]
    _more_reports(2, reporting.head_referent)
    with django_assert_num_queries(6):
        response = client.get(url, {"state": ""})
    assert (len(response.context["rows"]), response.context["total"]) == (3, 4 + len(everything))
    _more_reports(4, reporting.head_referent)
    with django_assert_num_queries(6):
        response = client.get(url, {"state": "", "page": 2})
    assert (len(response.context["rows"]), response.context["total"]) == (3, 12 + len(everything))
    shown = []
    for number in range(1, response.context["page"].paginator.num_pages + 1):
        shown += [report.pk for report, _l, _p in client.get(url, {"state": "", "page": number}).context["rows"]]
    exported = client.get(reverse("oversight:report_queue_csv"), {"state": ""}).content.decode("utf-8-sig")
    assert len(shown) == len(set(shown)) == 12 + len(everything)
    assert len(exported.strip().splitlines()) == 1 + len(shown)
