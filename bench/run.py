"""The benchmark (`make bench`): the main pages at 1× and 10× the national programme, in one run.

For each size: a fresh PostgreSQL database, `migrate`, `seed_demo --scale N`, then gunicorn on 127.0.0.1 with the
production settings, and from other processes: each page requested one at a time (bench/pages.py) and, at the
largest size, the mixed scenario of 50 simulated people for 2 minutes (locust, bench/locustfile.py). Queries per
page are counted in-process (bench/prepare.py) and `EXPLAIN ANALYZE` is taken of the slowest queries of the slowest
pages (bench/explain.py). Then both sizes are served at once and each page is requested from one and the other in
turn (bench/paired.py): the ratio of the two sizes as the machine is at that moment. Everything stops by itself;
results go to stdout and var/bench/results.md.

Environment (all optional): BENCH_ADMIN_DATABASE_URL (a PostgreSQL database to create the others from),
BENCH_DATABASE_PREFIX (databases are <prefix>_<N>x), BENCH_SIZES ("1,10"), BENCH_PORT (8104), BENCH_WORKERS (2),
BENCH_USERS (50), BENCH_LOAD_TIME ("2m"), BENCH_RESEED ("1"; "0" reuses seeded databases), BENCH_SEED (1),
BENCH_REQUESTS and BENCH_PAGE_SECONDS (bench/pages.py), REDIS_URL and CACHE_KEY_PREFIX.
"""

import csv
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlparse

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
LOCUST = str(Path(PYTHON).with_name("locust"))
OUT = ROOT / "var" / "bench"

ADMIN_URL = os.environ.get("BENCH_ADMIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "bench_clusters")
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "1,10").split(",")]
PORT = int(os.environ.get("BENCH_PORT", "8104"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
USERS = os.environ.get("BENCH_USERS", "50")
LOAD_TIME = os.environ.get("BENCH_LOAD_TIME", "2m")
RESEED = os.environ.get("BENCH_RESEED", "1") != "0"
SEED = os.environ.get("BENCH_SEED", "1")
# One key for every process of the run: the sessions bench/prepare.py writes must be valid in gunicorn.
SECRET_KEY = os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(48)


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def database_url(size: int) -> str:
    admin = urlparse(ADMIN_URL)
    return admin._replace(path=f"/{PREFIX}_{size}x").geturl()


def django_env(size: int) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url(size),
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "MFA_REQUIRED_ROLES": "",
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "PYTHONPATH": str(ROOT),
    }


def database_exists(size: int) -> bool:
    with psycopg2.connect(ADMIN_URL) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [f"{PREFIX}_{size}x"])
        return cursor.fetchone() is not None


def fresh_database(size: int) -> None:
    name = f"{PREFIX}_{size}x"
    connection = psycopg2.connect(ADMIN_URL)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
    connection.close()


def manage(size: int, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=django_env(size), check=True)


def seed(size: int) -> float:
    fresh_database(size)
    manage(size, "migrate", "--noinput", "-v0")
    started = time.monotonic()
    manage(size, "seed_demo", "--force", "--quiet-logins", "--scale", str(size), "--seed", SEED)
    return time.monotonic() - started


def run_json(size: int, *args: str) -> object:
    result = subprocess.run([PYTHON, *args], cwd=ROOT, env=django_env(size), check=True, stdout=subprocess.PIPE)
    return json.loads(result.stdout)


def wait_until_up(base: str) -> None:
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{base}/health/", timeout=5) as response:  # noqa: S310 (our own server)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("the server did not start")


def load(plan_path: Path, base: str, size: int) -> dict:
    prefix = OUT / f"load-{size}x"
    command = [
        LOCUST,
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--only-summary",
        "-u",
        USERS,
        "-r",
        "10",
        "-t",
        LOAD_TIME,
        "--stop-timeout",
        "30",
        "--host",
        base,
        "--csv",
        str(prefix),
    ]
    subprocess.run(command, cwd=ROOT, env={**os.environ, "BENCH_PLAN": str(plan_path)}, check=False)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    total = rows["Aggregated"]
    return {
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "p50": float(total["50%"]),
        "p95": float(total["95%"]),
        "p99": float(total["99%"]),
        "throughput": float(total["Requests/s"]),
    }


def measure(size: int, with_load: bool) -> dict:
    if RESEED or not database_exists(size):
        log(f"{size}×: seeding")
        seconds = seed(size)
        log(f"{size}×: seeded in {seconds:.0f} s")
    else:
        seconds = None
    manage(size, "collectstatic", "--noinput", "-v0")
    plan = run_json(size, "bench/prepare.py")
    plan_path = OUT / f"plan-{size}x.json"
    plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    base = f"http://127.0.0.1:{PORT}"
    server = serve(size, PORT)
    try:
        wait_until_up(base)
        log(f"{size}×: pages")
        timings = run_json(size, "bench/pages.py", str(plan_path), base)
        result = {"seed_seconds": seconds, "plan": plan, "timings": timings}
        if with_load:
            log(f"{size}×: {USERS} people for {LOAD_TIME}")
            result["load"] = load(plan_path, base, size)
    finally:
        server.terminate()
        server.wait(timeout=60)
    slowest = sorted(timings, key=lambda row: -row["p50"])[:3]
    names = [row["name"] for row in slowest]
    result["explain"] = run_json(size, "bench/explain.py", str(plan_path), *names)
    return result


