"""The dashboard and its exports read the kept statuses: the same rows as a fresh computation, live for a cluster
with none kept for today or set aside by a change, and a flat number of queries."""

import re
from datetime import date, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from oversight import export_views, kept, services
from oversight.digests import record_statuses
from oversight.kept import kept_dashboard_rows
from oversight.models import Finding, StatusRecord
from oversight.selectors import dashboard_rows
from tests.factories.clusters import GoalFactory, MeasurementFactory, ServiceFactory
from tests.factories.oversight import FindingFactory
from tests.oversight.engagement_helpers import engagement_with_work
from tests.oversight.test_dashboard import _add_clusters


def _shown(row):
    """Everything the dashboard and its exports show of a row."""
    return (
        row.cluster.pk,
        row.members,
        row.operating_core_services,
        sorted(row.domains),
        [(item.goal.pk, item.goal.name, item.goal.service_id, item.progress) for item in row.goals],
        row.work_plan_status,
        row.ceo_vacant_since,
        row.overdue_findings,
        row.status,
        [(rule.code, rule.level, str(rule.message)) for rule in row.assessment.fired],
        row.reports,
        (row.effort.hours, row.effort.cost, row.effort.engagements, row.effort.groups),
    )


def _clusters(world):
    from oversight.permissions import clusters_overseen_by

    return clusters_overseen_by(world.head_referent).order_by("pk")


def _assert_kept_equals_live(world):
    clusters = _clusters(world)
    kept = [_shown(row) for row in kept_dashboard_rows(clusters=clusters)]
    live = [_shown(row) for row in dashboard_rows(clusters=clusters)]
    assert kept == live


def _table(response) -> str:
    return re.search(r'<table[^>]*id="dashboard".*?</table>', response.content.decode(), re.S).group(0)


def _rich_world(world, reporting=None):
    _add_clusters(3, world.head_referent)
    service = ServiceFactory(cluster=world.cluster, level="core", status="operating")
    goal = GoalFactory(service=service)
    MeasurementFactory(goal=goal, period_start=date(2025, 1, 1), value=Decimal(950_000))
    engagement_with_work(cluster=world.cluster, ceo=world.ceo, hours=(4, 2), needs=("core.domain_expertise",))
    FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=date(2021, 5, 1))


def test_kept_rows_equal_a_fresh_computation(world, reporting):
    _rich_world(world)
    assert record_statuses() == 2 + 3
    assert StatusRecord.objects.filter(day=timezone.localdate(), snapshot__isnull=False).count() == 5
    _assert_kept_equals_live(world)


def test_page_and_exports_read_from_kept_statuses_are_those_computed_live(world, reporting, english_client):
    _rich_world(world)
    client = english_client(world.head_referent)
    pages = {}
    for source in ("live", "kept"):
        if source == "kept":
            record_statuses()
        pages[source] = (
            _table(client.get(reverse("oversight:home"))),
            client.get(reverse("oversight:export_csv")).content,
            client.get(reverse("oversight:home"), {"sort": "status", "status": "red"}).context["rows"],
        )
    assert pages["kept"][0] == pages["live"][0]
    assert pages["kept"][1] == pages["live"][1]
    assert [_shown(row) for row in pages["kept"][2]] == [_shown(row) for row in pages["live"][2]]
    assert len(pages["kept"][2]) == 4


def test_the_rules_messages_follow_the_readers_language(world, client_as):
    FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=date(2021, 5, 1))
    record_statuses()  # recorded in the default language, Hebrew
    client = client_as(world.head_referent)
    client.cookies["language"] = "en"
    row = next(r for r in client.get(reverse("oversight:home")).context["rows"] if r.cluster.pk == world.cluster.pk)
    assert "1 open finding is past its due date." in [str(rule.message) for rule in row.assessment.fired]


def test_a_kept_row_read_and_rendered_again_is_what_a_first_reading_gives(world, reporting, client_as):
    """Each process keeps what it read and rendered of a snapshot: the table is the same from that memo as from a
    first reading, in each language, and a renamed cluster or a recorded change shows at once."""
    _rich_world(world)
    FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=date(2021, 5, 1))
    record_statuses()
    client = client_as(world.head_referent)
    tables, exports = {}, {}
    for language in ("en", "ar", "en"):
        client.cookies["language"] = language
        first = _table(client.get(reverse("oversight:home")))
        first_export = client.get(reverse("oversight:export_csv")).content
        kept._ROWS.clear()
        kept._RENDERED.clear()
        kept._CELLS.clear()
        export_views._FILES.clear()
        assert _table(client.get(reverse("oversight:home"))) == first
        assert client.get(reverse("oversight:export_csv")).content == first_export
        assert client.get(reverse("oversight:export_csv")).content == first_export  # now from the memo
        tables.setdefault(language, first)
        exports.setdefault(language, first_export)
    assert tables["en"] != tables["ar"]
    assert exports["en"] != exports["ar"]

    def row_of_the_cluster():
        table = _table(client.get(reverse("oversight:home")))
        return re.search(rf'<tr data-cluster="{world.cluster.pk}">.*?</tr>', table, re.S).group(0)

    assert 'data-rule="findings_overdue"' in row_of_the_cluster()

    world.cluster.name_en = "Renamed cluster"
    world.cluster.save()
    assert "Renamed cluster" in row_of_the_cluster()
    assert "Renamed cluster" in client.get(reverse("oversight:export_csv")).content.decode()
    overdue = "open findings are past their due date"  # two: one of _rich_world and one of this test

    def exported_row_of_the_cluster():
        lines = client.get(reverse("oversight:export_csv")).content.decode().splitlines()
        return next(line for line in lines if line.startswith("Renamed cluster,"))

    before = client.get(reverse("oversight:export_csv")).content.decode()
    assert overdue in exported_row_of_the_cluster()
    sorted_by_status = client.get(reverse("oversight:export_csv"), {"sort": "status"}).content.decode()
    assert sorted_by_status != before and sorted(sorted_by_status.splitlines()) == sorted(before.splitlines())
    Finding.objects.filter(cluster=world.cluster).update(due_on=date(2099, 1, 1))
    record_statuses()
    assert 'data-rule="findings_overdue"' not in row_of_the_cluster()
    assert overdue not in exported_row_of_the_cluster()


