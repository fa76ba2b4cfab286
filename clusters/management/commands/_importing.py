from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clusters.importing import ImportFileError


class ImportCommand(BaseCommand):
    """Shared shape of the CSV import commands: a file, --dry-run, a report with line numbers."""

    importer = None

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file (UTF-8, one header row)")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; change nothing.")

    def handle(self, *args, file, dry_run=False, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            report = type(self).importer(data=data, dry_run=dry_run)
        except ImportFileError as error:
            raise CommandError(f"{file}: {error} Nothing was changed.") from error
        for line, reason in report.rejected:
            self.stderr.write(f"line {line}: rejected: {reason}")
        prefix = "dry run, nothing saved: " if dry_run else ""
        self.stdout.write(prefix + report.summary())
        return None
