"""Reading an inquiries file (CSV in any common encoding, or XLSX) row by row, without holding it in memory.

The header is checked first: a file without the required Open311 columns changes nothing. Columns that could
identify a resident are dropped here and never reach the rows the importer sees.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

import charset_normalizer
from django.utils.translation import gettext as _

SAMPLE_BYTES = 256 * 1024
ENCODINGS = {"utf-8": "utf-8-sig", "windows-1255": "cp1255", "windows-1256": "cp1256"}

REQUIRED = ["service_request_id", "requested_datetime", "status"]
AUTHORITY_COLUMNS = ["authority_cbs_code", "authority_code", "cbs_code"]
SERVICE_COLUMNS = ["service_code", "service_name"]
OPTIONAL = [
    "authority_code_type",
    "updated_datetime",
    "closed_datetime",
    "first_response_datetime",
    "channel",
    "satisfaction",
    "sla_hours",
]
USED = set(REQUIRED + AUTHORITY_COLUMNS + SERVICE_COLUMNS + OPTIONAL)

# Columns that can identify a resident (Open311's own and common CRM and Hebrew / Arabic names for them).
PERSONAL_WORDS = (
    "name",
    "phone",
    "mobile",
    "email",
    "e-mail",
    "mail",
    "address",
    "street",
    "zipcode",
    "zip",
    "lat",
    "long",
    "lon",
    "media_url",
    "description",
    "notes",
    "comment",
    "account_id",
    "device_id",
    "id_number",
    "identity",
    "passport",
    "שם",
    "טלפון",
    "נייד",
    "דוא",
    "מייל",
    "כתובת",
    "רחוב",
    "ת.ז",
    "תעודת",
    "זהות",
    "תיאור",
    "הערות",
    "اسم",
    "هاتف",
    "عنوان",
    "بريد",
    "هوية",
    "وصف",
)


class ImportFileError(Exception):
    """The file as a whole cannot be read: malformed, wrong encoding, or a header that does not match."""


@dataclass
class Header:
    columns: list  # normalised column names, in file order
    personal: list = field(default_factory=list)  # dropped: could identify a resident
    ignored: list = field(default_factory=list)  # dropped: not used by the platform
    authority_column: str = ""


def _normalise(name) -> str:
    return str(name or "").strip().lstrip("\ufeff").strip().lower().replace(" ", "_")


def is_personal(column: str) -> bool:
    parts = column.replace("-", "_").split("_")
    return any(word in parts or (len(word) > 3 and word in column) for word in PERSONAL_WORDS)


def check_header(raw_columns) -> Header:
    columns = [_normalise(c) for c in raw_columns]
    missing = [c for c in REQUIRED if c not in columns]
    if not any(c in columns for c in AUTHORITY_COLUMNS):
        missing.append("authority_cbs_code")
    if not any(c in columns for c in SERVICE_COLUMNS):
        missing.append("service_code / service_name")
    if missing:
        raise ImportFileError(
            _("The header does not match: the file lacks the columns %(columns)s (line 1).")
            % {"columns": ", ".join(missing)}
        )
    duplicated = sorted({c for c in columns if c and columns.count(c) > 1})
    if duplicated:
        raise ImportFileError(
            _("The header names these columns twice: %(columns)s (line 1).") % {"columns": ", ".join(duplicated)}
        )
    header = Header(columns=columns)
    header.authority_column = next(c for c in AUTHORITY_COLUMNS if c in columns)
    for column in columns:
        if column in USED or not column:
            continue
        (header.personal if is_personal(column) else header.ignored).append(column)
    return header


def detect_encoding(sample: bytes) -> str:
    """The encoding of a CSV sample: UTF-8 (with or without a byte-order mark), else Windows-1255 or -1256."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(sample, cp_isolation=["cp1255", "cp1256"]).best()
    if best is None:
        raise ImportFileError(
            _("The file's encoding could not be recognised. Save it as UTF-8, or choose its encoding and try again.")
        )
    return best.encoding


class _CountingReader(io.RawIOBase):
    """Counts the bytes read from a binary file, for the progress bar."""

    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        chunk = self.raw.read(len(buffer))
        self.count += len(chunk)
        buffer[: len(chunk)] = chunk
        return len(chunk)


@dataclass
class Source:
    header: Header
    rows: Iterator  # (line number, {column: value}) without the dropped columns
    bytes_read: object  # callable: bytes read so far
    encoding: str


def is_xlsx(sample: bytes, file_name: str) -> bool:
    return sample.startswith(b"PK\x03\x04") or file_name.lower().endswith(".xlsx")


def open_source(binary, *, file_name: str = "", encoding: str = "") -> Source:
    """Open a binary file object as inquiry rows. Raises ImportFileError when the file cannot be used."""
    sample = binary.read(SAMPLE_BYTES)
    binary.seek(0)
    if is_xlsx(sample, file_name):
        return _open_xlsx(binary)
    if b"\x00" in sample:
        raise ImportFileError(_("The file is neither CSV text nor an XLSX workbook."))
    chosen = ENCODINGS.get(encoding) if encoding else detect_encoding(sample)
    counting = _CountingReader(binary)
    text = io.TextIOWrapper(io.BufferedReader(counting), encoding=chosen, errors="strict", newline="")
    reader = csv.reader(text, strict=True)
    try:
        first = next(reader)
    except StopIteration:
        raise ImportFileError(_("The file is empty.")) from None
    except (UnicodeDecodeError, csv.Error) as error:
        raise _file_error(1, error) from error
    header = check_header(first)
    return Source(header, _csv_rows(reader, header), lambda: counting.count, chosen)


def _file_error(line: int, error) -> ImportFileError:
    if isinstance(error, UnicodeDecodeError):
        return ImportFileError(
            _("Line %(line)d is not in the file's encoding (%(encoding)s). Nothing was imported.")
            % {"line": line, "encoding": error.encoding}
        )
    return ImportFileError(
        _("Line %(line)d is malformed (%(error)s). Nothing was imported.") % {"line": line, "error": error}
    )


def _csv_rows(reader, header: Header):
    keep = [(i, c) for i, c in enumerate(header.columns) if c in USED]
    width = len(header.columns)
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except (UnicodeDecodeError, csv.Error) as error:
            raise _file_error(line, error) from error
        if not values or values == [""]:
            continue
        if len(values) != width:
            raise ImportFileError(
                _("Line %(line)d has %(found)d fields; the header has %(expected)d. Nothing was imported.")
                % {"line": reader.line_num, "found": len(values), "expected": width}
            )
        yield reader.line_num, {c: values[i] for i, c in keep}


def _open_xlsx(binary) -> Source:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(binary, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        first = next(rows, None)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError) as error:
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from error
    if first is None:
        raise ImportFileError(_("The file is empty."))
    header = check_header(first)
    keep = [(i, c) for i, c in enumerate(header.columns) if c in USED]
    state = {"line": 1}

    def generate():
        for number, values in enumerate(rows, start=2):
            state["line"] = number
            if values is None or all(v is None or v == "" for v in values):
                continue
            yield number, {c: (values[i] if i < len(values) else None) for i, c in keep}
        workbook.close()

    return Source(header, generate(), lambda: 0, "xlsx")