def serve(size: int, port: int) -> subprocess.Popen:
    command = [GUNICORN, "config.wsgi", "-w", WORKERS, "-b", f"127.0.0.1:{port}", "--timeout", "180"]
    return subprocess.Popen(command, cwd=ROOT, env=django_env(size), stderr=subprocess.DEVNULL)  # noqa: S603


def paired(small: int, large: int) -> list:
    """Each page at both sizes, requested in turn from two servers running at once (bench/paired.py)."""
    servers = [serve(small, PORT), serve(large, PORT + 1)]
    try:
        for port in (PORT, PORT + 1):
            wait_until_up(f"http://127.0.0.1:{port}")
        log(f"{small}× and {large}×: pages in turn")
        return run_json(
            large,
            "bench/paired.py",
            str(OUT / f"plan-{small}x.json"),
            f"http://127.0.0.1:{PORT}",
            str(OUT / f"plan-{large}x.json"),
            f"http://127.0.0.1:{PORT + 1}",
        )
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=60)


def ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}" if b else "–"


def report(results: dict, in_turn: list | None = None) -> str:
    small, large = min(results), max(results)
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores, PostgreSQL, gunicorn with "
        f"{WORKERS} workers on 127.0.0.1; sizes {', '.join(f'{s}×' for s in sorted(results))}.",
        "",
        "Seeding (`seed_demo --scale N`, with the demo data): "
        + ", ".join(
            f"{size}× {results[size]['seed_seconds']:.0f} s"
            if results[size]["seed_seconds"] is not None
            else f"{size}× not run (BENCH_RESEED=0: the database seeded before)"
            for size in sorted(results)
        ),
        "",
        f"| page | queries {small}× | queries {large}× | p50 {small}× ms | p95 {small}× ms | p50 {large}× ms "
        f"| p95 {large}× ms | {large}×/{small}× | {small}× / floor | {large}× / floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    by_name = {size: {row["name"]: row for row in results[size]["timings"]} for size in results}
    queries = {size: {page["name"]: page for page in results[size]["plan"]["pages"]} for size in results}
    floor = {size: results[size]["timings"][0]["p50"] for size in results}
    for index, page in enumerate(results[small]["plan"]["pages"]):
        name = page["name"]
        large_name = results[large]["plan"]["pages"][index]["name"]
        a, b = by_name[small][name], by_name[large][large_name]
        qa, qb = queries[small][name], queries[large][large_name]
        answers = {qa["status"], qb["status"], *a["statuses"], *b["statuses"]}
        status = "" if answers == {200} else f" (HTTP {'/'.join(str(code) for code in sorted(answers))})"
        lines.append(
            f"| {name}{status} | {qa['queries']} | {qb['queries']} | {a['p50']:.0f} | {a['p95']:.0f} | {b['p50']:.0f} "
            f"| {b['p95']:.0f} | {ratio(b['p50'], a['p50'])} | {ratio(a['p50'], floor[small])} "
            f"| {ratio(b['p50'], floor[large])} |"
        )
    for size in sorted(results):
        if "load" in results[size]:
            load_result = results[size]["load"]
            lines += [
                "",
                f"Mixed scenario at {size}×: {USERS} simulated people of every role for {LOAD_TIME}, "
                "0.5–2 s between clicks (bench/locustfile.py):",
                "",
                "| requests | errors | p50 ms | p95 ms | p99 ms | requests/s |",
                "| ---: | ---: | ---: | ---: | ---: | ---: |",
                f"| {load_result['requests']} | {load_result['errors']} | {load_result['p50']:.0f} "
                f"| {load_result['p95']:.0f} | {load_result['p99']:.0f} | {load_result['throughput']:.1f} |",
            ]
    if in_turn:
        lines += [
            "",
            f"Both sizes served at once, each page requested from the {small}× and the {large}× server in turn "
            "(bench/paired.py):",
            "",
            f"| page | p50 {small}× ms | p50 {large}× ms | {large}×/{small}× |",
            "| --- | ---: | ---: | ---: |",
        ]
        lines += [
            f"| {row['name']} | {row['p50_small']:.0f} | {row['p50_large']:.0f} "
            f"| {ratio(row['p50_large'], row['p50_small'])} |"
            for row in in_turn
        ]
    lines += ["", f"Slowest queries of the slowest pages at {large}× (`EXPLAIN ANALYZE`):", ""]
    for item in results[large]["explain"]:
        lines += [
            f"**{item['page']}** — {item['milliseconds']:.0f} ms:",
            "",
            "```sql",
            item["sql"][:1500],
            "```",
            "",
            "```",
            item["plan"],
            "```",
            "",
        ]
    return "\n".join(lines)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in SIZES:
        results[size] = measure(size, with_load=size == max(SIZES))
    in_turn = paired(min(SIZES), max(SIZES)) if len(SIZES) > 1 else None
    (OUT / "results.json").write_text(
        json.dumps({"sizes": results, "in_turn": in_turn}, ensure_ascii=False, default=str), encoding="utf-8"
    )
    text = report(results, in_turn)
    (OUT / "results.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
