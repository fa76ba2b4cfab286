"""Checks on uploaded files (engagements' deliverables, the knowledge centre's attachments): the content decides
the type (magic bytes), not the name the file was given.

It lives in the lowest app so every app above checks uploads the same way.
"""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
SIGNATURES = {
    "pdf": [(b"%PDF-", "application/pdf")],
    "png": [(b"\x89PNG\r\n\x1a\n", "image/png")],
    "jpg": [(b"\xff\xd8\xff", "image/jpeg")],
    "jpeg": [(b"\xff\xd8\xff", "image/jpeg")],
    "gif": [(b"GIF87a", "image/gif"), (b"GIF89a", "image/gif")],
    "doc": [(OLE, "application/msword")],
    "xls": [(OLE, "application/vnd.ms-excel")],
    "ppt": [(OLE, "application/vnd.ms-powerpoint")],
}
OOXML_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ALLOWED_EXTENSIONS = sorted({*SIGNATURES, *OOXML_TYPES, "csv"})


def _refuse():
    return ValidationError(
        _(
            "Only PDF, Office documents, images (PNG, JPEG, GIF) and CSV files can be uploaded, "
            "and the file's content must match its type."
        ),
        code="file_type",
    )


def check_upload(upload, *, max_bytes: int | None = None) -> str:
    """The upload's content type, after checking its size and that its content is what its extension says.

    `max_bytes` defaults to ENGAGEMENTS_MAX_UPLOAD_BYTES. Raises ValidationError (translated) for a file too large,
    of a type not accepted, or whose bytes do not match its extension (a renamed executable, for instance).
    """
    limit = max_bytes if max_bytes is not None else settings.ENGAGEMENTS_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(limit)s.") % {"limit": filesizeformat(limit)}, code="file_size"
        )
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if extension in SIGNATURES:
        for magic, content_type in SIGNATURES[extension]:
            if head.startswith(magic):
                return content_type
        raise _refuse()
    if extension in OOXML_TYPES:
        if not head.startswith(b"PK\x03\x04"):
            raise _refuse()
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile as error:
            raise _refuse() from error
        finally:
            upload.seek(0)
        if "[Content_Types].xml" not in names or not any(n.startswith(OOXML_PARTS[extension]) for n in names):
            raise _refuse()
        return OOXML_TYPES[extension]
    if extension == "csv":
        if b"\x00" in head:
            raise _refuse()
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is fine; anything else is not text.
            if error.start < len(head) - 4:
                raise _refuse() from error
        return "text/csv"
    raise _refuse()
