"""Exports: the dashboard table, with the same filters, as CSV and XLSX; formula-like cells are escaped."""

import csv
import io
from datetime import date

from django.urls import reverse
from openpyxl import load_workbook

from clusters.models import Cluster
from oversight.exports import safe_cell
from oversight.models import AccessLogEntry


def _page_rows(client, params):
    return [row.cluster.pk for row in client.get(reverse("oversight:home"), params).context["rows"]]


def test_csv_export_matches_the_filtered_page(world, english_client):
    Cluster.objects.filter(pk=world.cluster.pk).update(region="north", name_en="Galilee")
    Cluster.objects.filter(pk=world.other_cluster.pk).update(region="south", incorporated_on=date(2020, 1, 1))
    client = english_client(world.head_referent)
    response = client.get(reverse("oversight:export_csv"), {"region": "north"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0] == [
        "Cluster",
        "Region",
        "Stage",
        "Members",
        "Operating core services",
        "Goals",
        "Engagement hours",
        "Engagement cost (₪)",
        "Effort by need group",
        "Status",
        "Rules that fired",
        "Latest report",
        "Report completeness",
        "Reports on time",
    ]
    assert [row[0] for row in rows[1:]] == ["Galilee"]
    assert _page_rows(client, {"region": "north"}) == [world.cluster.pk]
    page_row = client.get(reverse("oversight:home"), {"region": "north"}).context["rows"][0]
    assert rows[1][6:9] == ["0", "0", ""]
    assert rows[1][9] == str(page_row.assessment.label)
    assert rows[1][10] == page_row.assessment.explanation


def test_xlsx_export_has_the_same_cells_as_the_csv(world, english_client):
    client = english_client(world.head_referent)
    csv_rows = list(csv.reader(io.StringIO(client.get(reverse("oversight:export_csv")).content.decode("utf-8-sig"))))
    workbook = load_workbook(io.BytesIO(client.get(reverse("oversight:export_xlsx")).content))
    xlsx_rows = [["" if v is None else str(v) for v in row] for row in workbook.active.iter_rows(values_only=True)]
    assert xlsx_rows == csv_rows
    assert len(xlsx_rows) == 3


def test_headers_follow_the_users_language(world, client_as):
    client = client_as(world.referent)
    client.cookies["language"] = "he"
    rows = list(csv.reader(io.StringIO(client.get(reverse("oversight:export_csv")).content.decode("utf-8-sig"))))
    assert rows[0][0] == "אשכול"


def test_cells_that_look_like_formulas_are_escaped(world, english_client):
    assert [safe_cell(v) for v in ["=1+1", "+1", "-1", "@a", "ok", 5]] == ["'=1+1", "'+1", "'-1", "'@a", "ok", 5]
    Cluster.objects.filter(pk=world.cluster.pk).update(name_en="=HYPERLINK(1)")
    client = english_client(world.referent)
    rows = list(csv.reader(io.StringIO(client.get(reverse("oversight:export_csv")).content.decode("utf-8-sig"))))
    assert rows[1][0] == "'=HYPERLINK(1)"
    workbook = load_workbook(io.BytesIO(client.get(reverse("oversight:export_xlsx")).content))
    assert workbook.active["A2"].value == "'=HYPERLINK(1)"


def test_exports_are_recorded_in_the_access_log(world, english_client):
    client = english_client(world.referent)
    client.get(reverse("oversight:export_csv"))
    client.get(reverse("oversight:export_xlsx"))
    assert list(AccessLogEntry.objects.order_by("pk").values_list("page", flat=True)) == ["export_csv", "export_xlsx"]
