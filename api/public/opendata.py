"""Open data: the figures of each public page as CSV and JSON, with a stable schema and a licence line.

Schema (version 1): codes, not translated labels, and names in Hebrew, Arabic and English, so a file reads the
same whatever the visitor's language. New fields may be added; none is renamed or removed within a version.
The CSV's first line is the licence (a `#` comment line); the header row follows.
"""

import csv
import io
import json

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from clusters import selectors as cluster_selectors

from .pages import ClusterPage

SCHEMA_VERSION = 1
CSV_COLUMNS = [
    "cluster_id",
    "cluster_name_he",
    "cluster_name_ar",
    "cluster_name_en",
    "region",
    "service_id",
    "service_name_he",
    "service_level",
    "service_domain",
    "service_status",
    "goal_id",
    "goal_name",
    "goal_kind",
    "unit",
    "direction",
    "baseline",
    "baseline_on",
    "target",
    "target_on",
    "current",
    "progress_percent",
    "status",
    "period_kind",
    "period_start",
    "period",
    "value",
    "measured",
]


def _number(value) -> str | None:
    return None if value is None else format(value, "f")


# The service-quality measures' figures in the open data, in the quality app's column names.
QUALITY_FIELDS = [
    "inquiries",
    "closed",
    "response_median_hours",
    "response_p90_hours",
    "close_median_hours",
    "close_p90_hours",
    "with_sla",
    "within_sla",
    "within_sla_share",
    "backlog",
    "satisfaction_mean",
]


def _field(measure, name):
    value = getattr(measure, name)
    return value if isinstance(value, int) else _number(value)


def licence() -> dict:
    return {"licence": settings.PUBLIC_DATA_LICENCE, "licence_url": settings.PUBLIC_DATA_LICENCE_URL}


def licence_line() -> str:
    return f"# Licence: {settings.PUBLIC_DATA_LICENCE} {settings.PUBLIC_DATA_LICENCE_URL}"


def _cluster(cluster) -> dict:
    return {
        "id": cluster.pk,
        "cbs_code": cluster.cbs_code,
        "name_he": cluster.name_he,
        "name_ar": cluster.name_ar,
        "name_en": cluster.name_en,
        "region": cluster.region,
        "stage": cluster.stage,
    }


def goal_record(item) -> dict:
    """One published goal with its progress and every measurement (value as entered, and the measured quantity)."""
    goal, progress = item.goal, item.progress
    quantities = dict(progress.series)
    return {
        "id": goal.pk,
        "cluster_id": goal.service.cluster_id,
        "service_id": goal.service_id,
        "name": goal.name,
        "name_ar": goal.name_ar,
        "name_en": goal.name_en,
        "kind": goal.kind,
        "unit": goal.unit,
        "direction": goal.direction,
        "baseline": _number(progress.baseline),
        "baseline_on": goal.baseline_on.isoformat(),
        "target": _number(goal.target),
        "target_on": goal.target_on.isoformat(),
        "current": _number(progress.current),
        "progress_percent": progress.percent,
        "status": progress.status,
        "last_measured_period": item.latest.period_label if item.latest else None,
        "measurements": [
            {
                "period_kind": m.period_kind,
                "period_start": m.period_start.isoformat(),
                "period": m.period_label,
                "value": _number(m.value),
                "measured": _number(quantities.get(m.period_start)),
            }
            for m in sorted(item.goal.measurements.all(), key=lambda m: m.period_start)
        ],
    }


def _service(service) -> dict:
    return {
        "id": service.pk,
        "name_he": service.name_he,
        "name_ar": service.name_ar,
        "name_en": service.name_en,
        "level": service.level,
        "domain": service.domain,
        "status": service.status,
        "status_since": service.status_since.isoformat() if service.status_since else None,
    }


