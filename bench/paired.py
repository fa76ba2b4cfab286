"""Benchmark step in a process of its own: the two sizes served at once, each page requested from one and then the
other in turn, so that both see the machine as it is at that moment (a ratio of two sizes measured minutes apart
also measures how the machine changed meanwhile). Prints each page's p50 at both sizes as JSON.

    python bench/paired.py SMALL_PLAN.json http://127.0.0.1:8104 LARGE_PLAN.json http://127.0.0.1:8105
"""

import json
import sys
import time
import urllib.request

from pages import PAGE_SECONDS, REQUESTS, fetch, percentile


def page_request(plan: dict, base: str, page: dict) -> tuple[str, str]:
    cookie = f"{plan['cookie_name']}={plan['sessions'][page['person']]}"
    return base + urllib.request.quote(page["path"], safe="/?=&"), cookie


def main() -> None:
    small_path, small_base, large_path, large_base = sys.argv[1:5]
    plans = []
    for path in (small_path, large_path):
        with open(path, encoding="utf-8") as handle:
            plans.append(json.load(handle))
    small, large = plans
    results = []
    # the pages in the plans' order; the same page may carry another name at each size (its number of work logs)
    for small_page, large_page in zip(small["pages"], large["pages"], strict=True):
        requests = [
            page_request(small, small_base.rstrip("/"), small_page),
            page_request(large, large_base.rstrip("/"), large_page),
        ]
        for url, cookie in requests:
            fetch(url, cookie)  # warm-up
        timings = ([], [])
        started = time.monotonic()
        while len(timings[0]) < REQUESTS and (time.monotonic() - started < 2 * PAGE_SECONDS or len(timings[0]) < 2):
            for index, (url, cookie) in enumerate(requests):
                timings[index].append(fetch(url, cookie)[1])
        results.append(
            {
                "name": small_page["name"],
                "p50_small": percentile(timings[0], 0.5),
                "p50_large": percentile(timings[1], 0.5),
            }
        )
        print(
            f"  {small_page['name']}: p50 {results[-1]['p50_small']:.0f} / {results[-1]['p50_large']:.0f} ms",
            file=sys.stderr,
        )
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
