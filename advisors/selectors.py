"""Read API of the advisors app, for its own views and for the apps above it (engagements, oversight)."""

from collections import Counter
from datetime import date

from django.conf import settings
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.db import connection
from django.db.models import Case, Count, F, FloatField, Func, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Greatest, Mod
from django.db.models.lookups import GreaterThanOrEqual

from clusters.models import Cluster
from clusters.progress import AT_RISK, OFF_TRACK
from clusters.reference import Region
from clusters.selectors import goal_progress

from .models import (
    AdvisorOrganisation,
    AdvisorProfile,
    ControlMandate,
    Need,
    NeedGroup,
    Outcome,
    Shortlist,
    VettingState,
    split_codes,
)
from .search import STEM_MARK, query_terms

# Knuth's multiplicative hash: a stable, id-derived order that favours nobody's name.
TIE_BREAK_MULTIPLIER = 2654435761
TIE_BREAK_MODULUS = 4294967296


def tie_break() -> Mod:
    return Mod(F("id") * Value(TIE_BREAK_MULTIPLIER), Value(TIE_BREAK_MODULUS))


def listed_profiles() -> QuerySet[AdvisorProfile]:
    """The profiles the catalogue shows, ready for cards (person, organisation and needs loaded)."""
    return AdvisorProfile.objects.listed().for_cards()


def listed_profile(*, profile_id: int) -> AdvisorProfile | None:
    """One listed profile, or None if it is not in the catalogue (unvetted, suspended, unpublished, overdue)."""
    return listed_profiles().filter(pk=profile_id).first()


def profile_of(*, person_id: int) -> AdvisorProfile | None:
    """A person's catalogue profile, listed or not (for the engagements app: the advisor side of an engagement)."""
    return AdvisorProfile.objects.select_related("person", "organisation").filter(person_id=person_id).first()


def profile_for_page(queryset: QuerySet[AdvisorProfile]) -> QuerySet[AdvisorProfile]:
    """What the profile page needs, in a fixed number of queries whatever the number of needs."""
    return queryset.select_related("person", "organisation").prefetch_related(
        Prefetch("needs", queryset=Need.objects.select_related("group"))
    )


def _uses_trigram_index() -> bool:
    return connection.vendor == "postgresql"


class WordSimilarity(Func):
    """pg_trgm's word_similarity(form, document): PostgreSQL's own, or advisors.trigrams' on SQLite."""

    function = "word_similarity"
    output_field = FloatField()


def similarity_threshold(form: str) -> float:
    """How similar a word of a profile must be to a query form to match: short forms only match close words
    (a three-letter word shares its first two letters' trigrams with many unrelated words)."""
    if len(form) <= settings.ADVISORS_SEARCH_SHORT_WORD_LENGTH:
        return settings.ADVISORS_SEARCH_SHORT_WORD_SIMILARITY
    return settings.ADVISORS_SEARCH_SIMILARITY


def search_profiles(queryset: QuerySet[AdvisorProfile], query: str) -> QuerySet[AdvisorProfile]:
    """Profiles matching every word of `query` (in any of its prefix-free forms), annotated with `relevance`."""
    return search_by_words(queryset, query)