def strategic_plan_record(public, *, budgets: bool) -> dict | None:
    """The published strategic plan: its vision, strategic goals, outcomes (with the published goals measuring
    them), timeline and pilots with their decisions; a pilot's budget only where the CEO published budgets."""
    if public is None:
        return None
    plan = public.plan
    return {
        "title": plan.title,
        "version": plan.version,
        "starts_year": plan.starts_year,
        "ends_year": plan.ends_year,
        "approved_at": plan.approved_at.isoformat(),
        "vision": plan.vision,
        "strategic_goals": plan.goal_lines,
        "outcomes": [
            {
                "horizon": item.outcome.horizon,
                "channel": item.outcome.channel,
                "title": item.outcome.title,
                "goal_ids": [goal.pk for goal in item.goals],
            }
            for _value, _label, outcomes in public.horizons
            for item in outcomes
        ],
        "milestones": [
            {"due_on": m.due_on.isoformat(), "channel": m.channel, "title": m.title} for m in public.milestones
        ],
        "pilots": [
            {
                "title": pilot.title,
                "starts_on": pilot.starts_on.isoformat(),
                "measurement_due_on": pilot.measurement_due_on.isoformat(),
                "review_due_on": pilot.review_due_on.isoformat(),
                "decision": pilot.decision or None,
                "decided_on": pilot.decided_on.isoformat() if pilot.decided_on else None,
                **({"budget": _number(pilot.budget)} if budgets else {}),
            }
            for pilot in public.pilots
        ],
    }


QUALITY_COLUMNS = [
    "cluster_id",
    "service_id",
    "service_name_he",
    "authority_code_type",
    "authority_cbs_code",
    "authority_name_he",
    "month",
    "channel",
    *QUALITY_FIELDS,
]


def quality_record(measure) -> dict:
    """One published monthly measure: aggregates of the residents' inquiries, never an inquiry."""
    return {
        "service_id": measure.service_id,
        "authority_code_type": measure.authority.code_type,
        "authority_cbs_code": measure.authority.cbs_code,
        "month": measure.month.isoformat(),
        "channel": measure.channel,
        **{name: _field(measure, name) for name in QUALITY_FIELDS},
    }


def quality_csv(cluster, measures) -> str:
    out = io.StringIO()
    out.write(licence_line() + "\r\n")
    writer = csv.writer(out)
    writer.writerow(QUALITY_COLUMNS)
    for m in measures:
        record = quality_record(m)
        writer.writerow(
            [
                cluster.pk,
                m.service_id,
                m.service.name_he,
                m.authority.code_type,
                m.authority.cbs_code,
                m.authority.name_he,
                record["month"],
                m.channel,
                *["" if record[name] is None else record[name] for name in QUALITY_FIELDS],
            ]
        )
    return out.getvalue()


def cluster_document(page: ClusterPage, quality_measures=()) -> dict:
    """The JSON document of a cluster's public page."""
    public = page.public
    plan = public.work_plan
    return {
        "schema": f"clusters.public.cluster/{SCHEMA_VERSION}",
        **licence(),
        "generated_at": timezone.now().isoformat(),
        "cluster": _cluster(page.cluster),
        "members": [
            {
                "code_type": a.code_type,
                "cbs_code": a.cbs_code,
                "name_he": a.name_he,
                "name_ar": a.name_ar,
                "name_en": a.name_en,
                "kind": a.kind,
                "population": a.population,
            }
            for a in public.members
        ],
        "services": [_service(s) for s in public.services],
        "goals": [goal_record(item.item) for item in page.goals],
        "work_plan": None
        if plan is None
        else {
            "year": plan.year,
            "approved_at": plan.approved_at.isoformat() if plan.approved_at else None,
            "items": [
                {
                    "title": item.title,
                    "starts_on": item.starts_on.isoformat(),
                    "ends_on": item.ends_on.isoformat(),
                    "goal_ids": [g.pk for g in goals],
                    **({"budget": _number(item.budget_amount)} if page.cluster.is_plan_budget_public else {}),
                }
                for item, goals in plan.items
            ],
        },
        "strategic_plan": strategic_plan_record(public.strategic_plan, budgets=page.cluster.is_plan_budget_public),
        "quality_measures": [quality_record(m) for m in quality_measures],
        "reports": [
            {
                "period_start": r.period_start.isoformat(),
                "period_end": r.period_end.isoformat(),
                "version": r.version,
                "accepted_on": r.accepted_on.isoformat() if r.accepted_on else None,
                "narrative": r.narrative,
                "goals": r.goals,
                "risks": r.risks,
                "requests": r.requests,
            }
            for r in page.reports
        ],
    }


