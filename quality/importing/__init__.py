"""Importing a call centre's or CRM's inquiries (Open311 GeoReport v2 bulk fields) into a cluster.

Idempotent by (authority, request id). Rows are read as a stream and saved in batches, so memory stays bounded
whatever the file's size; the whole import is one transaction, so a file found bad half-way changes nothing.
A row that cannot be imported is rejected with its line number and reason, and the other rows load.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clusters.models import Cluster, Membership

from ..models import ImportRun, Inquiry, ServiceCode
from .reading import ImportFileError, open_source
from .rows import FIELDS, Lookups, ParsedRow, parse_row

__all__ = ["ImportFileError", "InquiryImportReport", "import_inquiries"]

MAX_REASONS = 1000  # rejected rows kept with their reasons; the count goes on beyond


@dataclass
class InquiryImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    reasons: list = field(default_factory=list)  # (line, reason), the first MAX_REASONS
    personal_columns: list = field(default_factory=list)
    ignored_columns: list = field(default_factory=list)
    encoding: str = ""
    run_id: int | None = None
    months: set = field(default_factory=set)  # (service id, month start) touched, for the measures

    def reject(self, line: int, reason: str) -> None:
        self.rejected += 1
        if len(self.reasons) < MAX_REASONS:
            self.reasons.append((line, reason))

    def summary(self) -> str:
        return _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged, %(rejected)d rejected") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }

    def dropped_message(self) -> str:
        """Says which columns were not kept, and why; empty when every column was used."""
        parts = []
        if self.personal_columns:
            parts.append(
                ngettext(
                    "The column %(columns)s can identify a resident: it was dropped and is not stored.",
                    "The columns %(columns)s can identify a resident: they were dropped and are not stored.",
                    len(self.personal_columns),
                )
                % {"columns": ", ".join(self.personal_columns)}
            )
        if self.ignored_columns:
            parts.append(
                ngettext(
                    "The column %(columns)s is not used and was ignored.",
                    "The columns %(columns)s are not used and were ignored.",
                    len(self.ignored_columns),
                )
                % {"columns": ", ".join(self.ignored_columns)}
            )
        return " ".join(parts)


def _lookups(cluster: Cluster, now: datetime) -> Lookups:
    authorities = [
        m.authority for m in Membership.objects.current().filter(cluster=cluster).select_related("authority")
    ]
    codes, names = {}, {}
    for entry in ServiceCode.objects.filter(cluster=cluster):
        if entry.code:
            codes[entry.code] = entry.service_id
        if entry.name:
            names[entry.name.strip().lower()] = entry.service_id
    return Lookups(authorities=authorities, codes=codes, names=names, now=now)


def _month(moment: datetime):
    local = timezone.localtime(moment)
    return local.date().replace(day=1)


class _Batch:
    def __init__(self, run: ImportRun, report: InquiryImportReport):
        self.run, self.report = run, report
        self.rows: dict[tuple, tuple[int, ParsedRow]] = {}

    def add(self, line: int, parsed: ParsedRow) -> None:
        key = (parsed.authority_id, parsed.request_id)
        if key in self.rows:
            self.report.reject(
                line,
                _("request id %(id)s is already on line %(line)d")
                % {"id": parsed.request_id, "line": self.rows[key][0]},
            )
            return
        self.rows[key] = (line, parsed)

    def save(self) -> None:
        if not self.rows:
            return
        report, run = self.report, self.run
        existing = {
            (row.authority_id, row.request_id): row
            for row in Inquiry.objects.filter(
                authority_id__in={k[0] for k in self.rows}, request_id__in={k[1] for k in self.rows}
            )
        }
        new, changed, unchanged_ids = [], [], []
        for key, (line, parsed) in self.rows.items():
            row = existing.get(key)
            if row is not None and row.last_import_id == run.pk:
                report.reject(
                    line, _("request id %(id)s is already on an earlier line of the file") % {"id": parsed.request_id}
                )
                continue
            values = parsed.values
            report.months.add((values["service_id"], _month(values["requested_at"])))
            if row is None:
                new.append(Inquiry(authority_id=key[0], request_id=key[1], last_import=run, **values))
                continue
            if row.status == Inquiry.Status.CLOSED and values["status"] == Inquiry.Status.OPEN:
                values["was_reopened"] = True
            values["was_reopened"] = values["was_reopened"] or row.was_reopened
            if any(getattr(row, name) != values[name] for name in FIELDS):
                report.months.add((row.service_id, _month(row.requested_at)))
                for name in FIELDS:
                    setattr(row, name, values[name])
                row.last_import = run
                changed.append(row)
            else:
                unchanged_ids.append(row.pk)
        Inquiry.objects.bulk_create(new)
        if changed:
            Inquiry.objects.bulk_update(changed, [*FIELDS, "last_import"])
        if unchanged_ids:
            Inquiry.objects.filter(pk__in=unchanged_ids).update(last_import=run)
        report.created += len(new)
        report.updated += len(changed)
        report.unchanged += len(unchanged_ids)
        self.rows = {}


@transaction.atomic
def import_inquiries(
    *,
    cluster: Cluster,
    binary,
    file_name: str = "",
    encoding: str = "",
    imported_by=None,
    dry_run: bool = False,
    now: datetime | None = None,
    progress: Callable | None = None,
) -> InquiryImportReport:
    """Create or update the cluster's inquiries from an open binary file (CSV or XLSX).

    Raises ImportFileError, changing nothing, when the file itself is bad. `progress(rows, bytes_read)` is called
    after each batch. On a dry run the report says what would change and nothing is saved.
    """
    report = InquiryImportReport()
    source = open_source(binary, file_name=file_name, encoding=encoding)
    report.personal_columns = source.header.personal
    report.ignored_columns = source.header.ignored
    report.encoding = source.encoding
    lookups = _lookups(cluster, now or timezone.now())
    run = ImportRun.objects.create(
        cluster=cluster,
        imported_by=imported_by,
        file_name=file_name[:255],
        dropped_columns=source.header.personal + source.header.ignored,
    )
    batch = _Batch(run, report)
    size = settings.QUALITY_IMPORT_BATCH_SIZE
    for line, row in source.rows:
        report.rows += 1
        try:
            batch.add(line, parse_row(row, authority_column=source.header.authority_column, lookups=lookups))
        except ValueError as error:
            report.reject(line, str(error))
        if len(batch.rows) >= size:
            batch.save()
            if progress:
                progress(report.rows, source.bytes_read())
    batch.save()
    if progress:
        progress(report.rows, source.bytes_read())
    ImportRun.objects.filter(pk=run.pk).update(
        rows=report.rows,
        created=report.created,
        updated=report.updated,
        unchanged=report.unchanged,
        rejected=report.rejected,
    )
    report.run_id = run.pk
    if dry_run:
        transaction.set_rollback(True)
        report.run_id = None
    return report
