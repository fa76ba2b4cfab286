"""Demo content of the national cluster: playbook pages, knowledge items, calls and an application. Idempotent."""

from datetime import timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from advisors.models import Need
from clusters.models import Cluster, Goal

from .models import Call, KnowledgeItem, Ministry
from .services import calls as call_services
from .services import knowledge as knowledge_services
from .services import playbook as playbook_services

PAGES = {
    "interior": {
        "funds": "מימון הקמה ותפעול של אשכולות אזוריים דרך מינהלת האשכולות; תנאי להמשך התמיכה: שירות ליבה אחד עד "
        "שניים פעילים. מאשר תקנון והקמת תאגיד.",
        "procedures": "בקשת תמיכה שנתית בטופס המינהלת, עם תכנית עבודה שאושרה במליאה ודיווח רבעוני על היעדים.",
        "contacts": "רפרנט האשכולות במחוז; מינהלת האשכולות במטה (רכז/ת תקציב); הממונה על המחוז.",
        "timelines": "אישור תכנית עבודה: כחודשיים מההגשה. העברת תקציב: בתחילת כל רבעון לאחר קבלת הדיווח.",
        "pitfalls": "דיווח רבעוני שמוגש באיחור מעכב את העברת התקציב; תכנית שלא אושרה במליאה מוחזרת.",
    },
    "environment": {
        "funds": "קולות קוראים לפסולת ומחזור, לתשתיות טיפול בפסולת ולחינוך סביבתי; מסדיר את חובות הרשויות לפי "
        "חוק האריזות וחוק איסוף ופינוי פסולת למחזור.",
        "procedures": "הגשה במערכת המקוונת של המשרד עם תכנית אזורית ואישור מליאה על מימון תואם.",
        "contacts": "מנהל/ת אגף פסולת במחוז; רכז/ת קולות קוראים במטה.",
        "timelines": "הודעה על זכייה: שלושה עד ארבעה חודשים מהמועד האחרון.",
        "pitfalls": "מימון תואם שלא הובטח בהחלטת מליאה פוסל את הבקשה; יש לצרף הסכם שירות בין הרשויות.",
    },
    "finance": {
        "funds": "אגף התקציבים מאשר את מסגרת התמיכה; החשב הכללי מסדיר התקשרויות ורכש משותף.",
        "procedures": "בקשות לשינוי תקציבי עוברות דרך משרד הפנים.",
        "contacts": "רפרנט/ית הפנים באגף התקציבים.",
        "timelines": "לפי לוח הזמנים של הכנת התקציב השנתי.",
        "pitfalls": "",
    },
    "welfare": {
        "funds": "מימון שירותי רווחה אזוריים (למשל מרכזי משפחה ושירותים לאנשים עם מוגבלות) במימון תואם.",
        "procedures": "תיאום עם המחוז לפני פנייה; הסכם בין הרשויות על חלוקת העלות.",
        "contacts": "מפקח/ת מחוזי/ת לשירותים חברתיים.",
        "timelines": "שנת תקציב אחת לפחות מהפנייה עד הפעלה.",
        "pitfalls": "עובדים סוציאליים מועסקים ברשויות: יש להגדיר מראש מי המעסיק בשירות האזורי.",
    },
}


def _item(*, editor, title, summary, kind="article", subkind="", language="he", needs=(), domains=(), ministries=()):
    existing = KnowledgeItem.objects.filter(title=title).first()
    if existing is not None:
        return existing
    item = knowledge_services.create_item(
        author=editor,
        kind=kind,
        subkind=subkind,
        title=title,
        summary=summary,
        body="",
        link="",
        language=language,
        translation_of=None,
        needs=list(Need.objects.filter(code__in=needs)),
        domains=list(domains),
        ministries=list(Ministry.objects.filter(slug__in=ministries)),
    )
    knowledge_services.submit_item(item=item, submitted_by=editor)
    knowledge_services.publish_item(item=item, published_by=editor)
    return item