def csv_rows(items, services_by_id: dict) -> list[list]:
    """One row per measurement of each published goal (a goal without measurements: one row, period empty)."""
    rows = []
    for item in items:
        goal, progress = item.goal, item.progress
        service = services_by_id.get(goal.service_id, goal.service)
        cluster = service.cluster
        head = [
            cluster.pk,
            cluster.name_he,
            cluster.name_ar,
            cluster.name_en,
            cluster.region,
            service.pk,
            service.name_he,
            service.level,
            service.domain,
            service.status,
            goal.pk,
            goal.name,
            goal.kind,
            goal.unit,
            goal.direction,
            _number(progress.baseline),
            goal.baseline_on.isoformat(),
            _number(goal.target),
            goal.target_on.isoformat(),
            _number(progress.current),
            progress.percent,
            progress.status,
        ]
        quantities = dict(progress.series)
        measurements = sorted(goal.measurements.all(), key=lambda m: m.period_start)
        if not measurements:
            rows.append([*head, "", "", "", "", ""])
        for m in measurements:
            rows.append(
                [
                    *head,
                    m.period_kind,
                    m.period_start.isoformat(),
                    m.period_label,
                    _number(m.value),
                    _number(quantities.get(m.period_start)),
                ]
            )
    return rows


def csv_text(rows) -> str:
    out = io.StringIO()
    out.write(licence_line() + "\r\n")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue()


def national_document() -> dict:
    """Every cluster's counts and every published goal with its measurements."""
    goals = cluster_selectors.published_goals_with_progress()
    return {
        "schema": f"clusters.public.national/{SCHEMA_VERSION}",
        **licence(),
        "generated_at": timezone.now().isoformat(),
        "clusters": [
            {
                **_cluster(row.cluster),
                "members": row.members,
                "core_services": row.core_services,
                "operating_core_services": row.operating_core_services,
                "published_goals": row.published_goals,
            }
            for row in cluster_selectors.public_cluster_summaries()
        ],
        "goals": [goal_record(item) for item in goals],
    }


CLUSTER_COLUMNS = [
    "cluster_id",
    "cbs_code",
    "name_he",
    "name_ar",
    "name_en",
    "region",
    "stage",
    "members",
    "core_services",
    "operating_core_services",
    "published_goals",
]


def clusters_csv() -> str:
    """The index page's figures: one row per cluster."""
    out = io.StringIO()
    out.write(licence_line() + "\r\n")
    writer = csv.writer(out)
    writer.writerow(CLUSTER_COLUMNS)
    for row in cluster_selectors.public_cluster_summaries():
        c = row.cluster
        writer.writerow(
            [
                c.pk,
                "" if c.cbs_code is None else c.cbs_code,
                c.name_he,
                c.name_ar,
                c.name_en,
                c.region,
                c.stage,
                row.members,
                row.core_services,
                row.operating_core_services,
                row.published_goals,
            ]
        )
    return out.getvalue()


def national_csv() -> str:
    return csv_text(csv_rows(cluster_selectors.published_goals_with_progress(), {}))


def _with_licence_header(response: HttpResponse) -> HttpResponse:
    response["Link"] = f'<{settings.PUBLIC_DATA_LICENCE_URL}>; rel="license"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _with_licence_header(response)


def json_response(document: dict) -> HttpResponse:
    return _with_licence_header(
        HttpResponse(json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json")
    )
