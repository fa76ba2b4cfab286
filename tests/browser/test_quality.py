"""The CEO uploads an inquiries file and compares the authorities; a referent sees the same figures on a phone;
every page passes axe and no script is inline (the CSP holds)."""

from datetime import date
from decimal import Decimal

import pytest

from quality.models import Measure
from tests.browser.conftest import axe_violations
from tests.factories.quality import csv_bytes, inquiry_row, quality_setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_ceo_uploads_and_the_referent_compares_on_a_phone(world, sign_in, page, live_server, tmp_path):
    setup = quality_setup(world.cluster, authorities=3)
    path = tmp_path / "inquiries.csv"
    path.write_bytes(
        csv_bytes([inquiry_row("1", setup.authorities[0], phone="050-1234567")], columns=[*setup_columns(), "phone"])
    )
    sign_in(world.ceo)
    page.goto(f"{live_server.url}/quality/clusters/{world.cluster.pk}/upload/")
    page.set_input_files("#id_file", str(path))
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("#dropped").count() == 1
    assert axe_violations(page) == []

    # the upload recomputed the measures from the one inquiry; the referent compares three months of three authorities
    Measure.objects.all().delete()
    for index, authority in enumerate(setup.authorities):
        for month in (1, 2, 3):
            Measure.objects.create(
                service=setup.service,
                authority=authority,
                month=date(2026, month, 1),
                channel="",
                inquiries=10,
                close_median_hours=Decimal(10 + 10 * index + month),
            )
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(world.referent)
    page.goto(f"{live_server.url}/quality/services/{setup.service.pk}/")
    assert page.locator("#comparison tbody tr").count() == 3
    assert page.locator("#spread [data-value=median]").inner_text() == "23"  # March: 13, 23, 33
    assert page.locator("svg.quality-chart").count() == 4
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("script:not([src])").count() == 0
    assert axe_violations(page) == []


def setup_columns():
    from tests.factories.quality import COLUMNS

    return COLUMNS
