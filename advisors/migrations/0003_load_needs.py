"""The needs taxonomy: 7 groups and 16 needs (data/needs.json), with Arabic labels written for the platform.

The taxonomy is copied here rather than read from the file, so this migration gives the same result forever.
"""

from django.db import migrations

TAXONOMY = [{'code': 'core',
  'he': 'תחומי ליבה מוניציפליים',
  'ar': 'الخدمات البلدية الأساسية',
  'en': 'Core municipal services',
  'needs': [{'code': 'core.domain_expertise',
             'he': 'מומחיות בתחומי ליבה ספציפיים (איכות סביבה, שפ"ע, וטרינריה)',
             'ar': 'خبرة مهنية في مجال أساسي محدد (جودة البيئة، النظافة والأماكن العامة، الخدمات البيطرية)',
             'en': 'Subject expertise in a specific core domain (environment, sanitation and public spaces, '
                   'veterinary services)'},
            {'code': 'core.shared_service_delivery',
             'he': 'ניהול והוצאה לפועל של תכניות לשירותי ליבה משותפים',
             'ar': 'إدارة وتنفيذ برامج الخدمات الأساسية المشتركة',
             'en': 'Managing and delivering shared core-service programmes'}]},
 {'code': 'management',
  'he': 'ניהול',
  'ar': 'الإدارة',
  'en': 'Management',
  'needs': [{'code': 'management.focus_quick_wins',
             'he': 'מיקוד המאמץ ואיתור הצלחות מהירות ונראות',
             'ar': 'تركيز الجهود وتحديد النجاحات السريعة والمرئية',
             'en': 'Focusing effort: diagnosing where quick, visible wins are'},
            {'code': 'management.workplan_budget',
             'he': 'בניית תכניות עבודה ותקציב',
             'ar': 'إعداد خطط العمل والميزانيات',
             'en': 'Building work plans and budgets'},
            {'code': 'management.coaching',
             'he': 'ליווי אישי במיומנויות ניהול (coaching)',
             'ar': 'مرافقة شخصية في مهارات الإدارة (كوتشينغ)',
             'en': 'Personal management coaching'},
            {'code': 'management.presentation',
             'he': 'מיומנויות פרזנטציה, שכנוע ורתימה',
             'ar': 'مهارات العرض والإقناع والتجنيد',
             'en': 'Presentation, persuasion and mobilisation skills'}]},
 {'code': 'government',
  'he': 'קשר עם משרדי ממשלה',
  'ar': 'العلاقات مع الوزارات الحكومية',
  'en': 'Government relations',
  'needs': [{'code': 'government.ministry_relations',
             'he': 'יצירת קשרים, רתימה ושיתופי פעולה עם גורמי מפתח במשרדי הממשלה',
             'ar': 'بناء العلاقات والتعاون مع الجهات الرئيسية في الوزارات الحكومية وتجنيدها',
             'en': 'Building working relations and cooperation with key people in government ministries'}]},
 {'code': 'strategy',
  'he': 'אסטרטגיה',
  'ar': 'الاستراتيجية',
  'en': 'Strategy',
  'needs': [{'code': 'strategy.economic_feasibility',
             'he': 'ייעוץ כלכלי להיתכנות, תכנון ומימוש תכניות אזוריות',
             'ar': 'استشارة اقتصادية لجدوى الخطط الإقليمية وتخطيطها وتنفيذها',
             'en': 'Economic advice on feasibility, planning and delivery of regional plans'},
            {'code': 'strategy.revenue_projects',
             'he': 'ייעוץ מקצועי לפרויקטים מחוללי הכנסה (תיירות, תעשייה)',
             'ar': 'استشارة مهنية للمشاريع المدرّة للدخل (السياحة، الصناعة)',
             'en': 'Professional advice for revenue-generating projects (tourism, industry)'}]},
 {'code': 'partnership',
  'he': 'רתימה ושיתוף של שותפי האשכול',
  'ar': 'إشراك شركاء العنقود',
  'en': "Engaging the cluster's partners",
  'needs': [{'code': 'partnership.dialogue',
             'he': 'קידום דיאלוג שיתופי, ערוצי תקשורת, פתרון קונפליקטים ובניית אמון והסכמות אזוריות',
             'ar': 'تعزيز الحوار التشاركي وقنوات التواصل وحل النزاعات وبناء الثقة والتوافق الإقليمي',
             'en': 'Collaborative dialogue, communication channels, conflict resolution, trust and regional '
                   'consensus'},
            {'code': 'partnership.heads_cooperation',
             'he': 'השגת שיתוף פעולה של ראשי רשויות באשכול מורכב',
             'ar': 'تحقيق التعاون بين رؤساء السلطات المحلية في عنقود مركّب',
             'en': 'Winning the cooperation of authority heads in a complex cluster'},
            {'code': 'partnership.forums',
             'he': 'ניהול והנחיית פורומים נושאיים אזוריים',
             'ar': 'إدارة المنتديات الإقليمية المواضيعية وتيسيرها',
             'en': 'Running and facilitating thematic regional forums'}]},
 {'code': 'resources',
  'he': 'גיוס משאבים',
  'ar': 'تجنيد الموارد',
  'en': 'Resource mobilisation',
  'needs': [{'code': 'resources.fundraising',
             'he': 'ייעוץ לגיוס משאבים (תורמים, קרנות, קולות קוראים)',
             'ar': 'استشارة في تجنيد الموارد (متبرعون، صناديق، دعوات حكومية لتقديم مقترحات)',
             'en': 'Fundraising advice (donors, foundations, government calls for proposals)'}]},
 {'code': 'other',
  'he': 'תחומים אחרים',
  'ar': 'مجالات أخرى',
  'en': 'Other',
  'needs': [{'code': 'other.media',
             'he': 'ייעוץ תקשורתי ודוברות',
             'ar': 'استشارة إعلامية وناطق رسمي',
             'en': 'Media and spokesperson advice'},
            {'code': 'other.it_systems',
             'he': 'ייעוץ מחשובי בתוכנות לניהול אשכולות',
             'ar': 'استشارة حوسبة في برمجيات إدارة العناقيد',
             'en': 'IT advice on software for running a cluster'},
            {'code': 'other.knowledge_center',
             'he': 'פיתוח מרכז ידע למודלים של אזוריות',
             'ar': 'تطوير مركز معرفة لنماذج العمل الإقليمي',
             'en': 'Building a knowledge centre on models of regionalism'}]}]


def load_needs(apps, schema_editor):
    NeedGroup = apps.get_model("advisors", "NeedGroup")
    Need = apps.get_model("advisors", "Need")
    for group_position, group in enumerate(TAXONOMY):
        group_row, _ = NeedGroup.objects.update_or_create(
            code=group["code"],
            defaults={
                "label_he": group["he"],
                "label_ar": group["ar"],
                "label_en": group["en"],
                "position": group_position,
            },
        )
        for position, need in enumerate(group["needs"]):
            Need.objects.update_or_create(
                code=need["code"],
                defaults={
                    "group": group_row,
                    "label_he": need["he"],
                    "label_ar": need["ar"],
                    "label_en": need["en"],
                    "position": position,
                },
            )


def unload_needs(apps, schema_editor):
    codes = [need["code"] for group in TAXONOMY for need in group["needs"]]
    apps.get_model("advisors", "Need").objects.filter(code__in=codes).delete()
    apps.get_model("advisors", "NeedGroup").objects.filter(code__in=[group["code"] for group in TAXONOMY]).delete()


class Migration(migrations.Migration):
    dependencies = [("advisors", "0002_catalogue")]

    operations = [migrations.RunPython(load_needs, unload_needs)]
