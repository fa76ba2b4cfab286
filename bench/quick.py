"""Benchmarks: time, queries and memory of the main pages per role, on the demo data.

Run on purpose with `make bench-quick` (never part of the test suite). Uses a fresh SQLite database under var/bench/
unless DATABASE_URL is set. Prints a Markdown table; paste it into README.md with the machine and date.
"""

import os
import shutil
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("MFA_REQUIRED_ROLES", "")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
if not os.environ.get("DATABASE_URL"):
    bench_dir = ROOT / "var" / "bench"
    shutil.rmtree(bench_dir, ignore_errors=True)
    bench_dir.mkdir(parents=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{bench_dir / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))

# (who, page path) pairs; each app adds its main pages here.
PAGES = [
    ("ceo@demo.test", "/clusters/"),
    ("advisor@demo.test", "/advisors/"),
    ("curator@demo.test", "/advisors/curation/"),
    ("ceo@demo.test", "/engagements/"),
    ("ceo@demo.test", "/engagements/recommendations/"),
    ("ceo@demo.test", "/engagements/requests/"),
    ("ceo@demo.test", "/oversight/reports/"),
    ("advisor@demo.test", "/engagements/requests/open/"),
    ("referent@demo.test", "/oversight/"),
    ("referent@demo.test", "/oversight/reports/queue/"),
    ("referent@demo.test", "/oversight/work-plans/"),
    ("admin@demo.test", "/people/invitations/"),
    ("admin@demo.test", "/people/audit/"),
    # public pages (anonymous, cached as in production) and the API (a referent's session; a token adds its audit)
    (None, "/public/"),
    (None, "/public/clusters/{demo_cluster}/"),
    (None, "/public/open-data/published-goals.json"),
    ("referent@demo.test", "/api/goals/"),
    ("referent@demo.test", "/api/engagements/"),
]
# BENCH_PATHS=/public/,/api/ measures only the pages starting with these.
ONLY = [prefix for prefix in os.environ.get("BENCH_PATHS", "").split(",") if prefix]


def measure(email: str | None, path: str) -> dict:
    client = Client()
    if email:
        client.force_login(User.objects.get(email=email))
    client.get(path)  # warm caches
    timings = []
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    tracemalloc.start()
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    timings.sort()
    return {
        "path": path,
        "who": email or "anonymous",
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "queries": len(queries),
        "peak_kib": peak / 1024,
    }


def main() -> None:
    # Django clears the query log at each request start; keep it, so the queries of one request can be counted.
    request_started.disconnect(reset_queries)
    call_command("migrate", verbosity=0)
    call_command("seed_demo", "--quiet-logins", stdout=open(os.devnull, "w"))  # noqa: SIM115
    reset_queries()
    print(f"| page | as | median ms | p95 ms | queries | peak memory KiB |  ({REQUESTS} requests each)")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    from clusters.permissions import clusters_visible_to

    demo_cluster = clusters_visible_to(User.objects.get(email="ceo@demo.test")).order_by("cbs_code").first().pk
    for email, path in PAGES:
        path = path.format(demo_cluster=demo_cluster)
        if ONLY and not any(path.startswith(prefix) for prefix in ONLY):
            continue
        row = measure(email, path)
        print(
            f"| {row['path']} | {row['who']} | {row['median_ms']:.1f} | {row['p95_ms']:.1f} "
            f"| {row['queries']} | {row['peak_kib']:.0f} |"
        )


if __name__ == "__main__":
    main()
