"""Every XLSX download reads like its page: right-to-left in Hebrew and Arabic, a frozen bold header with a filter,
columns as wide as their content, and real date and number cells."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from accounts.spreadsheets import COLUMN_WIDTH_MAX, COLUMN_WIDTH_MIN, DATE_FORMAT, table_to_csv, table_to_xlsx
from clusters import services as cluster_services
from clusters.models import Cluster, WorkPlanItem
from quality.models import Measure
from tests.factories.clusters import GoalFactory, ServiceFactory
from tests.factories.oversight import FindingFactory, report_in_state
from tests.factories.quality import quality_setup


def sheet_of(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def width(sheet, column: str) -> float:
    return sheet.column_dimensions[column].width


# The writer ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "right_to_left"), [("he", True), ("ar", True), ("en", False)])
def test_the_sheet_runs_in_the_direction_of_the_language(language, right_to_left):
    assert sheet_of(table_to_xlsx([["a"]], "t", language=language)).sheet_view.rightToLeft is right_to_left
    with translation.override(language):
        assert sheet_of(table_to_xlsx([["a"]], "t")).sheet_view.rightToLeft is right_to_left


def test_the_header_is_bold_frozen_and_filtered():
    sheet = sheet_of(table_to_xlsx([["Name", "Hours"], ["א", 1], ["ב", 2]], "t", language="he"))
    assert [cell.font.b for cell in sheet[1]] == [True, True]
    assert [cell.font.b for cell in sheet[2]] == [False, False]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B3"


def test_columns_are_as_wide_as_their_longest_line_within_bounds():
    table = [["Id", "Name", "Text"], [1, "A somewhat longer name", "x" * 500], [2, "line\nlonger second line", "y"]]
    sheet = sheet_of(table_to_xlsx(table, "t"))
    assert (width(sheet, "A"), width(sheet, "B"), width(sheet, "C")) == (
        COLUMN_WIDTH_MIN,
        len("A somewhat longer name") + 2,
        COLUMN_WIDTH_MAX,
    )
    assert (sheet["C2"].alignment.wrap_text, sheet["B3"].alignment.wrap_text, sheet["B2"].alignment.wrap_text) == (
        True,
        True,
        None,
    )


def test_dates_and_numbers_keep_their_kind(settings):
    aware = timezone.make_aware(datetime(2026, 3, 1, 22, 30), timezone.get_fixed_timezone(0))  # 00:30 in Israel
    table = [
        ["Due", "At", "Hours", "Cost", "Count", "Text"],
        [date(2026, 2, 28), aware, Decimal("1.50"), Decimal("7.00"), 3, "-5"],
    ]
    sheet = sheet_of(table_to_xlsx(table, "t"))
    due, at, hours, cost, count, text = sheet[2]
    assert (due.is_date, due.value, due.number_format) == (True, datetime(2026, 2, 28), DATE_FORMAT)
    assert (at.is_date, at.value, at.number_format) == (True, datetime(2026, 3, 2, 0, 30), "dd/mm/yyyy hh:mm")
    assert [(c.data_type, c.value) for c in (hours, cost, count)] == [("n", 1.5), ("n", 7), ("n", 3)]
    assert (text.data_type, text.value) == ("s", "'-5")
    assert table_to_csv(table).decode("utf-8-sig").splitlines()[1] == "2026-02-28,2026-03-02 00:30,1.5,7,3,'-5"


# Every export of the platform -------------------------------------------------------------------------------------

OVERSIGHT_EXPORTS = [
    ("oversight:export_xlsx", []),
    ("oversight:findings_xlsx", []),
    ("oversight:plan_queue_xlsx", []),
    ("oversight:rebaseline_queue_xlsx", []),
    ("oversight:report_queue_xlsx", []),
    ("oversight:cluster_engagements_xlsx", ["cluster"]),
]


def _client(client_as, user, language):
    client = client_as(user)
    client.cookies["language"] = language
    return client


@pytest.mark.parametrize(("name", "args"), OVERSIGHT_EXPORTS)
@pytest.mark.parametrize(("language", "right_to_left"), [("he", True), ("ar", True), ("en", False)])
def test_every_oversight_export_has_the_native_sheet_layout(world, client_as, name, args, language, right_to_left):
    FindingFactory(cluster=world.cluster, raised_by=world.referent)
    url = reverse(name, args=[world.cluster.pk for _arg in args])
    response = _client(client_as, world.head_referent, language).get(url)
    sheet = sheet_of(response.content)
    assert response.status_code == 200
    assert sheet.sheet_view.rightToLeft is right_to_left
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    assert all(cell.font.b for cell in sheet[1])
    assert all(COLUMN_WIDTH_MIN <= width(sheet, cell.column_letter) <= COLUMN_WIDTH_MAX for cell in sheet[1])


def test_the_findings_export_has_date_cells(world, client_as):
    FindingFactory(cluster=world.cluster, raised_by=world.referent, due_on=date(2026, 1, 15))
    sheet = sheet_of(_client(client_as, world.referent, "he").get(reverse("oversight:findings_xlsx")).content)
    due = sheet["D2"]
    assert (sheet["D1"].value, due.is_date, due.value, due.number_format) == (
        "מועד יעד",
        True,
        datetime(2026, 1, 15),
        DATE_FORMAT,
    )


def test_the_work_plan_queue_has_date_and_number_cells(world, client_as):
    plan = cluster_services.start_work_plan(cluster=world.cluster, year=timezone.localdate().year, started_by=world.ceo)
    WorkPlanItem.objects.create(
        plan=plan,
        title="Tender",
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 6, 30),
        budget_amount=Decimal("1500.50"),
    )
    cluster_services.submit_work_plan(plan=plan, submitted_by=world.ceo)
    cluster_services.approve_work_plan(plan=plan, approved_by=world.board_member)
    plan.refresh_from_db()
    sheet = sheet_of(_client(client_as, world.referent, "en").get(reverse("oversight:plan_queue_xlsx")).content)
    year, approved_on, items, budget = (sheet.cell(2, column) for column in (2, 3, 4, 5))
    assert (year.data_type, year.value, items.value, budget.data_type, budget.value) == ("n", plan.year, 1, "n", 1500.5)
    assert (approved_on.is_date, approved_on.value.date()) == (True, timezone.localtime(plan.approved_at).date())


def test_the_rebaseline_queue_has_date_and_number_cells(world, client_as):
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster), name="Lower waste cost")
    cluster_services.rebaseline_goal(
        goal=goal, baseline_value=Decimal(800_000), baseline_on=date(2025, 1, 1), reason="Ledger", changed_by=world.ceo
    )
    sheet = sheet_of(_client(client_as, world.referent, "ar").get(reverse("oversight:rebaseline_queue_xlsx")).content)
    new_value, new_on = sheet["E2"], sheet["G2"]
    assert (new_value.data_type, new_value.value) == ("n", 800_000)
    assert (new_on.is_date, new_on.value, new_on.number_format) == (True, datetime(2025, 1, 1), DATE_FORMAT)


def test_the_report_queue_has_date_and_number_cells(world, client_as, settings):
    settings.OVERSIGHT_REPORTS_START = date(2026, 1, 1)
    Cluster.objects.filter(pk=world.cluster.pk).update(stage=Cluster.Stage.OPERATING)
    report = report_in_state(world.cluster, world.ceo, "submitted")
    sheet = sheet_of(
        _client(client_as, world.referent, "he").get(reverse("oversight:report_queue_xlsx"), {"state": ""}).content
    )
    due, version = sheet["C2"], sheet["D2"]
    assert (due.is_date, due.value.date(), due.number_format) == (True, report.due_on, DATE_FORMAT)
    assert (version.data_type, version.value) == ("n", 1)


def test_the_dashboard_export_has_number_cells(world, client_as):
    sheet = sheet_of(_client(client_as, world.referent, "he").get(reverse("oversight:export_xlsx")).content)
    members, hours, cost = sheet["D2"], sheet["G2"], sheet["H2"]
    assert [(cell.data_type, cell.value) for cell in (members, hours, cost)] == [("n", 0), ("n", 0), ("n", 0)]


@pytest.mark.parametrize("kind", ["cluster", "service", "authority", "national"])
def test_every_quality_export_has_the_native_sheet_layout_and_number_cells(world, client_as, kind):
    setup = quality_setup(world.cluster, authorities=2)
    first = setup.authorities[0]
    for authority, hours in zip(setup.authorities, ("10.5", "20"), strict=True):
        Measure.objects.create(
            service=setup.service,
            authority=authority,
            month=date(2026, 2, 1),
            channel="",
            inquiries=5,
            close_median_hours=Decimal(hours),
        )
    path = {
        "cluster": f"/quality/clusters/{world.cluster.pk}/export.xlsx",
        "service": f"/quality/services/{setup.service.pk}/export.xlsx",
        "authority": f"/quality/clusters/{world.cluster.pk}/authorities/{first.pk}/export.xlsx",
        "national": "/quality/national/export.xlsx",
    }[kind]
    user = world.head_referent if kind == "national" else world.ceo
    response = _client(client_as, user, "ar").get(path, {"domain": setup.service.domain})
    sheet = sheet_of(response.content)
    assert response.status_code == 200
    assert (sheet.sheet_view.rightToLeft, sheet.freeze_panes, sheet["A1"].font.b) == (True, "A2", True)
    numbers = [cell.value for row in sheet.iter_rows(min_row=2) for cell in row if cell.data_type == "n"]
    assert 5 in numbers or 10.5 in numbers
