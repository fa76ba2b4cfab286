"""Quarter-hour steps are a database rule too, not only the service's."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from engagements import services
from engagements.models import WorkLog
from engagements.services import EngagementError


@pytest.fixture
def entry(engaged_world):
    return services.log_work(
        engagement=engaged_world.engagement,
        advisor=engaged_world.advisor,
        worked_on=date(2026, 3, 2),
        hours=Decimal("1.75"),
        activity="advice",
        text="Workshop",
    )


@pytest.mark.parametrize("hours", ["1.10", "0.30", "2.01"])
def test_the_database_refuses_hours_off_the_quarter_written_around_the_service(entry, hours):
    with pytest.raises(IntegrityError), transaction.atomic():
        WorkLog.objects.filter(pk=entry.pk).update(hours=Decimal(hours))
    assert WorkLog.objects.get(pk=entry.pk).hours == Decimal("1.75")


@pytest.mark.parametrize("hours", ["0.25", "2.50", "23.75", "24"])
def test_the_database_accepts_quarter_hours(entry, hours):
    WorkLog.objects.filter(pk=entry.pk).update(hours=Decimal(hours))
    assert WorkLog.objects.get(pk=entry.pk).hours == Decimal(hours)


def test_the_service_still_explains_the_rule(engaged_world):
    with pytest.raises(EngagementError, match="quarter-hour steps"):
        services.log_work(
            engagement=engaged_world.engagement,
            advisor=engaged_world.advisor,
            worked_on=date(2026, 3, 2),
            hours=Decimal("1.1"),
            activity="advice",
            text="Workshop",
        )
    assert WorkLog.objects.count() == 0
