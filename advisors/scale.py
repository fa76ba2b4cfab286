"""Synthetic advisor organisations and profiles at scale, and the clusters' shortlists. See accounts/scale.py."""

from dateutil.relativedelta import relativedelta

from accounts.models import User
from accounts.roles import Role
from accounts.scale import ScaleContext, create_people, grant_roles, person_name
from clusters.reference import Region, ServiceDomain

from .models import (
    AdvisorOrganisation,
    AdvisorProfile,
    Need,
    OrganisationKind,
    Orientation,
    RelationshipModel,
    Shortlist,
    ShortlistEntry,
    VettingState,
    join_codes,
)
from .search import search_document

ORGANISATIONS_PER_UNIT = 40
ADVISORS_PER_ORGANISATION = 10
SHORTLISTS_PER_CLUSTER = 2

ORGANISATION_WORDS = ["ייעוץ", "פיתוח", "תכנון", "ניהול", "קהילה", "אסטרטגיה", "שותפות", "מרחב"]
TOPICS_HE = [
    "תוכניות עבודה ותקציב",
    "פינוי פסולת ומחזור",
    "רכש משותף ומכרזים",
    "שירותי רווחה",
    "היערכות לחירום",
    "חינוך והשכלה",
    "תיירות אזורית",
    "תחבורה ציבורית",
    "פיתוח כלכלי",
    "ניתוח נתונים",
    "הנחיית פורומים",
    "בניית הסכמות בין רשויות",
]
TOPICS_AR = ["خطط العمل والميزانية", "إدارة النفايات", "الخدمات الاجتماعية", "التخطيط الإقليمي", "تيسير المنتديات"]
TOPICS_EN = ["work plans and budgets", "waste collection", "joint procurement", "welfare services", "data analysis"]


def _bio(rng, topics: list[str], template: str) -> str:
    chosen = rng.sample(topics, 2)
    return template.format(first=chosen[0], second=chosen[1])


