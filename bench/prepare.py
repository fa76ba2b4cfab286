"""Benchmark step run inside Django against one seeded database: which pages as whom, a signed-in session for each
person, and each page's number of queries (counted in-process with the test client). Prints JSON.

Run by bench/run.py; DATABASE_URL names the seeded database. The first page is the floor, which bench/pages.py
samples again after every page.
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

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from clusters.models import Cluster, Service  # noqa: E402
from engagements.models import Engagement  # noqa: E402
from oversight.digests import record_statuses  # noqa: E402
from oversight.models import StatusRecord  # noqa: E402

PEOPLE = {
    "ceo": "ceo.0001@scale.test",  # the first synthetic cluster's CEO, who has the long engagement
    "advisor": "advisor.0001.01@scale.test",
    "curator": "curator@demo.test",
    "referent": "referent.0001@scale.test",  # an Interior referent of five clusters
    "head_referent": "head.referent@demo.test",  # the national view
    "admin": "admin@demo.test",
}
VISITOR = "visitor"  # nobody signed in: the public pages and open data
SEARCH_WORD = "פסולת"


def pages() -> list[dict]:
    """(name, person, path) of every page measured; `mix` is its weight in the mixed scenario (0: not in it)."""
    ceo = User.objects.get(email=PEOPLE["ceo"])
    longest = (
        Engagement.objects.filter(created_by=ceo).annotate(entries=Count("work_logs")).order_by("-entries").first()
    )
    cluster = longest.cluster
    # the CEO's service with the most authorities compared; a published cluster as a visitor finds it
    service = (
        Service.objects.filter(cluster=cluster)
        .annotate(measured=Count("quality_measures"))
        .order_by("-measured", "pk")
        .first()
    )
    published = Cluster.objects.filter(is_quality_public=True, services__goals__is_public=True).order_by("pk").first()
    rows = [
        ("floor (base template only)", "ceo", "/bench/floor/", 0),
        ("/clusters/", "ceo", "/clusters/", 3),
        ("/advisors/catalogue/", "ceo", "/advisors/catalogue/", 3),
        ("catalogue search with a Hebrew word", "ceo", f"/advisors/catalogue/?q={SEARCH_WORD}", 2),
        ("/advisors/curation/", "curator", "/advisors/curation/", 1),
        ("/advisors/curation/organisations/", "curator", "/advisors/curation/organisations/", 0),
        ("/engagements/", "ceo", "/engagements/", 3),
        ("/engagements/approvals/", "ceo", "/engagements/approvals/", 1),
        ("/engagements/recommendations/", "ceo", "/engagements/recommendations/", 1),
        (f"an engagement with {longest.entries} work logs", "ceo", f"/engagements/{longest.pk}/", 2),
        ("/engagements/requests/open/", "advisor", "/engagements/requests/open/", 1),
        ("/oversight/ (a referent of 5 clusters)", "referent", "/oversight/", 3),
        ("/oversight/ (head referent, national view)", "head_referent", "/oversight/", 2),
        ("/oversight/export.csv (head referent)", "head_referent", "/oversight/export.csv", 1),
        ("/oversight/export.xlsx (head referent)", "head_referent", "/oversight/export.xlsx", 0),
        ("/oversight/work-plans/ (head referent)", "head_referent", "/oversight/work-plans/", 1),
        ("/oversight/reports/queue/ (head referent)", "head_referent", "/oversight/reports/queue/", 1),
        ("/oversight/reports/ (CEO)", "ceo", "/oversight/reports/", 1),
        ("/people/audit/", "admin", "/people/audit/", 1),
        ("/quality/ cluster comparison (CEO)", "ceo", f"/quality/clusters/{cluster.pk}/", 2),
        ("/quality/ a service's authorities (CEO)", "ceo", f"/quality/services/{service.pk}/", 1),
        ("/quality/national/ (head referent)", "head_referent", "/quality/national/", 1),
        ("/public/ (visitor)", VISITOR, "/public/", 2),
        ("/public/ a cluster's page (visitor)", VISITOR, f"/public/clusters/{published.pk}/", 2),
        ("open data: published goals CSV (visitor)", VISITOR, "/public/open-data/published-goals.csv", 1),
        ("API: clusters (head referent)", "head_referent", "/api/clusters/", 1),
        ("API: quality measures (head referent)", "head_referent", "/api/quality-measures/", 1),
        ("API: kept statuses (head referent)", "head_referent", "/api/statuses/", 1),
        ("admin: engagements", "admin", "/admin/engagements/engagement/", 0),
        ("admin: work logs", "admin", "/admin/engagements/worklog/", 0),
        ("admin: users", "admin", "/admin/accounts/user/", 0),
        ("admin: audit events", "admin", "/admin/accounts/auditevent/", 0),
        ("admin: advisor profiles", "admin", "/admin/advisors/advisorprofile/", 0),
        ("admin: measurements", "admin", "/admin/clusters/measurement/", 0),
    ]
    return [{"name": name, "person": person, "path": path, "mix": mix} for name, person, path, mix in rows]


def session_for(user: User) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(6 * 3600)
    session.create()
    return session.session_key


def keep_todays_statuses() -> None:
    """The statuses are kept once a day (the beat's task); a database seeded on an earlier day (BENCH_RESEED=0) has
    none for today, so the national pages would be measured computing every cluster live. Recorded here as the
    beat would."""
    if not StatusRecord.objects.filter(day=timezone.localdate(), snapshot__isnull=False).exists():
        record_statuses()


def main() -> None:
    User.objects.filter(email=PEOPLE["admin"]).update(is_staff=True, is_superuser=True)
    keep_todays_statuses()
    users = {key: User.objects.get(email=email) for key, email in PEOPLE.items()}
    plan = {
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "sessions": {key: session_for(user) for key, user in users.items()} | {VISITOR: ""},
        "pages": pages(),
    }
    for page in plan["pages"]:
        client = Client()
        if page["person"] != VISITOR:
            client.force_login(users[page["person"]])
        client.get(page["path"])  # warm caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page["path"])
        page["status"] = response.status_code
        page["queries"] = len(queries)
    json.dump(plan, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
