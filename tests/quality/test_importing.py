"""Importing inquiries: idempotent, rejected rows with line numbers and reasons, bad files change nothing,
personal columns never stored."""

import io
from datetime import datetime

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from quality.importing import ImportFileError, import_inquiries
from quality.models import ImportRun, Inquiry
from quality.workhours import ISRAEL
from tests.factories.quality import COLUMNS, csv_bytes, inquiry_row, quality_setup

NOW = datetime(2026, 4, 15, 12, 0, tzinfo=ISRAEL)


@pytest.fixture
def setup(world):
    return quality_setup(world.cluster)


def run(setup, data: bytes, **options):
    return import_inquiries(cluster=setup.cluster, binary=io.BytesIO(data), now=NOW, **options)


def rows_for(setup):
    first, second = setup.authorities
    return [
        inquiry_row("1", first, status="closed", closed_datetime="2026-03-02T10:00:00+02:00"),
        inquiry_row("2", first),
        inquiry_row("1", second, service_code="S1"),
    ]


def test_a_second_import_of_the_same_file_changes_nothing(setup):
    first = run(setup, csv_bytes(rows_for(setup)))
    assert (first.created, first.updated, first.unchanged, first.rejected) == (3, 0, 0, 0)
    again = run(setup, csv_bytes(rows_for(setup)))
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 3, 0)
    assert Inquiry.objects.count() == 3


def test_a_changed_row_is_updated_and_a_reopened_one_remembered(setup):
    run(setup, csv_bytes(rows_for(setup)))
    rows = rows_for(setup)
    rows[0]["status"] = "open"  # closed before, open now
    rows[0]["closed_datetime"] = ""
    report = run(setup, csv_bytes(rows))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    inquiry = Inquiry.objects.get(authority=setup.authorities[0], request_id="1")
    assert (inquiry.status, inquiry.closed_at, inquiry.was_reopened) == ("open", None, True)


def test_bad_rows_are_rejected_with_line_numbers_and_reasons(setup):
    first = setup.authorities[0]
    rows = [
        inquiry_row("1", first),
        inquiry_row("2", first, closed_datetime="2026-02-01T10:00:00+02:00", status="closed"),
        inquiry_row("3", first, authority_cbs_code="99999"),
        inquiry_row("4", first, requested_datetime="2026-05-01T10:00:00+03:00"),
        inquiry_row("1", first),
        inquiry_row("5", first, service_code="Z9"),
        inquiry_row("6", first, requested_datetime="yesterday"),
        inquiry_row("7", first, satisfaction="9"),
        inquiry_row("8", first),
    ]
    before = Inquiry.objects.count()
    report = run(setup, csv_bytes(rows))
    assert (report.created, report.rejected) == (2, 7)
    assert report.reasons == [
        (3, "closed_datetime is before requested_datetime (a negative duration)"),
        (4, "unknown authority: CBS code 99999 is not a member of the cluster"),
        (5, "requested_datetime is in the future: 2026-05-01 10:00:00+03:00"),
        (6, "request id 1 is already on line 2"),
        (7, "unknown service code: Z9 (add it to the service codes)"),
        (8, "requested_datetime is not a date and time: yesterday"),
        (9, "satisfaction must be a whole number from 1 to 5: 9"),
    ]
    assert sorted(Inquiry.objects.values_list("request_id", flat=True)) == ["1", "8"]
    assert before == 0


def test_a_duplicate_in_a_later_batch_is_found_too(setup, settings):
    settings.QUALITY_IMPORT_BATCH_SIZE = 2
    first = setup.authorities[0]
    rows = [inquiry_row("1", first), inquiry_row("2", first), inquiry_row("3", first), inquiry_row("1", first)]
    report = run(setup, csv_bytes(rows))
    assert (report.created, report.reasons) == (3, [(5, "request id 1 is already on an earlier line of the file")])
    assert Inquiry.objects.count() == 3


def test_a_duplicate_in_the_same_batch_names_the_earlier_line(setup):
    first = setup.authorities[0]
    report = run(setup, csv_bytes([inquiry_row("1", first), inquiry_row("1", first)]))
    assert report.reasons == [(3, "request id 1 is already on line 2")]


