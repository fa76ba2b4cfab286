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
