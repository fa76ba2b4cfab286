"""The dashboard read from the kept statuses: each cluster's row as recomputed by the status task, not by the request.

`record_statuses` (oversight/digests.py) keeps, with each cluster's status of the day, a snapshot of its dashboard
row: the plain facts the rules read, the core-service goals with their progress, the engagement effort by need group
and the reporting record. Nothing in it depends on the reader's language: the rules are applied again on reading
(`rules.assess` is a pure function, so the rules' messages come in the reader's language with the same numbers) and
need-group labels are looked up in the taxonomy.

Reading is cached in each process by content: a kept row read once (its snapshot, in a language, under the same
thresholds and need-group labels) is not read, decoded and assessed again, and its table row is not rendered again
(`rendered_rows`). The key is the snapshot's digest, kept beside it, so a row recorded again or set aside is read
afresh; nothing is shared between processes, so a new release never serves a row rendered by the old one.

A cluster whose status is not kept for today, or whose kept row was set aside by a change made since (see
`StatusRecord.objects.set_aside`), is computed live, so the page always shows what a fresh computation would.
"""

import hashlib
import json
from dataclasses import asdict, fields, replace
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.memo import Memo
from advisors import selectors as advisor_selectors
from clusters.models import Goal
from clusters.progress import Progress
from clusters.selectors import GoalWithProgress

from .effort import Effort, GroupEffort
from .models import StatusRecord
from .reports import Period, ReportFacts
from .rules import ClusterFacts, assess
from .selectors import DashboardRow, dashboard_rows, thresholds

SNAPSHOT_VERSION = 1
DATE_FACTS = {"today", "incorporated_on", "latest_measurement_on", "ceo_vacant_since", "oldest_overdue_report_due_on"}
DECIMAL_FACTS = {"burn_share", "expected_burn_share"}


def _text(value):
    return None if value is None else str(value)


def _date(value):
    return None if value is None else date.fromisoformat(value)


def _decimal(value):
    return None if value is None else Decimal(value)


# --- writing ---------------------------------------------------------------------------------------------------


def _facts_to_json(facts: ClusterFacts) -> dict:
    data = asdict(facts)
    for name in DATE_FACTS:
        data[name] = None if data[name] is None else data[name].isoformat()
    for name in DECIMAL_FACTS:
        data[name] = _text(data[name])
    data["missed_pilot_reviews"] = [day.isoformat() for day in facts.missed_pilot_reviews]
    data["worsening_services"] = [str(name) for name in facts.worsening_services]
    return data


def _progress_to_json(progress: Progress) -> dict:
    return {
        "baseline": _text(progress.baseline),
        "target": _text(progress.target),
        "current": _text(progress.current),
        "share": _text(progress.share),
        "expected_share": _text(progress.expected_share),
        "status": progress.status,
        "trend": progress.trend,
        "series": [[start.isoformat(), _text(quantity)] for start, quantity in progress.series],
    }


def snapshot_of(row: DashboardRow) -> dict:
    """What the dashboard shows of one row (computed by `dashboard_rows`), as JSON without translated text."""
    return {
        "version": SNAPSHOT_VERSION,
        "facts": _facts_to_json(row.facts),
        "members": row.members,
        "operating_core_services": row.operating_core_services,
        "domains": sorted(row.domains),
        "goals": [
            {
                "pk": item.goal.pk,
                "name": item.goal.name,
                "service_id": item.goal.service_id,
                "progress": _progress_to_json(item.progress),
            }
            for item in row.goals
        ],
        "effort": {
            "hours": str(row.effort.hours),
            "cost": str(row.effort.cost),
            "engagements": row.effort.engagements,
            "groups": [[group.code, str(group.hours), str(group.cost)] for group in row.effort.groups],
        },
        "reports": {
            "latest_period": row.reports.latest_period,
            "latest_state": row.reports.latest_state,
            "overdue": [[p.start.isoformat(), p.end.isoformat(), p.due_on.isoformat()] for p in row.reports.overdue],
            "due_periods": row.reports.due_periods,
            "submitted": row.reports.submitted,
            "on_time": row.reports.on_time,
        },
    }


# --- reading ---------------------------------------------------------------------------------------------------


def _facts_from_json(data: dict) -> ClusterFacts:
    values = {f.name: data[f.name] for f in fields(ClusterFacts) if f.name in data}
    for name in DATE_FACTS:
        values[name] = _date(values.get(name))
    for name in DECIMAL_FACTS:
        values[name] = _decimal(values.get(name))
    values["missed_pilot_reviews"] = [date.fromisoformat(day) for day in data["missed_pilot_reviews"]]
    return ClusterFacts(**values)


def _progress_from_json(data: dict) -> Progress:
    return Progress(
        baseline=_decimal(data["baseline"]),
        target=_decimal(data["target"]),
        current=_decimal(data["current"]),
        share=_decimal(data["share"]),
        expected_share=_decimal(data["expected_share"]),
        status=data["status"],
        trend=data["trend"],
        series=[(date.fromisoformat(start), _decimal(quantity)) for start, quantity in data["series"]],
    )


