"""An inquiries file imported for a cluster, and its measures brought up to date after the import commits."""

import uuid

from django.db import transaction

from accounts.models import User
from accounts.services import record_event
from clusters.models import Cluster
from outbox.services import dispatch_task

from ..importing import InquiryImportReport, import_inquiries


def import_inquiries_file(
    *,
    cluster: Cluster,
    binary,
    file_name: str,
    imported_by: User | None,
    encoding: str = "",
    dry_run=False,
    progress=None,
) -> InquiryImportReport:
    """Import the file (see quality.importing); after a real import the measures are recomputed by a task."""

    with transaction.atomic():
        report = import_inquiries(
            cluster=cluster,
            binary=binary,
            file_name=file_name,
            encoding=encoding,
            imported_by=imported_by,
            dry_run=dry_run,
            progress=progress,
        )
        if not dry_run:
            if imported_by is not None:
                record_event(
                    action="inquiries_imported",
                    actor=imported_by,
                    target=cluster,
                    data={"file": file_name, "summary": report.summary()},
                )
            # owed to the outbox with the import, run after it commits (once per import)
            dispatch_task(
                key=f"refresh-measures:{cluster.pk}:{uuid.uuid4().hex}",
                task="quality.tasks.refresh_measures",
                args=[cluster.pk],
            )
    return report
