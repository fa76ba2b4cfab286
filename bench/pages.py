"""Benchmark step in a process of its own: request each page of the plan from the running server, one request at a
time, and print each page's timings as JSON. Bounded: at most BENCH_REQUESTS requests and BENCH_PAGE_SECONDS
seconds a page (after one warm-up request).

    python bench/pages.py PLAN.json http://127.0.0.1:8104
"""

import json
import os
import sys
import time
import urllib.error
import urllib.request

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
PAGE_SECONDS = float(os.environ.get("BENCH_PAGE_SECONDS", "20"))


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect (to the sign-in page) is an answer to report, not to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def fetch(url: str, cookie: str) -> tuple[int, float]:
    request = urllib.request.Request(url, headers={"Cookie": cookie, "Accept-Language": "he"})
    started = time.perf_counter()
    try:
        with OPENER.open(request, timeout=180) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, (time.perf_counter() - started) * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    plan_path, base = sys.argv[1], sys.argv[2].rstrip("/")
    with open(plan_path, encoding="utf-8") as handle:
        plan = json.load(handle)
    results, floor_samples = [], []
    floor = plan["pages"][0]  # the floor page, sampled again after every page: the machine's load changes
    floor_url = base + floor["path"]
    floor_cookie = f"{plan['cookie_name']}={plan['sessions'][floor['person']]}"
    for page in plan["pages"]:
        cookie = f"{plan['cookie_name']}={plan['sessions'][page['person']]}"
        url = base + urllib.request.quote(page["path"], safe="/?=&")
        status, _warm = fetch(url, cookie)
        timings, statuses = [], {status}
        started = time.monotonic()
        while len(timings) < REQUESTS and (time.monotonic() - started < PAGE_SECONDS or len(timings) < 2):
            status, elapsed = fetch(url, cookie)
            statuses.add(status)
            timings.append(elapsed)
        results.append(
            {
                "name": page["name"],
                "requests": len(timings),
                "statuses": sorted(statuses),
                "p50": percentile(timings, 0.5),
                "p95": percentile(timings, 0.95),
            }
        )
        floor_samples.extend(fetch(floor_url, floor_cookie)[1] for _ in range(3))
        print(f"  {page['name']}: p50 {results[-1]['p50']:.0f} ms ({len(timings)} requests)", file=sys.stderr)
    results[0].update(p50=percentile(floor_samples, 0.5), p95=percentile(floor_samples, 0.95))
    results[0]["requests"] += len(floor_samples)
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