def search_by_words(queryset: QuerySet, query: str) -> QuerySet:
    """Rows whose `search_text` (a document of advisors.search.search_document) matches every word of `query`
    in any of its prefix-free forms, annotated with `relevance`. The catalogue and the apps above it (the knowledge
    centre) search Hebrew and Arabic the same way.

    Each query word scores 1 when the profile has it as written. Otherwise it matches when one of its forms starts a
    word of the profile (is a whole word, for forms of up to ADVISORS_SEARCH_SHORT_WORD_LENGTH letters), or by
    pg_trgm word similarity above `similarity_threshold` (which forgives full and short spelling, inflections and
    typos), and scores 0.7 × its best similarity. Relevance is the sum. The same query runs on PostgreSQL and on
    SQLite (advisors.trigrams), so both find the same profiles; on PostgreSQL the `%>` operator lets the trigram
    index narrow the rows first (its threshold is the connection's, set in the settings).
    """
    terms = query_terms(query)
    if not terms:
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    scores = []
    for index, forms in enumerate(terms):
        exact = Q(search_text__contains=f" {forms[0]} ")
        matches = Q()
        similarities = []
        for form in forms:
            similarity = WordSimilarity(Value(form), F("search_text"))
            similarities.append(similarity)
            similar = GreaterThanOrEqual(similarity, Value(similarity_threshold(form)))
            if _uses_trigram_index():
                similar = Q(TrigramWordSimilar(F("search_text"), Value(form))) & Q(similar)
            # A short form matches a whole word (with or without its prefix); a longer one also the start of a word.
            end = " " if len(form) <= settings.ADVISORS_SEARCH_SHORT_WORD_LENGTH else ""
            written = Q(search_text__contains=f" {form}{end}") | Q(search_text__contains=f" {STEM_MARK}{form}{end}")
            matches |= written | Q(similar)
        name = f"_word_{index}"
        queryset = queryset.alias(**{name: Greatest(*similarities) if len(similarities) > 1 else similarities[0]})
        queryset = queryset.filter(matches)
        scores.append(Case(When(exact, then=Value(1.0)), default=F(name) * Value(0.7), output_field=FloatField()))
    relevance = scores[0]
    for score in scores[1:]:
        relevance = relevance + score
    return queryset.annotate(relevance=relevance)


SORTS = ("relevance", "rating", "experience", "rate")


def order_profiles(queryset: QuerySet[AdvisorProfile], sort: str) -> QuerySet[AdvisorProfile]:
    """Order by relevance, rating, experience or day rate; ties always fall to the stable hash of the id."""
    queryset = queryset.annotate(tie_break=tie_break())
    rating = F("rating_overall").desc(nulls_last=True)
    if sort == "relevance" and "relevance" in queryset.query.annotations:
        return queryset.order_by(F("relevance").desc(), rating, "tie_break")
    if sort == "experience":
        return queryset.order_by("-completed_engagements", rating, "tie_break")
    if sort == "rate":
        return queryset.order_by("day_rate", "tie_break")
    return queryset.order_by(rating, "-completed_engagements", "tie_break")


def need_groups() -> list[NeedGroup]:
    """The taxonomy, groups with their needs, in two queries."""
    return list(NeedGroup.objects.prefetch_related("needs"))


def catalogue_statistics() -> dict:
    """Listed advisors per need, per region and per need × region, to show the curator where supply is thin.

    Two queries whatever the size of the catalogue.
    """
    rows = list(AdvisorProfile.objects.listed().filter(needs__isnull=False).values_list("pk", "regions", "needs__code"))
    per_need: Counter = Counter()
    per_cell: Counter = Counter()
    for _pk, regions, need_code in rows:
        per_need[need_code] += 1
        for region in split_codes(regions):
            per_cell[(need_code, region)] += 1
    per_region: Counter = Counter()
    total = 0
    for regions in AdvisorProfile.objects.listed().values_list("regions", flat=True):
        total += 1
        for region in split_codes(regions):
            per_region[region] += 1
    return {
        "total": total,
        "per_need": per_need,
        "per_region": per_region,
        "per_cell": per_cell,
        "regions": list(Region),
    }


def organisations_awaiting_vetting() -> QuerySet[AdvisorOrganisation]:
    return AdvisorOrganisation.objects.awaiting_vetting().select_related("applied_by").order_by("applied_at", "pk")


def profiles_awaiting_check() -> QuerySet[AdvisorProfile]:
    """New profiles waiting for a curator's check, oldest first, outside the applications queue (an applied
    organisation's profiles are checked with it)."""
    return (
        AdvisorProfile.objects.awaiting_check()
        .filter(organisation__vetting_state__in=[VettingState.VETTED, VettingState.SUSPENDED])
        .select_related("person", "organisation")
        .order_by("created_at", "pk")
    )


def organisations_by_state(state: str, *, name_contains: str = "") -> QuerySet[AdvisorOrganisation]:
    """Organisations in one vetting state, by name (a part of the name, in any case, narrows them)."""
    organisations = AdvisorOrganisation.objects.filter(vetting_state=state).select_related("vetting_decided_by")
    if name_contains.strip():
        organisations = organisations.filter(name__icontains=name_contains.strip())
    return organisations.order_by("name", "pk")


