import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clusters.models import Cluster
from quality.importing import ImportFileError
from quality.services.imports import import_inquiries_file


class ProgressBar:
    """A text progress bar on stderr, by bytes read (CSV) or rows read (XLSX)."""

    def __init__(self, stream, total_bytes: int):
        self.stream, self.total = stream, total_bytes

    def __call__(self, rows: int, bytes_read: int) -> None:
        if self.total and bytes_read:
            share = min(bytes_read / self.total, 1)
            filled = int(share * 30)
            self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {share:4.0%} {rows:,} rows")
        else:
            self.stream.write(f"\r{rows:,} rows")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import a cluster's inquiries from a CSV or XLSX file with the Open311 GeoReport v2 bulk fields "
        "(idempotent by authority and request id; personal columns are dropped, never stored)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8, Windows-1255 or -1256) or XLSX, one header row")
        parser.add_argument("--cluster", type=int, required=True, help="id of the cluster")
        parser.add_argument(
            "--encoding", choices=["utf-8", "windows-1255", "windows-1256"], default="", help="CSV encoding"
        )
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; change nothing.")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress bar.")

    def handle(self, *args, file, cluster, encoding="", dry_run=False, no_progress=False, **options):
        try:
            target = Cluster.objects.get(pk=cluster)
        except Cluster.DoesNotExist:
            raise CommandError(f"No cluster with id {cluster}.") from None
        path = Path(file)
        try:
            binary = path.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        show = not no_progress and sys.stderr.isatty()
        progress = ProgressBar(sys.stderr, path.stat().st_size) if show else None
        with binary:
            try:
                report = import_inquiries_file(
                    cluster=target,
                    binary=binary,
                    file_name=path.name,
                    imported_by=None,
                    encoding=encoding,
                    dry_run=dry_run,
                    progress=progress,
                )
            except ImportFileError as error:
                raise CommandError(f"{file}: {error}") from error
        if show:
            sys.stderr.write("\n")
        if report.dropped_message():
            self.stdout.write(report.dropped_message())
        for line, reason in report.reasons:
            self.stderr.write(f"line {line}: rejected: {reason}")
        if report.rejected > len(report.reasons):
            self.stderr.write(f"… and {report.rejected - len(report.reasons)} more rejected rows")
        prefix = "dry run, nothing saved: " if dry_run else ""
        self.stdout.write(prefix + report.summary())
