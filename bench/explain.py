"""Benchmark step: the slowest SELECT of each named page, with PostgreSQL's `EXPLAIN (ANALYZE, BUFFERS)`. Prints JSON.

python bench/explain.py PLAN.json "page name" ...
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.prepare import PEOPLE  # noqa: E402

PLAN_LINES = 40


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        plan = json.load(handle)
    wanted = set(sys.argv[2:])
    results = []
    for page in plan["pages"]:
        if page["name"] not in wanted:
            continue
        client = Client()
        client.force_login(User.objects.get(email=PEOPLE[page["person"]]))
        client.get(page["path"])
        with CaptureQueriesContext(connection) as queries:
            client.get(page["path"])
        selects = [q for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
        if not selects:
            continue
        slowest = max(selects, key=lambda q: float(q["time"]))
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {slowest['sql']}")
            lines = [row[0] for row in cursor.fetchall()]
        results.append(
            {
                "page": page["name"],
                "milliseconds": float(slowest["time"]) * 1000,
                "sql": slowest["sql"],
                "plan": "\n".join(lines[:PLAN_LINES]),
            }
        )
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