def latest_decided(state: str, count: int) -> list[AdvisorOrganisation]:
    """The organisations most recently put in this state, newest first."""
    return list(
        AdvisorOrganisation.objects.filter(vetting_state=state)
        .select_related("vetting_decided_by")
        .order_by(F("vetting_decided_at").desc(nulls_last=True), "-pk")[:count]
    )


def organisation_counts_by_state() -> dict[str, int]:
    """How many organisations are in each vetting state (one query)."""
    rows = AdvisorOrganisation.objects.values("vetting_state").annotate(count=Count("pk")).order_by()
    return {row["vetting_state"]: row["count"] for row in rows}


def is_vetted_organisation(*, organisation_id: int) -> bool:
    """For the engagements app: only a vetted organisation's advisors may be engaged."""
    return AdvisorOrganisation.objects.filter(pk=organisation_id, vetting_state=VettingState.VETTED).exists()


# Control mandates: the one rule of who may not advise a cluster because it controls or audits it


def barring_mandates(*, on: date | None = None) -> QuerySet[ControlMandate]:
    """Every mandate that bars its organisation from its cluster on `on` (today by default)."""
    return ControlMandate.objects.barring(on=on)


def barring_mandate(*, organisation_id: int, cluster_id: int, on: date | None = None) -> ControlMandate | None:
    """The mandate that bars this organisation from this cluster on `on` (today by default), or None.

    A mandate bars while it is in force (or recorded to start later) and for COOLING_OFF_MONTHS after it ends.
    Every path that lets an organisation's advisors near a cluster asks this or one of the two scopes below.
    """
    mandates = ControlMandate.objects.barring(on=on).filter(organisation_id=organisation_id, cluster_id=cluster_id)
    return mandates.order_by("ends_on", "pk").first()


def is_barred(*, organisation_id: int, cluster_id: int, on: date | None = None) -> bool:
    """Whether a control or audit mandate bars this organisation's advisors from this cluster on `on`."""
    return ControlMandate.objects.barring(on=on).filter(organisation_id=organisation_id, cluster_id=cluster_id).exists()


def organisations_barred_from(*, cluster_id: int, on: date | None = None) -> QuerySet[AdvisorOrganisation]:
    """The organisations whose advisors a mandate bars from this cluster on `on` (a subquery, not a list)."""
    barring = ControlMandate.objects.barring(on=on).filter(cluster_id=cluster_id)
    return AdvisorOrganisation.objects.filter(pk__in=barring.values("organisation_id"))


def clusters_barred_to(*, organisation_id: int, on: date | None = None) -> QuerySet[Cluster]:
    """The clusters a mandate bars this organisation's advisors from on `on` (a subquery, not a list)."""
    barring = ControlMandate.objects.barring(on=on).filter(organisation_id=organisation_id)
    return Cluster.objects.filter(pk__in=barring.values("cluster_id"))


# Recommendations and shortlists, for the engagements app's recommendations page


def lagging_goal_domains(*, cluster: Cluster) -> list[str]:
    """The ServiceDomain codes of the cluster's goals at risk or off track, sorted (three queries)."""
    return sorted(
        {
            item.goal.service.domain
            for item in goal_progress(cluster=cluster)
            if item.progress.status in (AT_RISK, OFF_TRACK)
        }
    )


def recommendation_defaults(*, cluster: Cluster) -> dict:
    """Where a cluster's recommendations start: its region and the domains of its goals at risk or off track."""
    return {"region": cluster.region, "lagging_domains": lagging_goal_domains(cluster=cluster)}


def shortlists_without_choice(*, cluster_id: int) -> QuerySet[Shortlist]:
    """The cluster's shortlists on which no advisor has been chosen yet, with their need (one query)."""
    return (
        Shortlist.objects.filter(cluster_id=cluster_id)
        .exclude(entries__outcome=Outcome.CHOSEN)
        .select_related("need__group")
        .order_by("created_at", "pk")
    )


def shortlists_of(*, cluster_id: int) -> QuerySet[Shortlist]:
    """Every shortlist of the cluster, newest first, with its need."""
    return Shortlist.objects.filter(cluster_id=cluster_id).select_related("need").order_by("-created_at", "-pk")
