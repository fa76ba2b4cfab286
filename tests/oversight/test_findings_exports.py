"""The findings list: a state filter, and CSV / XLSX exports of the same rows for referents."""

import csv
import io
from datetime import date, datetime

from django.urls import reverse
from openpyxl import load_workbook

from oversight.models import AccessLogEntry
from tests.factories.oversight import FindingFactory


def test_findings_list_filters_by_state(world, english_client):
    open_finding = FindingFactory(cluster=world.cluster, raised_by=world.referent)
    FindingFactory(cluster=world.cluster, raised_by=world.referent, state="answered", answer="Done.")
    rows = english_client(world.ceo).get(reverse("oversight:findings"), {"state": "open"}).context["rows"]
    assert [finding for finding, _can_answer in rows] == [open_finding]


def test_findings_exports_match_the_filtered_page_in_the_users_language(world, english_client, client_as):
    FindingFactory(cluster=world.cluster, raised_by=world.referent, text="=1+1", due_on=date(2020, 1, 1))
    FindingFactory(cluster=world.cluster, raised_by=world.referent, state="answered", answer="Done.")
    FindingFactory(cluster=world.other_cluster, raised_by=world.head_referent)
    client = english_client(world.referent)
    page = [f.pk for f, _ in client.get(reverse("oversight:findings"), {"state": "open"}).context["rows"]]
    body = client.get(reverse("oversight:findings_csv"), {"state": "open"}).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert len(page) == 1
    assert rows == [
        ["Cluster", "Severity", "State", "Due date", "Overdue", "Finding", "Answer", "Raised in"],
        [str(world.cluster.name), "Medium", "Open", "2020-01-01", "Yes", "'=1+1", "", ""],
    ]
    workbook = load_workbook(io.BytesIO(client.get(reverse("oversight:findings_xlsx"), {"state": "open"}).content))
    cells = [list(row) for row in workbook.active.iter_rows(values_only=True)]
    # The due date is a real date cell in XLSX (read back as a date-time) and ISO text in CSV.
    assert cells[1][3] == datetime(2020, 1, 1)
    cells[1][3] = "2020-01-01"
    assert [["" if v is None else str(v) for v in row] for row in cells] == rows
    assert list(AccessLogEntry.objects.order_by("pk").values_list("page", flat=True)) == [
        "findings",
        "findings_csv",
        "findings_xlsx",
    ]
    hebrew = client_as(world.referent)
    hebrew.cookies["language"] = "he"
    header = next(csv.reader(io.StringIO(hebrew.get(reverse("oversight:findings_csv")).content.decode("utf-8-sig"))))
    assert header[0] == "אשכול"


def test_ceo_cannot_export_findings(world, english_client):
    assert english_client(world.ceo).get(reverse("oversight:findings_csv")).status_code == 403
    assert AccessLogEntry.objects.count() == 0
