"""`manage.py seed_demo` refusing and dry-running; what the demo seeds is read in tests/test_demo_data.py."""

import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_seed_demo_dry_run_saves_nothing(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--dry-run", stdout=io.StringIO())
    assert User.objects.count() == 0


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=io.StringIO())
    assert User.objects.count() == 0