def test_personal_columns_are_dropped_and_never_stored(setup):
    columns = [*COLUMNS, "first_name", "phone", "email", "address", "id_number", "description", "agency_responsible"]
    row = inquiry_row("1", setup.authorities[0])
    row.update(
        first_name="Dana",
        phone="050-1234567",
        email="dana@example.org",
        address="Herzl 1",
        id_number="123456789",
        description="Dana at Herzl 1 says…",
        agency_responsible="Welfare",
    )
    report = run(setup, csv_bytes([row], columns=columns))
    assert report.created == 1
    assert report.personal_columns == ["first_name", "phone", "email", "address", "id_number", "description"]
    assert report.ignored_columns == ["agency_responsible"]
    assert report.dropped_message() == (
        "The columns first_name, phone, email, address, id_number, description can identify a resident: "
        "they were dropped and are not stored. The column agency_responsible is not used and was ignored."
    )
    stored = " ".join(str(v) for v in Inquiry.objects.values().get().values())
    for value in ("Dana", "050-1234567", "dana@example.org", "Herzl", "123456789"):
        assert value not in stored
    assert ImportRun.objects.get().dropped_columns == [*report.personal_columns, "agency_responsible"]


def test_a_windows_1255_file_is_recognised(setup):
    row = inquiry_row("1", setup.authorities[0], service_code="", service_name="פניות רווחה", status="סגור")
    row["closed_datetime"] = "02/03/2026 10:00"
    data = csv_bytes([row], columns=[c for c in COLUMNS if c != "service_code"] + ["service_name"], encoding="cp1255")
    report = run(setup, data)
    assert (report.encoding, report.created, report.rejected) == ("cp1255", 1, 0)
    inquiry = Inquiry.objects.get()
    assert (inquiry.service, inquiry.status) == (setup.service, "closed")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"id,name\n1,x\n", "The header does not match: the file lacks the columns service_request_id, "),
        (b"", "The file is empty."),
        (b"\x00\x01\x02PK", "The file is neither CSV text nor an XLSX workbook."),
        (b"PK\x03\x04broken", "The file is not a readable XLSX workbook."),
    ],
)
def test_a_bad_file_changes_nothing(setup, data, message):
    with pytest.raises(ImportFileError) as raised:
        run(setup, data)
    assert str(raised.value).startswith(message)
    assert (Inquiry.objects.count(), ImportRun.objects.count()) == (0, 0)


def test_a_malformed_line_late_in_the_file_changes_nothing(setup, settings):
    settings.QUALITY_IMPORT_BATCH_SIZE = 2
    good = [inquiry_row(str(n), setup.authorities[0]) for n in range(5)]
    data = csv_bytes(good) + b"99,W1\n"
    with pytest.raises(ImportFileError) as raised:
        run(setup, data)
    assert str(raised.value) == "Line 7 has 2 fields; the header has 11. Nothing was imported."
    assert (Inquiry.objects.count(), ImportRun.objects.count()) == (0, 0)


def test_a_line_in_another_encoding_changes_nothing(setup):
    good = csv_bytes([inquiry_row("1", setup.authorities[0])])
    bad = csv_bytes([inquiry_row("2", setup.authorities[0], channel="טלפון")], encoding="cp1255").split(b"\n", 1)[1]
    with pytest.raises(ImportFileError) as raised:
        run(setup, good + bad, encoding="utf-8")
    assert "is not in the file's encoding (utf-8). Nothing was imported." in str(raised.value)
    assert Inquiry.objects.count() == 0


def test_an_xlsx_file_imports_like_a_csv(setup):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    sheet.append(["A-1", "S1", setup.authorities[1].cbs_code, datetime(2026, 3, 1, 9, 0), None, None, None, "open"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = run(setup, buffer.getvalue(), file_name="export.xlsx")
    assert (report.created, report.rejected) == (1, 0)
    inquiry = Inquiry.objects.get()
    assert (inquiry.service, inquiry.requested_at) == (setup.other_service, datetime(2026, 3, 1, 9, 0, tzinfo=ISRAEL))


def test_a_dry_run_saves_nothing(setup):
    report = run(setup, csv_bytes(rows_for(setup)), dry_run=True)
    assert report.created == 3
    assert (Inquiry.objects.count(), ImportRun.objects.count()) == (0, 0)


def test_the_command_imports_and_reports(setup, tmp_path, capsys):
    path = tmp_path / "inquiries.csv"
    path.write_bytes(csv_bytes([*rows_for(setup), inquiry_row("9", setup.authorities[0], service_code="Z9")]))
    call_command("import_inquiries", str(path), "--cluster", str(setup.cluster.pk), "--dry-run")
    assert Inquiry.objects.count() == 0
    call_command("import_inquiries", str(path), "--cluster", str(setup.cluster.pk))
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "3 created, 0 updated, 0 unchanged, 1 rejected"
    assert "line 5: rejected: unknown service code: Z9 (add it to the service codes)" in err
    assert Inquiry.objects.count() == 3


def test_the_command_refuses_a_bad_file(setup, tmp_path):
    path = tmp_path / "inquiries.csv"
    path.write_bytes(b"id,name\n")
    with pytest.raises(CommandError):
        call_command("import_inquiries", str(path), "--cluster", str(setup.cluster.pk))
    assert Inquiry.objects.count() == 0
