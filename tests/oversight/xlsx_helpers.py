"""Reading an exported XLSX back as the text its CSV twin holds."""

import io
from datetime import datetime, time

from openpyxl import load_workbook


def as_csv_text(value) -> str:
    """A cell as the CSV writes it: a date cell as an ISO date (with the minutes when it has a time), empty as ""."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time.min else value.isoformat(sep=" ", timespec="minutes")
    return str(value)


def xlsx_rows(content: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [[as_csv_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