def seed(ctx: ScaleContext) -> None:
    rng, now = ctx.rng, ctx.now
    needs = list(Need.objects.order_by("code"))
    organisations = []
    for number in range(1, ctx.count(ORGANISATIONS_PER_UNIT) + 1):
        state = rng.choices([VettingState.VETTED, VettingState.APPLIED, VettingState.SUSPENDED], weights=[90, 6, 4])[0]
        kind = rng.choice(OrganisationKind.values)
        organisations.append(
            AdvisorOrganisation(
                name=f"{rng.choice(ORGANISATION_WORDS)} {rng.choice(ORGANISATION_WORDS)} {number:04d}",
                kind=kind,
                relationship_model=RelationshipModel.PARTNER
                if kind == OrganisationKind.PARTNER_INSTITUTE
                else RelationshipModel.SUPPLIER,
                contact_email=f"office.{number:04d}@org.scale.test",
                vetting_state=state,
                applied_at=now - relativedelta(days=rng.randint(30, 1200)),
                vetting_decided_at=None
                if state == VettingState.APPLIED
                else now - relativedelta(days=rng.randint(1, 29)),
                vetting_reason="" if state != VettingState.SUSPENDED else "השעיה לבדיקת עומסים",
            )
        )
    ctx.bulk(AdvisorOrganisation, organisations)

    people = []
    for organisation in organisations:
        number = organisation.name[-4:]
        people.append((f"manager.{number}", person_name(ctx.rng), "he"))
        people.extend(
            (f"advisor.{number}.{seat:02d}", person_name(ctx.rng), rng.choice(["he", "he", "ar", "en"]))
            for seat in range(1, ADVISORS_PER_ORGANISATION + 1)
        )
    users = create_people(ctx, people)
    per_organisation = ADVISORS_PER_ORGANISATION + 1
    grants, profiles, needs_of = [], [], []
    progress = ctx.progress("advisors", len(organisations) * ADVISORS_PER_ORGANISATION)
    starts_on = ctx.today - relativedelta(years=3, months=6)
    # A curator of the demo data checked most profiles; the rest wait for a check and are not listed yet.
    curator = User.objects.filter(role_assignments__role=Role.CURATOR).order_by("pk").first()
    for index, organisation in enumerate(organisations):
        manager, *advisors = users[per_organisation * index : per_organisation * (index + 1)]
        grants.append((manager, Role.ORGANISATION_MANAGER, organisation))
        for person in advisors:
            grants.append((person, Role.ADVISOR, organisation))
            bio_he = _bio(rng, TOPICS_HE, "מלווה אשכולות ורשויות ב{first} וב{second}.")
            bio_ar = _bio(rng, TOPICS_AR, "يرافق العناقيد في {first} و{second}.") if rng.random() < 0.3 else ""
            bio_en = _bio(rng, TOPICS_EN, "Supports clusters in {first} and {second}.") if rng.random() < 0.5 else ""
            headline = rng.choice(TOPICS_HE)
            # Most profiles were confirmed recently; a few are overdue and have left the catalogue.
            confirmed = now - relativedelta(days=rng.randint(1, 170) if rng.random() < 0.95 else rng.randint(190, 400))
            checked = confirmed - relativedelta(days=rng.randint(0, 30)) if rng.random() < 0.97 else None
            profiles.append(
                AdvisorProfile(
                    person=person,
                    organisation=organisation,
                    headline=headline,
                    bio_he=bio_he,
                    bio_ar=bio_ar,
                    bio_en=bio_en,
                    domains=join_codes(rng.sample(ServiceDomain.values, rng.randint(1, 3))),
                    regions=join_codes(rng.sample(Region.values, rng.randint(1, 3))),
                    languages=join_codes(["he", *rng.sample(["ar", "en", "ru", "am", "fr"], rng.randint(0, 2))]),
                    orientation=rng.choice(Orientation.values),
                    day_rate=rng.randrange(1600, 5200, 100),
                    days_per_month=rng.randint(2, 20),
                    is_published=rng.random() < 0.92,
                    last_confirmed_at=confirmed,
                    checked_at=checked,
                    checked_by=curator if checked else None,
                    search_text=search_document(person.full_name, organisation.name, headline, bio_he, bio_ar, bio_en),
                )
            )
            needs_of.append(rng.sample(needs, rng.randint(2, 6)))
    grant_roles(ctx, grants, starts_on=starts_on)
    ctx.bulk(AdvisorProfile, profiles, progress=progress)
    through = AdvisorProfile.needs.through
    ctx.bulk(
        through,
        [
            through(advisorprofile_id=profile.pk, need_id=need.pk)
            for profile, chosen in zip(profiles, needs_of, strict=True)
            for need in chosen
        ],
    )
    progress.finish(f"{len(organisations)} organisations, {len(profiles)} profiles")

    vetted = {o.pk for o in organisations if o.vetting_state == VettingState.VETTED}
    engageable = [p for p in profiles if p.organisation_id in vetted]
    for profile, chosen in zip(profiles, needs_of, strict=True):
        profile.scale_needs = chosen

    # Each cluster's CEO keeps shortlists for needs on which no advisor has been chosen yet (its open needs).
    shortlists, candidates = [], []
    for cluster in ctx.data["clusters"]:
        ceo = ctx.data["ceos"].get(cluster.pk)
        if ceo is None:
            continue
        for need in rng.sample(needs, SHORTLISTS_PER_CLUSTER):
            shortlists.append(Shortlist(cluster=cluster, need=need, title=need.label_he, created_by=ceo))
            candidates.append(rng.sample(engageable, 3))
    ctx.bulk(Shortlist, shortlists)
    ctx.bulk(
        ShortlistEntry,
        [
            ShortlistEntry(shortlist=shortlist, profile=profile)
            for shortlist, chosen in zip(shortlists, candidates, strict=True)
            for profile in chosen
        ],
    )
    ctx.data.update(profiles=engageable, needs=needs)
