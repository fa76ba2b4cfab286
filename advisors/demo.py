"""Demo advisor organisations, their people and catalogue profiles. Safe to run again."""

from django.utils import timezone

from accounts import services
from accounts.demo import demo_password_hash, demo_user
from accounts.models import User
from accounts.roles import Role

from . import services as advisor_services
from .models import AdvisorOrganisation, Need, OrganisationKind, RelationshipModel, VettingState

ORGANISATIONS = [
    # name, kind, relationship model, email, state, reason
    (
        'ייעוץ אזורי בע"מ',
        OrganisationKind.CONSULTING_FIRM,
        RelationshipModel.SUPPLIER,
        "office@ezori.demo.test",
        "vetted",
    ),
    (
        "מכון השותפות האזורית",
        OrganisationKind.PARTNER_INSTITUTE,
        RelationshipModel.PARTNER,
        "info@shutafut.demo.test",
        "vetted",
    ),
    ("מרכז הגליל לפיתוח מוניציפלי", OrganisationKind.NGO, RelationshipModel.SUPPLIER, "info@galil.demo.test", "vetted"),
    (
        "המכללה האקדמית לשלטון מקומי",
        OrganisationKind.ACADEMIC,
        RelationshipModel.SUPPLIER,
        "unit@academy.demo.test",
        "vetted",
    ),
    ("נתיב ייעוץ עצמאי", OrganisationKind.SOLE_TRADER, RelationshipModel.SUPPLIER, "hello@nativ.demo.test", "applied"),
    (
        'פתרונות מהירים בע"מ',
        OrganisationKind.CONSULTING_FIRM,
        RelationshipModel.SUPPLIER,
        "ceo@mahir.demo.test",
        "suspended",
    ),
]