def _row_from_snapshot(cluster, data: dict, *, labels: dict, limits) -> DashboardRow:
    facts = _facts_from_json(data["facts"])
    effort = data["effort"]
    reports = data["reports"]
    return DashboardRow(
        cluster=cluster,
        members=data["members"],
        core_services=[],
        operating_core_services=data["operating_core_services"],
        goals=[
            GoalWithProgress(
                goal=Goal(pk=goal["pk"], name=goal["name"], service_id=goal["service_id"]),
                progress=_progress_from_json(goal["progress"]),
                latest=None,
            )
            for goal in data["goals"]
        ],
        domains=set(data["domains"]),
        work_plan_status=facts.work_plan_status,
        ceo_vacant_since=facts.ceo_vacant_since,
        overdue_findings=facts.overdue_findings,
        assessment=assess(facts, limits),
        reports=ReportFacts(
            latest_period=reports["latest_period"],
            latest_state=reports["latest_state"],
            overdue=[Period(*(date.fromisoformat(day) for day in period)) for period in reports["overdue"]],
            due_periods=reports["due_periods"],
            submitted=reports["submitted"],
            on_time=reports["on_time"],
        ),
        effort=Effort(
            hours=Decimal(effort["hours"]),
            cost=Decimal(effort["cost"]),
            engagements=effort["engagements"],
            groups=[
                GroupEffort(labels.get(code) or gettext("No need group"), Decimal(hours), Decimal(cost), code)
                for code, hours, cost in effort["groups"]
            ],
        ),
    )


# About 340 clusters' rows in three languages (a thousand in one); a row read is some 20 kB, its HTML and its
# exported cells a few.
_ROWS = Memo(1024)
_RENDERED = Memo(1024)
_CELLS = Memo(1024)


def snapshot_digest(snapshot: dict) -> str:
    """The digest kept beside a snapshot: equal for equal snapshots, different when anything in it differs."""
    text = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _per_row(memo: Memo, rows, build, *context) -> list:
    """`build(row)` for each row; a kept row's result is kept once per process for its snapshot, cluster heading,
    language and `context`. A row computed live (no kept_key) is built every time."""
    results = []
    for row in rows:
        shown = _row_key(row)
        key = shown and (*shown, *context)
        result = memo.get(key) if key else None
        if result is None:
            result = build(row)
            if key:
                memo.put(key, result)
        results.append(result)
    return results


def _row_key(row) -> tuple | None:
    """What a kept row shows, as a key: its snapshot's key and the cluster's heading; None for a row computed live."""
    cluster = row.cluster
    return row.kept_key and (row.kept_key, cluster.pk, cluster.name, cluster.region, cluster.stage)


def kept_content(rows) -> tuple | None:
    """The content of these rows, in their order, as a key (a download made of them is the same file while it is
    unchanged); None when a row is computed live."""
    keys = tuple(_row_key(row) for row in rows)
    return None if None in keys else keys


def rendered_rows(rows, *, year: int) -> list[str]:
    """Each row of the national table as HTML (oversight/includes/dashboard_row.html); a kept row is rendered once
    per process for its snapshot, cluster heading, language and year."""
    return _per_row(
        _RENDERED,
        rows,
        lambda row: render_to_string("oversight/includes/dashboard_row.html", {"row": row, "year": year}),
        year,
    )


def exported_cells(rows, build) -> list[tuple]:
    """Each row's cells in the dashboard's exports (`build(row)`, a tuple of safe cells); a kept row's are built once
    per process for its snapshot, cluster heading and language."""
    return _per_row(_CELLS, rows, build)


def kept_dashboard_rows(*, clusters, today: date | None = None) -> list[DashboardRow]:
    """The dashboard's rows of these clusters, in their order, from today's kept statuses; clusters with none kept
    for today are computed live (`dashboard_rows`). A fixed number of queries whatever the number of clusters.

    Only the snapshots' digests are read for the rows this process has read before; the snapshots themselves only
    for the others (one more query). The rows carry what the dashboard and its exports show; the cluster page,
    which shows more (spending, every engagement), computes its row live."""
    today = today or timezone.localdate()
    # a queryset of clusters is asked for as a subquery (the national view's are every cluster)
    ids = clusters.values("pk") if isinstance(clusters, QuerySet) else [c.pk for c in clusters]
    clusters = list(clusters)
    records = StatusRecord.objects.filter(cluster_id__in=ids, day=today, snapshot__isnull=False).exclude(
        snapshot_digest=""
    )
    digests = dict(records.values_list("cluster_id", "snapshot_digest"))
    labels = {}
    if digests:
        labels = {group.code: str(group.label) for group in advisor_selectors.need_groups()}
    limits = thresholds()
    context = (translation.get_language(), repr(limits), tuple(sorted(labels.items())))
    by_pk = {c.pk: c for c in clusters}
    rows = {}
    for cluster_id, digest in digests.items():
        key = (digest, *context)
        row = _ROWS.get(key)
        if row is not None:
            rows[cluster_id] = replace(row, cluster=by_pk[cluster_id], kept_key=key)
    unread = [pk for pk in digests if pk not in rows]
    if unread:
        texts = records.filter(cluster_id__in=unread).values_list(
            "cluster_id", "snapshot_digest", Cast("snapshot", TextField())
        )
        for cluster_id, digest, text in texts:
            data = json.loads(text)
            if data.get("version") != SNAPSHOT_VERSION:  # kept by another release: computed live
                continue
            key = (digest, *context)
            row = _row_from_snapshot(by_pk[cluster_id], data, labels=labels, limits=limits)
            _ROWS.put(key, row)
            rows[cluster_id] = replace(row, kept_key=key)
    missing = [c for c in clusters if c.pk not in rows]
    if missing:
        rows.update((row.cluster.pk, row) for row in dashboard_rows(clusters=missing, today=today))
    return [rows[c.pk] for c in clusters]
