import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from engagements import services
from engagements.models import Deliverable
from engagements.services import EngagementError
from engagements.uploads import check_upload


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def add(world, upload=None, link=""):
    return services.add_deliverable(
        engagement=world.engagement,
        added_by=world.advisor,
        milestone="Phase 1",
        title="Report",
        upload=upload,
        link=link,
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("report.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("photo.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        ("photo.JPG", b"\xff\xd8\xff\xe0....", "image/jpeg"),
        ("plan.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1....", "application/vnd.ms-excel"),
        ("hours.csv", "רשות,שעות\n1,2\n".encode(), "text/csv"),
    ],
)
def test_accepted_types_are_recognised_by_their_content(name, content, content_type):
    assert check_upload(SimpleUploadedFile(name, content)) == content_type


def test_advisor_uploads_a_pdf_stored_under_media_root(engaged_world, settings):
    deliverable = add(engaged_world, SimpleUploadedFile("report.pdf", b"%PDF-1.7\nhello"))
    assert deliverable.content_type == "application/pdf"
    path = Path(deliverable.file.path)
    assert path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert path.read_bytes() == b"%PDF-1.7\nhello"


def test_advisor_adds_a_link(engaged_world):
    deliverable = add(engaged_world, link="https://example.org/report")
    assert (deliverable.link, deliverable.file.name) == ("https://example.org/report", "")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00\x03"),
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("data.csv", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),
        ("plan.docx", b"\x7fELF\x02\x01\x01"),
        ("plan.docx", b"PK\x03\x04not really a zip"),
        ("script.sh", b"#!/bin/sh\nrm -rf /\n"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_wrong_types_and_renamed_executables_are_refused(engaged_world, name, content):
    with pytest.raises(ValidationError, match="content must match its type"):
        add(engaged_world, SimpleUploadedFile(name, content))
    assert Deliverable.objects.count() == 0


@override_settings(ENGAGEMENTS_MAX_UPLOAD_BYTES=1024)
def test_too_large_files_are_refused(engaged_world):
    with pytest.raises(ValidationError, match="The file is too large: at most 1.0"):
        add(engaged_world, SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 1024))
    assert Deliverable.objects.count() == 0


def test_only_the_advisor_on_an_active_engagement_adds_deliverables(engaged_world):
    with pytest.raises(EngagementError, match="added by the advisor on an active engagement"):
        services.add_deliverable(
            engagement=engaged_world.engagement,
            added_by=engaged_world.ceo,
            milestone="m",
            title="t",
            link="https://x.org",
        )
    assert Deliverable.objects.count() == 0
