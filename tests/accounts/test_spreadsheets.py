"""The spreadsheet writer every download goes through."""

import csv
import io

import pytest
from openpyxl import load_workbook

from accounts.spreadsheets import XLSX_CELL_MAX, safe_cell, table_to_csv, table_to_xlsx, writable_text


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+972", "'+972"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("  =1+1", "'  =1+1"),
        ("\t=1+1", "'\t=1+1"),
        ("\x01=1+1", "' =1+1"),
        ("a\x00b\x0bc\x1fd\x7fe", "a b c d e"),
        ("bidi \u202eevil\u202c", "bidi \u202eevil\u202c"),
        ("lone \ud800 surrogate", "lone   surrogate"),
        ("שלום", "שלום"),
        (12, 12),
        (None, None),
    ],
)
def test_safe_cell_makes_text_writable_and_escapes_formulas(value, cell):
    assert safe_cell(value) == cell


def test_writable_text_keeps_tabs_and_newlines():
    assert writable_text("a\tb\nc\r\n") == "a\tb\nc\r\n"


def test_any_character_survives_csv_and_xlsx():
    every = "".join(chr(code) for code in range(0x10100) if code != 0x0D)
    table = [["header"], [every], ["x" * 100_000]]
    rows = list(csv.reader(io.StringIO(table_to_csv(table).decode("utf-8-sig"), newline="")))
    assert len(rows) == 3
    sheet = load_workbook(io.BytesIO(table_to_xlsx(table, "Findings: [2026]/Q1"))).active
    values = [row[0] for row in sheet.iter_rows(values_only=True)]
    assert (sheet.title, len(values), len(values[2])) == ("Findings   2026  Q1", 3, XLSX_CELL_MAX)
    assert values[2].endswith("…")


def test_the_same_table_is_built_once_a_day_and_another_table_anew(monkeypatch):
    from datetime import date
    from decimal import Decimal

    from django.utils import translation

    from accounts import spreadsheets

    built = []
    build = spreadsheets._workbook
    monkeypatch.setattr(spreadsheets, "_workbook", lambda *args: built.append(args) or build(*args))
    spreadsheets._WORKBOOKS.clear()
    table = [["Cluster", "Budget", "Due"], ["גליל", Decimal("12.50"), date(2026, 4, 30)]]
    with translation.override("he"):
        first = table_to_xlsx(table, "Clusters")
        assert table_to_xlsx([list(row) for row in table], "Clusters") == first
        assert len(built) == 1
        other = table_to_xlsx([*table, ["נגב", Decimal(3), None]], "Clusters")
    with translation.override("en"):  # left to right: another workbook
        english = table_to_xlsx(table, "Clusters")
    assert len(built) == 3
    assert load_workbook(io.BytesIO(other)).active.max_row == 3
    assert load_workbook(io.BytesIO(first)).active.sheet_view.rightToLeft
    assert not load_workbook(io.BytesIO(english)).active.sheet_view.rightToLeft
    monkeypatch.setattr(spreadsheets.timezone, "localdate", lambda: date(2099, 1, 1))  # the next day: built again
    with translation.override("he"):
        table_to_xlsx(table, "Clusters")
    assert len(built) == 4


def test_a_table_with_cells_of_other_kinds_is_built_every_time(monkeypatch):
    from datetime import time

    from accounts import spreadsheets

    built = []
    build = spreadsheets._workbook
    monkeypatch.setattr(spreadsheets, "_workbook", lambda *args: built.append(args) or build(*args))
    table = [["Opens at"], [time(8, 30)]]  # only text, numbers and dates are known to be keyed by their content
    table_to_xlsx(table, "T")
    table_to_xlsx(table, "T")
    assert len(built) == 2
