"""The national cluster's models, one module per topic."""

from .calls import Application, ApplicationStatus, Call
from .digests import DigestDelivery, DigestPreference
from .knowledge import Attachment, KnowledgeItem, KnowledgeKind, KnowledgeStatus, SubKind
from .playbook import Ministry, PlaybookSection, PlaybookSuggestion, PlaybookVersion, SuggestionStatus

__all__ = [
    "Application",
    "ApplicationStatus",
    "Attachment",
    "Call",
    "DigestDelivery",
    "DigestPreference",
    "KnowledgeItem",
    "KnowledgeKind",
    "KnowledgeStatus",
    "Ministry",
    "PlaybookSection",
    "PlaybookSuggestion",
    "PlaybookVersion",
    "SubKind",
    "SuggestionStatus",
]