# email, full name, organisation index, needs, domains, regions, languages, orientation, rate, days, bios, reviews
PROFILES = [
    (
        "advisor@demo.test",
        "נועה ברק",
        0,
        ["management.workplan_budget", "management.focus_quick_wins", "core.shared_service_delivery"],
        ["waste", "procurement"],
        ["north", "haifa"],
        ["he", "en"],
        "hands_on",
        3200,
        8,
        (
            "מלווה אשכולות בצפון בבניית תוכניות עבודה ותקציב, ובהקמת שירות פינוי פסולת משותף לרשויות.",
            "",
            "Helps clusters in the North build work plans and budgets and set up shared waste collection.",
        ),
        [0, 0, 1, 3, 4],
    ),
    (
        "advisor2@demo.test",
        "רים עודה",
        1,
        ["partnership.dialogue", "partnership.heads_cooperation", "partnership.forums"],
        ["welfare", "education"],
        ["north", "haifa", "center"],
        ["ar", "he"],
        "supportive",
        2800,
        10,
        (
            "מנחה פורומים אזוריים ובונה הסכמות בין ראשי רשויות יהודיות וערביות.",
            "تيسّر المنتديات الإقليمية وتبني التوافق بين رؤساء السلطات المحلية العربية واليهودية.",
            "",
        ),
        [0, 0, 0, 2, 5],
    ),
    (
        "demo.advisor3@demo.test",
        "יוסי אלמוג",
        0,
        ["strategy.economic_feasibility", "strategy.revenue_projects"],
        ["tourism", "economic_development"],
        ["south"],
        ["he"],
        "both",
        4200,
        6,
        (
            "כלכלן. בדיקות היתכנות לפרויקטים מחוללי הכנסה: אזורי תעשייה משותפים ותיירות בנגב.",
            "",
            "Economist: feasibility studies for revenue-generating projects, joint industrial zones and tourism.",
        ),
        [0, 1, 1, 2, 1],
    ),
    (
        "demo.advisor4@demo.test",
        "سناء مصالحة",
        2,
        ["core.domain_expertise", "core.shared_service_delivery"],
        ["environment", "veterinary"],
        ["north"],
        ["ar", "he"],
        "hands_on",
        2600,
        12,
        (
            "מומחית לאיכות סביבה ולשירותים וטרינריים משותפים ברשויות הערביות בגליל.",
            "خبيرة في جودة البيئة والخدمات البيطرية المشتركة في السلطات المحلية العربية في الجليل.",
            "",
        ),
        [0, 0, 0, 1, 2],
    ),
    (
        "demo.advisor5@demo.test",
        "אבי שושן",
        3,
        ["management.coaching", "management.presentation"],
        [],
        ["center", "tel_aviv", "jerusalem"],
        ["he", "en"],
        "supportive",
        3800,
        4,
        (
            'מאמן מנהלים ותיק, מלווה מנכ"לים חדשים באשכולות בשנה הראשונה.',
            "",
            "Executive coach for new cluster CEOs in their first year.",
        ),
        None,
    ),
    (
        "demo.advisor6@demo.test",
        "מוחמד אבו ריא",
        2,
        ["resources.fundraising", "government.ministry_relations"],
        ["welfare"],
        ["north", "haifa"],
        ["ar", "he", "en"],
        "both",
        3000,
        8,
        (
            "",
            "مستشار لتجنيد الموارد من الصناديق والوزارات الحكومية، وبناء العلاقات مع مكاتب الوزارات.",
            "Fundraising from foundations and government calls; building working relations with ministries.",
        ),
        [0, 0, 1, 1, 1],
    ),
    (
        "demo.advisor7@demo.test",
        "שירה גולן",
        1,
        ["other.knowledge_center", "partnership.forums"],
        ["education", "special_education"],
        ["south", "jerusalem"],
        ["he"],
        "supportive",
        2900,
        5,
        ("מפתחת ידע על מודלים של אזוריות ומלווה פורומים של מנהלי חינוך מיוחד.", "", ""),
        None,
    ),
    (
        "demo.advisor8@demo.test",
        "דניאל פרידמן",
        0,
        ["other.it_systems", "core.shared_service_delivery"],
        ["digital_services"],
        ["center", "tel_aviv", "haifa"],
        ["he", "en", "ru"],
        "hands_on",
        3500,
        10,
        (
            "מטמיע מערכות מידע לניהול אשכולות ושירותים דיגיטליים לתושבים.",
            "",
            "Implements information systems for running clusters and digital services for residents.",
        ),
        [0, 0, 2, 2, 0],
    ),
    (
        "demo.advisor9@demo.test",
        "هبة زعبي",
        2,
        ["other.media", "management.presentation"],
        [],
        ["north"],
        ["ar", "he"],
        "hands_on",
        2200,
        8,
        ("יועצת תקשורת ודוברות לאשכולות ולרשויות.", "مستشارة إعلام وناطقة رسمية للعناقيد والسلطات المحلية.", ""),
        None,
    ),
    (
        "demo.advisor10@demo.test",
        "רונית בן דוד",
        3,
        ["management.workplan_budget", "strategy.economic_feasibility"],
        ["transport", "energy"],
        ["south", "judea_samaria"],
        ["he"],
        "both",
        3600,
        6,
        (
            "חוקרת במכללה; תכנון תחבורה ציבורית אזורית ופרויקטים של אנרגיה מתחדשת.",
            "",
            "Researcher: regional public transport planning and renewable energy projects.",
        ),
        [0, 0, 0, 3, 1],
    ),
    (
        "demo.advisor11@demo.test",
        "עמרי כץ",
        3,
        ["core.domain_expertise"],
        ["emergency"],
        ["north", "south"],
        ["he"],
        "hands_on",
        3300,
        7,
        ("מומחה להיערכות לחירום ברשויות מקומיות ובאשכולות, כולל תרגילים משותפים.", "", ""),
        None,
    ),
    (
        "demo.advisor12@demo.test",
        "Lior Amsalem",
        1,
        ["partnership.dialogue", "management.focus_quick_wins"],
        ["sport", "welfare"],
        ["haifa"],
        ["en", "he", "fr"],
        "supportive",
        2700,
        9,
        ("", "", "Facilitator of trust-building processes between authorities; finds quick, visible wins."),
        None,
    ),
    (
        "demo.advisor13@demo.test",
        "איילת נחום",
        4,
        ["management.coaching"],
        [],
        ["center"],
        ["he"],
        "supportive",
        2500,
        6,
        ("מאמנת עצמאית לשיפור מיומנויות ניהול.", "", ""),
        None,
    ),
    (
        "demo.advisor14@demo.test",
        "גיל מהיר",
        5,
        ["management.focus_quick_wins"],
        ["procurement"],
        ["center"],
        ["he"],
        "hands_on",
        5000,
        15,
        ("ייעוץ לרכש משותף ולחיסכון מהיר בעלויות.", "", ""),
        None,
    ),
    (
        "demo.advisor15@demo.test",
        "ליאן חאג'",
        2,
        ["partnership.heads_cooperation", "government.ministry_relations"],
        ["economic_development"],
        ["north", "haifa"],
        ["ar", "he"],
        "both",
        3100,
        8,
        (
            "מלווה שיתופי פעולה בין ראשי רשויות באשכולות מורכבים.",
            "ترافق التعاون بين رؤساء السلطات في العناقيد المركّبة ومع الوزارات الحكومية.",
            "",
        ),
        [0, 0, 0, 0, 3],
    ),
]


