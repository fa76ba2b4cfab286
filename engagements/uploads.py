"""Checks on uploaded deliverables: the same content check as every upload of the platform (accounts.uploads)."""

from accounts.uploads import ALLOWED_EXTENSIONS, check_upload

__all__ = ["ALLOWED_EXTENSIONS", "check_upload"]
