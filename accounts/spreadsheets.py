"""CSV and XLSX tables that survive any text people typed: the one way every app writes a download.

A spreadsheet cannot hold every character a form accepts: XML 1.0, inside every XLSX file, forbids the C0 control
characters other than tab, newline and carriage return (openpyxl refuses them), a lone surrogate cannot be written
as UTF-8 at all, and a cell holds at most 32,767 characters. Such characters become a space, a cell too long is
cut, and text a spreadsheet would run as a formula (= + - @, also after leading blanks) starts with an apostrophe.

Cells keep their kind: decimals and integers are numbers, dates and date-times real date cells (day first, as every
page shows them; a date-time in the platform's time zone, since a spreadsheet has none), written as ISO text in CSV.
An XLSX sheet reads like the page it comes from: right-to-left in Hebrew and Arabic, a bold header row that stays in
view, an autofilter on it, and columns as wide as their content (within bounds).
"""

import csv
import hashlib
import io
import re
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .memo import Memo

FORMULA_STARTS = ("=", "+", "-", "@")
# C0 controls except tab, newline and carriage return; DEL and C1 controls; lone surrogates; the non-characters
# U+FFFE and U+FFFF, which XML also forbids.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
XLSX_CELL_MAX = 32_767
CUT_MARK = "…"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# Column widths in characters: at least a short header's, at most what a screen shows without scrolling far;
# longer text wraps inside its cell.
COLUMN_WIDTH_MIN = 8
COLUMN_WIDTH_MAX = 60
# The workbooks built today, by their content: the same table downloaded again (the national tables, every
# cluster's rows) is not built again. A workbook is some tens of kB.
_WORKBOOKS = Memo(32)
MEMO_CELL_TYPES = (str, int, float, date, type(None))  # cells whose repr is their content


def writable_text(value: str) -> str:
    """The text with every character a spreadsheet cannot hold replaced by a space."""
    return UNWRITABLE.sub(" ", value)


def safe_cell(value):
    """A cell ready for CSV or XLSX: text made writable, and prefixed with an apostrophe if it reads as a formula;
    a decimal becomes a number (whole numbers an int) and an aware date-time the platform's local time."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if not isinstance(value, str):
        return value
    value = writable_text(value)
    if value.lstrip(" \t\r\n").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_to_csv(values) -> bytes:
    """A table (headers first) as UTF-8 CSV with a byte-order mark for spreadsheets; every cell made safe."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows([_csv_text(safe_cell(cell)) for cell in row] for row in values)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_to_xlsx(values, title: str, *, language: str | None = None) -> bytes:
    """A table (headers first) as one XLSX sheet; every cell made safe and cut to the length a cell holds.

    The sheet runs right-to-left when `language` (by default the active one, the reader's) is written so. The
    same table, title and direction asked for again on the same day is the same workbook, built once a process.
    """
    rows = [[_fit(safe_cell(cell)) for cell in row] for row in values]
    title = _sheet_title(str(title))
    rtl = translation.get_language_info(language or translation.get_language() or "he")["bidi"]
    if not all(isinstance(cell, MEMO_CELL_TYPES) for row in rows for cell in row):
        return _workbook(rows, title, rtl)
    key = hashlib.blake2b(repr((rows, title, rtl, timezone.localdate())).encode(), digest_size=16).digest()
    workbook = _WORKBOOKS.get(key)
    if workbook is None:
        workbook = _workbook(rows, title, rtl)
        _WORKBOOKS.put(key, workbook)
    return workbook


def _workbook(rows: list[list], title: str, rtl: bool) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.sheet_view.rightToLeft = rtl
    widths: dict[int, int] = {}
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_number, cells in enumerate(rows, start=1):
        sheet.append(cells)
        # Each cell by its own address: `sheet[row_number]` would measure the whole sheet's width for every row.
        for column, value in enumerate(cells, start=1):
            widths[column] = max(widths.get(column, 0), _width(value))
            if isinstance(value, datetime):
                has_time = value.time() != datetime.min.time()
                sheet.cell(row_number, column).number_format = DATETIME_FORMAT if has_time else DATE_FORMAT
            elif isinstance(value, date):
                sheet.cell(row_number, column).number_format = DATE_FORMAT
            elif isinstance(value, str) and (len(value) > COLUMN_WIDTH_MAX or "\n" in value):
                sheet.cell(row_number, column).alignment = wrap
    if sheet.max_row >= 1 and widths:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(width + 2, COLUMN_WIDTH_MIN), COLUMN_WIDTH_MAX
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_text(value):
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _width(value) -> int:
    """How many characters wide a cell's content is, by its longest line (a date as its day-first text)."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len("00/00/0000 00:00")
    if isinstance(value, date):
        return len("00/00/0000")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _fit(value):
    if isinstance(value, str) and len(value) > XLSX_CELL_MAX:
        return value[: XLSX_CELL_MAX - len(CUT_MARK)] + CUT_MARK
    return value


def _sheet_title(title: str) -> str:
    # A sheet's name: at most 31 characters, none of \ / ? * [ ] :
    cleaned = re.sub(r"[\\/?*\[\]:]", " ", writable_text(title)).strip()
    return cleaned[:31] or "Sheet"