@transaction.atomic
def seed(*, stdout) -> None:
    editor = User.objects.filter(email="editor@demo.test").first()
    ceo = User.objects.filter(email="ceo@demo.test").first()
    if editor is None or not editor.has_role(Role.KNOWLEDGE_EDITOR):
        stdout.write("network: no demo editor, nothing seeded")
        return
    today = timezone.localdate()
    for slug, sections in PAGES.items():
        ministry = Ministry.objects.get(slug=slug)
        if not ministry.versions.exists():
            playbook_services.publish_version(ministry=ministry, edited_by=editor, **sections)
    # One page last reviewed seven months ago, so the editors' desk shows it as due.
    Ministry.objects.filter(slug="finance").update(last_reviewed_on=today - relativedelta(months=7))

    waste = _item(
        editor=editor,
        title="הקמת שירות פסולת אזורי: מדריך מעשי",
        summary="השלבים להקמת שירות איסוף ומחזור משותף לרשויות האשכול, מההחלטה במליאה ועד המכרז.",
        needs=["core.shared_service_delivery"],
        domains=["waste"],
        ministries=["environment"],
    )
    _item(
        editor=editor,
        title="إنشاء خدمة إقليمية للنفايات: دليل عملي",
        summary="خطوات إنشاء خدمة مشتركة لجمع النفايات وتدويرها في سلطات العنقود.",
        language="ar",
        needs=["core.shared_service_delivery"],
        domains=["waste"],
        ministries=["environment"],
    )
    KnowledgeItem.objects.filter(language="ar", translation_of__isnull=True, title__startswith="إنشاء").update(
        translation_of=waste
    )
    _item(
        editor=editor,
        title="נוסח החלטת מליאה להקמת שירות משותף",
        summary="תבנית להחלטת מליאת האשכול על הקמת שירות, חלוקת העלות ומימון תואם לקול קורא.",
        kind="template",
        subkind="board_resolution",
        needs=["management.workplan_budget"],
        domains=["waste", "welfare"],
        ministries=["interior"],
    )
    _item(
        editor=editor,
        title="הסכם שירות בין רשויות",
        summary="תבנית להסכם בין הרשויות החברות על מתן שירות אזורי: היקף, עלויות, ניהול ויציאה.",
        kind="template",
        subkind="service_agreement",
        needs=["core.shared_service_delivery"],
        domains=["procurement"],
    )
    _item(
        editor=editor,
        title="החלטת ממשלה על הקמת אשכולות אזוריים",
        summary="ההחלטה שקבעה את מודל האשכולות, את תנאי התמיכה ואת תפקידי משרדי הממשלה.",
        kind="source",
        subkind="government_decision",
        needs=["government.ministry_relations"],
        ministries=["interior", "finance"],
    )
    _item(
        editor=editor,
        title="Regional cooperation between local authorities: a review of the research",
        summary="What studies in Israel and abroad found about shared services, savings and the gaps between "
        "strong and weak authorities.",
        kind="source",
        subkind="study",
        language="en",
        needs=["strategy.economic_feasibility"],
        domains=["economic_development"],
    )
    cluster = Cluster.objects.filter(pk__in=ceo.scope_ids(Role.CLUSTER_CEO)).first() if ceo else None
    if cluster is not None and not KnowledgeItem.objects.filter(kind="case_study", cluster=cluster).exists():
        knowledge_services.propose_case(
            cluster=cluster,
            author=ceo,
            title="מה למדנו מהקמת השירות הווטרינרי האזורי",
            summary="שלוש שנים של שירות וטרינרי משותף: איך חילקנו את העלות ומה היינו עושים אחרת.",
            body="",
            link="",
            language="he",
            needs=list(Need.objects.filter(code="core.shared_service_delivery")),
            domains=["veterinary"],
            ministries=[],
        )
    if cluster is not None and not Call.objects.exists():
        domains = sorted({service.domain for service in cluster.services.all()}) or ["waste"]
        main = call_services.create_call(
            created_by=editor,
            title="קול קורא לשירותים אזוריים בתחומי הליבה",
            funder="משרד הפנים — מינהלת האשכולות",
            ministry=Ministry.objects.get(slug="interior"),
            description="תמיכה בהקמה והרחבה של שירותי ליבה אזוריים באשכולות פועלים.",
            link="",
            deadline=today + timedelta(days=45),
            amount=Decimal("1500000"),
            matching_share=Decimal("20"),
            regions=[cluster.region] if cluster.region else [],
            stages=[],
            authority_kinds=[],
            domains=domains,
            needs=list(Need.objects.filter(code__in=["core.shared_service_delivery", "management.workplan_budget"])),
            is_posted=True,
        )
        call_services.create_call(
            created_by=editor,
            title="קול קורא לפסולת ומחזור ברשויות בפריפריה",
            funder="המשרד להגנת הסביבה",
            ministry=Ministry.objects.get(slug="environment"),
            description="מימון תשתיות מחזור לרשויות באשכולות פריפריאליים.",
            link="",
            deadline=today + timedelta(days=10),
            amount=Decimal("800000"),
            matching_share=Decimal("30"),
            peripherality_max=5,
            domains=["waste"],
            needs=[],
            is_posted=True,
        )
        call_services.create_call(
            created_by=editor,
            title="תכנית לתיירות אזורית בנגב",
            funder="המשרד לפיתוח הפריפריה, הנגב והגליל",
            ministry=Ministry.objects.get(slug="periphery"),
            description="",
            link="",
            deadline=today + timedelta(days=60),
            amount=Decimal("400000"),
            matching_share=Decimal("25"),
            regions=["south"],
            domains=["tourism"],
            needs=list(Need.objects.filter(code="strategy.revenue_projects")),
            is_posted=True,
        )
        goals = list(Goal.objects.filter(service__cluster=cluster).select_related("service")[:1])
        try:
            call_services.record_application(
                call=main, cluster=cluster, recorded_by=ceo, amount_requested=Decimal("600000"), goals=goals
            )
        except Exception as error:  # noqa: BLE001 — a demo cluster that does not fit the call simply has none
            stdout.write(f"network: no demo application ({error})")
    stdout.write(
        f"network: {KnowledgeItem.objects.count()} knowledge items, {Call.objects.count()} calls, "
        f"{Ministry.objects.filter(versions__isnull=False).distinct().count()} playbook pages"
    )