def test_each_kind_of_change_is_seen_after_the_next_recording(world, reporting):
    _rich_world(world)
    record_statuses()
    service = ServiceFactory(cluster=world.other_cluster, level="core", status="operating")
    MeasurementFactory(goal=GoalFactory(service=service), period_start=date(2025, 4, 1), value=Decimal(800_000))
    engagement_with_work(cluster=world.other_cluster, ceo=world.other_ceo, hours=(7,))
    Finding.objects.filter(cluster=world.cluster).update(due_on=date(2020, 1, 1))
    kept = {row.cluster.pk: _shown(row) for row in kept_dashboard_rows(clusters=_clusters(world))}
    record_statuses()
    _assert_kept_equals_live(world)
    assert {row.cluster.pk: _shown(row) for row in kept_dashboard_rows(clusters=_clusters(world))} != kept


def test_an_oversight_workflow_sets_the_kept_row_aside_so_the_change_shows_at_once(world):
    finding = FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=date(2021, 5, 1))
    record_statuses()
    assert services.close_finding(finding=finding, closed_by=world.referent)
    record = StatusRecord.objects.get(cluster=world.cluster, day=timezone.localdate())
    assert record.snapshot is None
    assert StatusRecord.objects.get(cluster=world.other_cluster, day=timezone.localdate()).snapshot is not None
    _assert_kept_equals_live(world)
    row = kept_dashboard_rows(clusters=[world.cluster])[0]
    assert "findings_overdue" not in [rule.code for rule in row.assessment.fired]


def test_a_cluster_with_no_status_kept_for_today_is_computed_live(world):
    FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=date(2021, 5, 1))
    record_statuses(today=timezone.localdate() - timedelta(days=1))
    record_statuses()
    StatusRecord.objects.filter(cluster=world.cluster, day=timezone.localdate()).delete()
    FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=date(2021, 6, 1))
    row = kept_dashboard_rows(clusters=[world.cluster])[0]
    assert row.overdue_findings == 2
    assert row.burn is not None
    _assert_kept_equals_live(world)


def test_kept_dashboard_and_export_queries_do_not_grow_with_clusters(world, english_client, django_assert_num_queries):
    client = english_client(world.head_referent)
    urls = [reverse("oversight:home"), reverse("oversight:export_csv"), reverse("oversight:export_xlsx")]
    for url in urls:
        client.get(url)  # the session and the person's roles are warm from here on
    budgets = {urls[0]: 8 + 5, urls[1]: 8, urls[2]: 8}  # the page: 5 more for what needs doing
    for count, clusters in ((2, 4), (5, 9)):
        _add_clusters(count, world.head_referent)
        record_statuses()
        for url in urls:
            kept._ROWS.clear()
            with django_assert_num_queries(budgets[url] + 1):  # the snapshots read once in this process
                assert client.get(url).status_code == 200
            with django_assert_num_queries(budgets[url]):  # from here on only their digests
                assert client.get(url).status_code == 200
        assert len(client.get(urls[0]).context["rows"]) == clusters


def test_some_clusters_live_and_some_kept_cost_a_fixed_number_of_queries(
    world, english_client, django_assert_num_queries
):
    client = english_client(world.head_referent)
    url = reverse("oversight:home")
    client.get(url)
    for count, clusters in ((2, 4), (5, 9)):
        _add_clusters(count, world.head_referent)
        record_statuses()
        StatusRecord.objects.filter(cluster=world.cluster).update(snapshot=None)
        kept._ROWS.clear()
        with django_assert_num_queries(22 + 5):  # 5 for what needs doing
            assert len(client.get(url).context["rows"]) == clusters


def test_a_snapshot_kept_by_another_release_is_computed_live(world):
    FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=date(2021, 5, 1))
    record_statuses()
    record = StatusRecord.objects.get(cluster=world.cluster, day=timezone.localdate())
    record.snapshot = {**record.snapshot, "version": kept.SNAPSHOT_VERSION + 1}
    record.snapshot_digest = kept.snapshot_digest(record.snapshot)
    record.save()
    kept._ROWS.clear()
    row, other = kept_dashboard_rows(clusters=[world.cluster, world.other_cluster])
    assert row.kept_key is None and other.kept_key is not None
    assert row.overdue_findings == 1
    _assert_kept_equals_live(world)


def test_a_row_without_a_digest_is_computed_live_and_recording_again_gives_it_one(world):
    record_statuses()
    StatusRecord.objects.filter(cluster=world.cluster).update(snapshot_digest="")
    row, other = kept_dashboard_rows(clusters=[world.cluster, world.other_cluster])
    assert row.kept_key is None and other.kept_key is not None
    record_statuses()
    record = StatusRecord.objects.get(cluster=world.cluster, day=timezone.localdate())
    assert record.snapshot_digest == kept.snapshot_digest(record.snapshot)
    assert kept_dashboard_rows(clusters=[world.cluster])[0].kept_key is not None
