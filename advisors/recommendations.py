"""Recommend advisors for a cluster: a pure, documented ranking.

The apps that know a cluster's open needs (needs not covered by an active engagement) and its lagging goals
(engagements, clusters) sit above or beside this one, so the ranking takes them as input and reads nothing.

Score of a candidate profile:

- 3 points per open need the advisor covers;
- 2 points per lagging goal domain among the advisor's core-service domains;
- 1 point if the advisor serves the cluster's region;
- 1 point if the advisor speaks one of the preferred languages (e.g. Arabic for a cluster of Arab authorities);
- the shown rating (only from ADVISORS_MIN_REVIEWS_SHOWN reviews) adds (rating − 3) / 2, from −1 to +1.

An advisor who covers no open need and no lagging domain is not recommended. Ties are broken by the same
stable hash of the profile id as the catalogue, never by name.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import (
    Case,
    DecimalField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from accounts.counts import count_of
from clusters.reference import Region

from .models import AdvisorProfile, SpokenLanguage
from .selectors import TIE_BREAK_MODULUS, TIE_BREAK_MULTIPLIER, tie_break

NEED_POINTS = 3
DOMAIN_POINTS = 2
REGION_POINTS = 1
LANGUAGE_POINTS = 1


@dataclass
class Recommendation:
    profile: AdvisorProfile
    score: float
    needs_covered: list[str] = field(default_factory=list)
    domains_covered: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def explanation(self) -> str:
        return ", ".join(str(reason) for reason in self.reasons)


def stable_tie_break(profile_id: int) -> int:
    return (profile_id * TIE_BREAK_MULTIPLIER) % TIE_BREAK_MODULUS


def rank_advisors(
    *,
    profiles: Iterable[AdvisorProfile],
    open_needs: Collection[str],
    lagging_domains: Collection[str] = (),
    region: str | None = None,
    languages: Collection[str] = (),
    limit: int | None = 10,
) -> list[Recommendation]:
    """Rank candidate profiles for a cluster, best first, each with a translated explanation.

    `profiles`: the candidates, normally `selectors.listed_profiles()` (needs prefetched, so no query runs here);
    `open_needs`: need codes the cluster still has to cover; `lagging_domains`: ServiceDomain codes of goals that
    lag; `region`: the cluster's Region code; `languages`: preferred SpokenLanguage codes.
    """
    open_needs = set(open_needs)
    lagging_domains = set(lagging_domains)
    languages = set(languages)
    ranked = []
    for profile in profiles:
        needs = [need for need in profile.needs.all() if need.code in open_needs]
        domains = [code for code in profile.domain_codes if code in lagging_domains]
        if not needs and not domains:
            continue
        score = float(NEED_POINTS * len(needs) + DOMAIN_POINTS * len(domains))
        reasons = []
        if needs:
            reasons.append(
                format_lazy(
                    ngettext_lazy(
                        "covers {covered} of your open needs", "covers {covered} of your open needs", len(needs)
                    ),
                    covered=len(needs),
                )
            )
        if domains:
            reasons.append(
                format_lazy(
                    ngettext_lazy(
                        "works in {count} of your lagging domains",
                        "works in {count} of your lagging domains",
                        len(domains),
                    ),
                    count=len(domains),
                )
            )
        if region and region in profile.region_codes:
            score += REGION_POINTS
            reasons.append(format_lazy(_("works in the {region} region"), region=Region(region).label))
        spoken = [code for code in profile.language_codes if code in languages]
        if spoken:
            score += LANGUAGE_POINTS
            reasons.append(
                format_lazy(
                    _("speaks {languages}"),
                    languages=", ".join(str(SpokenLanguage(code).label) for code in sorted(spoken)),
                )
            )
        if profile.shows_ratings and profile.rating_overall is not None:
            score += float((Decimal(profile.rating_overall) - 3) / 2)
            reasons.append(
                format_lazy(
                    ngettext_lazy(
                        "rated {rating} from {count} review",
                        "rated {rating} from {count} reviews",
                        profile.review_count,
                    ),
                    rating=number_format(Decimal(profile.rating_overall).quantize(Decimal("0.1"), ROUND_HALF_UP), 1),
                    count=profile.review_count,
                )
            )
        ranked.append(
            Recommendation(
                profile=profile,
                score=round(score, 4),
                needs_covered=[need.code for need in needs],
                domains_covered=domains,
                reasons=reasons,
            )
        )
    ranked.sort(key=lambda item: (-item.score, stable_tie_break(item.profile.pk)))
    return ranked[:limit] if limit else ranked


def rank_in_database(
    *,
    profiles: QuerySet[AdvisorProfile],
    open_needs: Collection[str],
    lagging_domains: Collection[str] = (),
    region: str | None = None,
    languages: Collection[str] = (),
    limit: int = 10,
) -> list[Recommendation]:
    """The same ranking as `rank_advisors`, with the score computed by the database from the profiles' columns
    (needs, domains, regions, languages, the shown rating), so that only the `limit` best profiles are loaded and
    explained. `profiles` is the candidates' queryset, normally `selectors.listed_profiles()`; one query more than
    loading it, whatever the number of candidates."""
    open_needs, lagging_domains, languages = sorted(set(open_needs)), sorted(set(lagging_domains)), set(languages)
    covered = count_of(
        AdvisorProfile.needs.through.objects.filter(advisorprofile_id=OuterRef("pk"), need__code__in=open_needs)
    )

    def has_code(field_name: str, codes) -> Q:
        condition = Q(pk__in=[])
        for code in codes:
            condition |= Q(**{f"{field_name}__contains": f",{code},"})
        return condition

    def point(condition: Q) -> Case:
        return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())

    domains = sum((point(has_code("domains", [code])) for code in lagging_domains), Value(0))
    rating = Case(
        When(
            Q(review_count__gte=settings.ADVISORS_MIN_REVIEWS_SHOWN, rating_overall__isnull=False),
            then=(F("rating_overall") - Value(Decimal(3))) / Value(Decimal(2)),
        ),
        default=Value(Decimal(0)),
        output_field=DecimalField(max_digits=6, decimal_places=3),
    )
    region_point = point(has_code("regions", [region])) if region else Value(0)
    language_point = point(has_code("languages", languages)) if languages else Value(0)
    best = (
        profiles.select_related(None)
        .prefetch_related(None)
        .annotate(need_count=covered, domain_count=domains)
        .filter(Q(need_count__gt=0) | Q(domain_count__gt=0))
        .annotate(
            score=ExpressionWrapper(
                Value(NEED_POINTS) * F("need_count")
                + Value(DOMAIN_POINTS) * F("domain_count")
                + region_point * Value(REGION_POINTS)
                + language_point * Value(LANGUAGE_POINTS)
                + rating,
                output_field=DecimalField(max_digits=8, decimal_places=3),
            ),
            tie=tie_break(),
        )
        .order_by("-score", "tie")
        .values_list("pk", flat=True)[:limit]
    )
    return rank_advisors(
        profiles=profiles.filter(pk__in=list(best)),
        open_needs=open_needs,
        lagging_domains=lagging_domains,
        region=region,
        languages=languages,
        limit=limit,
    )