def _person(email: str, full_name: str) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    if created:
        user.password = demo_password_hash()
        user.save(update_fields=["password"])
    return user


def seed(*, stdout) -> None:
    curator = demo_user("curator@demo.test")
    organisations = []
    for name, kind, model, email, state in ORGANISATIONS:
        organisation, _ = AdvisorOrganisation.objects.get_or_create(name=name)
        AdvisorOrganisation.objects.filter(pk=organisation.pk).update(
            kind=kind, relationship_model=model, contact_email=email
        )
        if organisation.vetting_state == VettingState.APPLIED and state != "applied":
            # Seeded directly rather than through the vetting services, so seeding sends no email.
            AdvisorOrganisation.objects.filter(pk=organisation.pk).update(
                vetting_state=state,
                vetting_decided_by=curator,
                vetting_decided_at=timezone.now(),
                vetting_reason="תלונה על ניגוד עניינים נבדקת" if state == "suspended" else "",
            )
        organisation.refresh_from_db()
        organisations.append(organisation)
    firm, institute = organisations[0], organisations[1]
    services.grant_role(user=demo_user("advisor@demo.test"), role=Role.ADVISOR, scope=firm)
    services.grant_role(user=demo_user("orgmanager@demo.test"), role=Role.ORGANISATION_MANAGER, scope=firm)
    services.grant_role(user=demo_user("advisor2@demo.test"), role=Role.ADVISOR, scope=institute)
    needs = {need.code: need for need in Need.objects.all()}
    for row in PROFILES:
        email, name, index, need_codes, domains, regions, languages, orientation, rate, days, bios, stars = row
        person = _person(email, name)
        organisation = organisations[index]
        services.grant_role(user=person, role=Role.ADVISOR, scope=organisation)
        profile = advisor_services.save_profile(
            person=person,
            organisation=organisation,
            needs=[needs[code] for code in need_codes],
            domains=domains,
            regions=regions,
            languages=languages,
            orientation=orientation,
            day_rate=rate,
            days_per_month=days,
            bio_he=bios[0],
            bio_ar=bios[1],
            bio_en=bios[2],
        )
        if profile.is_awaiting_check:
            advisor_services.check_profile(profile=profile, checked_by=curator)
        if stars:
            advisor_services.update_track_record(
                profile_id=profile.pk,
                completed_engagements=sum(stars),
                rating_distributions={
                    dimension: stars for dimension in ("expertise", "responsiveness", "goals", "value")
                },
                needs_served={need_codes[0]: sum(stars)},
            )
    stdout.write(f"advisors: {AdvisorOrganisation.objects.count()} organisations, {len(PROFILES)} profiles")
