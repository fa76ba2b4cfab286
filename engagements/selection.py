"""An engagement opened from a shortlist: the shortlist keeps the record of the choice."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from advisors.models import Outcome, ShortlistEntry
from advisors.services import record_outcome

from .models import Engagement
from .services import EngagementError, create_engagement


@transaction.atomic
def create_engagement_from_shortlist(*, entry: ShortlistEntry, created_by: User, **terms) -> Engagement:
    """Draft an engagement with a shortlisted advisor and record that advisor as chosen on the shortlist.

    `terms` are create_engagement's (cluster, profile, model, needs, goals, scope, dates, budget, request). The
    other entries stay pending: the CEO marks them not suitable with a reason, for the selection record.
    """
    if entry.profile_id != terms["profile"].pk or entry.shortlist.cluster_id != terms["cluster"].pk:
        raise EngagementError(_("This shortlist entry is not for this advisor and cluster."))
    engagement = create_engagement(created_by=created_by, **terms)
    if entry.outcome != Outcome.CHOSEN:
        record_outcome(entry=entry, outcome=Outcome.CHOSEN, decided_by=created_by)
    return engagement
