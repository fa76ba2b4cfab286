"""The mixed scenario: simulated people of every role clicking through the main pages, with a think time.

    BENCH_PLAN=plan.json locust -f bench/locustfile.py --headless -u 50 -r 10 -t 2m --host http://127.0.0.1:8104

Each click picks a page by its weight in the plan (`mix`) and requests it as the page's person.
"""

import json
import os
import random

from locust import HttpUser, between, task

with open(os.environ["BENCH_PLAN"], encoding="utf-8") as handle:
    PLAN = json.load(handle)
PAGES = [page for page in PLAN["pages"] if page["mix"]]
WEIGHTS = [page["mix"] for page in PAGES]


class Person(HttpUser):
    wait_time = between(0.5, 2.0)

    @task
    def click(self):
        page = random.choices(PAGES, weights=WEIGHTS)[0]  # noqa: S311 (not for security)
        cookie = f"{PLAN['cookie_name']}={PLAN['sessions'][page['person']]}"
        with self.client.get(
            page["path"],
            name=page["name"],
            headers={"Cookie": cookie},
            timeout=30,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
