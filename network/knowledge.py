"""Reading the knowledge centre: search and filters, related items, the reading list of a need.

Search uses the catalogue's Hebrew and Arabic matching (advisors.search and advisors.selectors.search_by_words):
pg_trgm word similarity on PostgreSQL, prefix-free word forms on SQLite.
"""

from django.db.models import Count, F, Q, QuerySet

from advisors.selectors import search_by_words

from .models import KnowledgeItem

RELATED_LIMIT = 5


def filter_items(
    queryset: QuerySet[KnowledgeItem],
    *,
    query: str = "",
    need: str = "",
    domain: str = "",
    kind: str = "",
    language: str = "",
) -> QuerySet[KnowledgeItem]:
    """Items matching the free text and every chosen filter; by relevance when searching, newest first otherwise."""
    if need:
        queryset = queryset.filter(needs__code=need)
    if domain:
        queryset = queryset.with_domain(domain)
    if kind:
        queryset = queryset.filter(kind=kind)
    if language:
        queryset = queryset.filter(language=language)
    if query.strip():
        queryset = search_by_words(queryset, query)
        if "relevance" in queryset.query.annotations:
            return queryset.for_lists().order_by(F("relevance").desc(), F("published_at").desc(nulls_last=True), "-pk")
    return queryset.for_lists().order_by(F("published_at").desc(nulls_last=True), "-pk")


def related_items(item: KnowledgeItem, queryset: QuerySet[KnowledgeItem]) -> list[KnowledgeItem]:
    """Up to five other readable items sharing the most needs, domains or ministries with this one (one query)."""
    need_ids = [need.pk for need in item.needs.all()]
    ministry_ids = [ministry.pk for ministry in item.ministries.all()]
    shared = Q(pk__in=[])
    if need_ids:
        shared |= Q(needs__in=need_ids)
    if ministry_ids:
        shared |= Q(ministries__in=ministry_ids)
    for code in item.domain_codes:
        shared |= Q(domains__contains=f",{code},")
    if not need_ids and not ministry_ids and not item.domain_codes:
        return []
    candidates = (
        queryset.exclude(pk=item.pk)
        .filter(shared)
        .annotate(shared_needs=Count("needs", filter=Q(needs__in=need_ids), distinct=True))
        .order_by("-shared_needs", F("published_at").desc(nulls_last=True), "-pk")
    )
    return list(candidates.distinct()[:RELATED_LIMIT])


def reading_list(queryset: QuerySet[KnowledgeItem], *, need_code: str) -> list[KnowledgeItem]:
    """The published items on one need, templates and case studies first (they are what a CEO uses first)."""
    order = {"template": 0, "case_study": 1, "article": 2, "source": 3}
    items = list(queryset.published().filter(needs__code=need_code).for_lists().order_by("-published_at", "-pk"))
    return sorted(items, key=lambda item: order.get(item.kind, 9))
