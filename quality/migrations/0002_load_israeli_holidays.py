"""The Israeli holidays that fall on working days, from data/israeli_holidays.csv (reference data)."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "israeli_holidays.csv"


def load(apps, schema_editor):
    Holiday = apps.get_model("quality", "Holiday")
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Holiday.objects.update_or_create(
                date=date.fromisoformat(row["date"]), defaults={"name_he": row["name_he"], "name_en": row["name_en"]}
            )


def unload(apps, schema_editor):
    apps.get_model("quality", "Holiday").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("quality", "0001_inquiries_measures_calendar")]

    operations = [migrations.RunPython(load, unload)]
