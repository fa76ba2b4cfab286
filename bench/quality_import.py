"""Benchmark: importing inquiries files of 50,000 and 500,000 rows, recomputing the measures, and the comparison
page at 1× and 10× inquiries.

Run on purpose: `.venv/bin/python bench/quality_import.py [ROWS ...]` (never part of the test suite). Each import
runs in its own process on a fresh SQLite database under var/bench-quality/ (or DATABASE_URL), so the peak resident
memory it reports is that import's alone. Prints a Markdown table for bench/README.md.
"""

import csv
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "bench-quality"
AUTHORITIES, SERVICES = 6, 5


def setup_django(database: Path):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("MFA_REQUIRED_ROLES", "")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    import django

    django.setup()


def write_file(path: Path, rows: int) -> None:
    """A year of inquiries for AUTHORITIES authorities and SERVICES services, with the personal columns a CRM
    exports (dropped by the import)."""
    rng = random.Random(rows)
    start = datetime(2025, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "service_request_id",
                "service_code",
                "authority_cbs_code",
                "requested_datetime",
                "updated_datetime",
                "closed_datetime",
                "status",
                "channel",
                "satisfaction",
                "sla_hours",
                "first_name",
                "phone",
                "description",
            ]
        )
        for number in range(rows):
            requested = start + timedelta(minutes=rng.randrange(365 * 24 * 60))
            closed = requested + timedelta(hours=rng.expovariate(1 / 30))
            is_open = rng.random() < 0.05
            writer.writerow(
                [
                    f"R{number}",
                    f"S{rng.randrange(SERVICES)}",
                    9000 + rng.randrange(AUTHORITIES),
                    requested.isoformat(timespec="seconds"),
                    closed.isoformat(timespec="seconds"),
                    "" if is_open else closed.isoformat(timespec="seconds"),
                    "open" if is_open else "closed",
                    rng.choice(["phone", "web", "app"]),
                    rng.choice(["", "", "3", "4", "5"]),
                    "48",
                    "Dana",
                    "050-0000000",
                    "free text",
                ]
            )


def prepare_database() -> int:
    from django.core.management import call_command

    from clusters.models import Authority, Cluster, Membership, Service
    from quality.models import ServiceCode, WorkingCalendar

    call_command("migrate", verbosity=0)
    cluster = Cluster.objects.create(name_he="אשכול מדידה", cbs_code=999)
    WorkingCalendar.objects.create(cluster=cluster)
    for index in range(AUTHORITIES):
        authority = Authority.objects.create(
            code_type=Authority.CodeType.LOCALITY, cbs_code=9000 + index, name_he=f"רשות {index}", kind="municipality"
        )
        Membership.objects.create(cluster=cluster, authority=authority)
    for index in range(SERVICES):
        service = Service.objects.create(cluster=cluster, name_he=f"שירות {index}", domain="welfare")
        ServiceCode.objects.create(cluster=cluster, service=service, code=f"S{index}")
    return cluster.pk


def child(rows: int) -> None:
    """Runs in its own process: import one file and recompute, print the figures."""
    database = WORK / f"bench-{rows}.sqlite3"
    database.unlink(missing_ok=True)
    setup_django(database)
    from django.conf import settings
    from django.test import Client

    # DEBUG keeps every query's SQL in memory, which would be counted as the import's own
    settings.DEBUG = False

    from accounts.models import User
    from accounts.roles import Role
    from accounts.services import grant_role
    from clusters.models import Cluster
    from quality.importing import import_inquiries
    from quality.services.measures import recompute_measures

    cluster_id = prepare_database()
    path = WORK / f"inquiries-{rows}.csv"
    if not path.exists():
        write_file(path, rows)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    with path.open("rb") as binary:
        report = import_inquiries(cluster=Cluster.objects.get(pk=cluster_id), binary=binary, file_name=path.name)
    imported = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    measures = recompute_measures(cluster_id=cluster_id)
    recomputed = time.perf_counter() - began
    peak_all = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    ceo = User.objects.create_user(email="bench@example.org", password="x" * 20)
    grant_role(user=ceo, role=Role.CLUSTER_CEO, scope=Cluster.objects.get(pk=cluster_id))
    client = Client()
    client.force_login(ceo)
    service_id = Cluster.objects.get(pk=cluster_id).services.first().pk
    client.get(f"/quality/services/{service_id}/")
    timings = []
    for _ in range(20):
        began = time.perf_counter()
        assert client.get(f"/quality/services/{service_id}/").status_code == 200
        timings.append((time.perf_counter() - began) * 1000)
    timings.sort()
    print(
        "|".join(
            [
                "",
                f" {rows:,} ",
                f" {imported:.1f} ",
                f" {rows / imported:,.0f} ",
                f" {(peak - base) / 1024:.0f} ",
                f" {peak / 1024:.0f} ",
                f" {recomputed:.1f} ",
                f" {measures:,} ",
                f" {(peak_all) / 1024:.0f} ",
                f" {timings[len(timings) // 2]:.1f} ",
                f" {report.created:,} / {report.rejected} ",
                "",
            ]
        )
    )


def main(sizes: list[int]) -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    print(
        "| rows | import s | rows/s | import peak RSS growth MiB | process peak RSS MiB | measures s | measure rows "
        "| peak RSS after measures MiB | comparison page median ms | created / rejected |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for rows in sizes:
        subprocess.run([sys.executable, __file__, "--child", str(rows)], check=True)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(int(sys.argv[2]))
    else:
        main([int(n) for n in sys.argv[1:]] or [50_000, 500_000])
