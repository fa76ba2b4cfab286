"""Factories for the national cluster: knowledge items, ministries' pages, calls and applications."""

import importlib
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from advisors.models import Need, join_codes
from network.models import Application, Call, KnowledgeItem, Ministry, PlaybookSuggestion, PlaybookVersion
from tests.factories.advisors import ensure_needs


def ensure_ministries() -> None:
    """Load the ministries if a transactional test's flush removed the data migration's rows."""
    if not Ministry.objects.exists():
        migration = importlib.import_module("network.migrations.0002_load_ministries_and_search_trigrams")
        for position, (slug, name_he, name_ar, name_en) in enumerate(migration.MINISTRIES, start=1):
            Ministry.objects.create(slug=slug, name_he=name_he, name_ar=name_ar, name_en=name_en, position=position)


def make_item(
    *,
    author,
    title="ניהול פסולת משותף באשכול",
    summary="כיצד אשכול הקים שירות פסולת משותף",
    body="",
    kind="article",
    subkind="",
    status="published",
    language="he",
    needs=("management.coaching",),
    domains=("waste",),
    ministries=(),
    cluster=None,
    published_by=None,
    published_at=None,
) -> KnowledgeItem:
    from advisors.search import search_document

    ensure_needs()
    published = status == "published"
    item = KnowledgeItem.objects.create(
        kind=kind,
        subkind=subkind,
        title=title,
        summary=summary,
        body=body,
        language=language,
        domains=join_codes(domains),
        cluster=cluster,
        status=status,
        author=author,
        published_by=(published_by or author) if published else None,
        published_at=(published_at or timezone.now()) if published else None,
        submitted_at=timezone.now() if status != "draft" else None,
        search_text=search_document(title, summary, body),
    )
    item.needs.set(Need.objects.filter(code__in=needs))
    if ministries:
        item.ministries.set(Ministry.objects.filter(slug__in=ministries))
    return item


def make_version(*, slug="interior", by=None, **sections) -> PlaybookVersion:
    ensure_ministries()
    ministry = Ministry.objects.get(slug=slug)
    number = ministry.versions.count() + 1
    values = {"funds": "מימון שירותי ליבה", "procedures": "טופס בקשה", "contacts": "רפרנט האשכולות במחוז"}
    values.update(sections)
    version = PlaybookVersion.objects.create(ministry=ministry, number=number, created_by=by, **values)
    Ministry.objects.filter(pk=ministry.pk).update(last_reviewed_on=timezone.localdate())
    return version


def make_suggestion(*, cluster, suggested_by, slug="interior", section="timelines", text="שלושה חודשים לאישור"):
    version = make_version(slug=slug)
    return PlaybookSuggestion.objects.create(
        ministry=version.ministry,
        based_on=version,
        section=section,
        text=text,
        cluster=cluster,
        suggested_by=suggested_by,
    )


def make_call(
    *,
    created_by,
    title="קול קורא לשירותי פסולת אזוריים",
    funder="המשרד להגנת הסביבה",
    ministry="environment",
    days=30,
    is_posted=True,
    needs=(),
    regions=(),
    stages=(),
    authority_kinds=(),
    domains=(),
    amount=Decimal("500000"),
    matching_share=Decimal("20"),
    **criteria,
) -> Call:
    ensure_needs()
    ensure_ministries()
    call = Call.objects.create(
        title=title,
        funder=funder,
        ministry=Ministry.objects.get(slug=ministry) if ministry else None,
        deadline=timezone.localdate() + timedelta(days=days),
        amount=amount,
        matching_share=matching_share,
        regions=join_codes(regions),
        stages=join_codes(stages),
        authority_kinds=join_codes(authority_kinds),
        domains=join_codes(domains),
        is_posted=is_posted,
        posted_at=timezone.now() if is_posted else None,
        created_by=created_by,
        **criteria,
    )
    call.needs.set(Need.objects.filter(code__in=needs))
    return call


def make_application(*, call, cluster, recorded_by, status="intended", amount_won=None) -> Application:
    return Application.objects.create(
        call=call, cluster=cluster, recorded_by=recorded_by, status=status, amount_won=amount_won
    )
