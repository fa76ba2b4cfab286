"""CSV and XLSX tables that survive any text people typed: the one way every app writes a download.

A spreadsheet cannot hold every character a form accepts: XML 1.0, inside every XLSX file, forbids the C0 control
characters other than tab, newline and carriage return (openpyxl refuses them), a lone surrogate cannot be written
as UTF-8 at all, and a cell holds at most 32,767 characters. Such characters become a space, a cell too long is
cut, and text a spreadsheet would run as a formula (= + - @, also after leading blanks) starts with an apostrophe.
"""

import csv
import io
import re

from django.utils.functional import Promise
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@")
# C0 controls except tab, newline and carriage return; DEL and C1 controls; lone surrogates; the non-characters
# U+FFFE and U+FFFF, which XML also forbids.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
XLSX_CELL_MAX = 32_767
CUT_MARK = "…"


def writable_text(value: str) -> str:
    """The text with every character a spreadsheet cannot hold replaced by a space."""
    return UNWRITABLE.sub(" ", value)


def safe_cell(value):
    """A cell ready for CSV or XLSX: text made writable, and prefixed with an apostrophe if it reads as a formula."""
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        return value
    value = writable_text(value)
    if value.lstrip(" \t\r\n").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_to_csv(values) -> bytes:
    """A table (headers first) as UTF-8 CSV with a byte-order mark for spreadsheets; every cell made safe."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([safe_cell(cell) for cell in row] for row in values)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_to_xlsx(values, title: str) -> bytes:
    """A table (headers first) as one XLSX sheet; every cell made safe and cut to the length a cell holds."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(str(title))
    for row in values:
        sheet.append([_fit(safe_cell(cell)) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fit(value):
    if isinstance(value, str) and len(value) > XLSX_CELL_MAX:
        return value[: XLSX_CELL_MAX - len(CUT_MARK)] + CUT_MARK
    return value


def _sheet_title(title: str) -> str:
    # A sheet's name: at most 31 characters, none of \ / ? * [ ] :
    cleaned = re.sub(r"[\\/?*\[\]:]", " ", writable_text(title)).strip()
    return cleaned[:31] or "Sheet"
