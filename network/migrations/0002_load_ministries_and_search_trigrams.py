"""The ministries and agencies clusters deal with (their playbook pages start empty), and on PostgreSQL a trigram
index on the knowledge centre's normalised search column (pg_trgm, created by the advisors app)."""

from django.db import migrations

MINISTRIES = [
    ("interior", "משרד הפנים", "وزارة الداخلية", "Ministry of Interior"),
    ("finance", "משרד האוצר", "وزارة المالية", "Ministry of Finance (Treasury)"),
    ("welfare", "משרד הרווחה והביטחון החברתי", "وزارة الرفاه والضمان الاجتماعي", "Ministry of Welfare and Social Security"),
    ("education", "משרד החינוך", "وزارة التربية والتعليم", "Ministry of Education"),
    ("environment", "המשרד להגנת הסביבה", "وزارة حماية البيئة", "Ministry of Environmental Protection"),
    ("transport", "משרד התחבורה והבטיחות בדרכים", "وزارة المواصلات والأمان على الطرق", "Ministry of Transport and Road Safety"),
    ("health", "משרד הבריאות", "وزارة الصحة", "Ministry of Health"),
    ("economy", "משרד הכלכלה והתעשייה", "وزارة الاقتصاد والصناعة", "Ministry of Economy and Industry"),
    ("agriculture", "משרד החקלאות וביטחון המזון", "وزارة الزراعة والأمن الغذائي", "Ministry of Agriculture and Food Security"),
    ("energy", "משרד האנרגיה והתשתיות", "وزارة الطاقة والبنى التحتية", "Ministry of Energy and Infrastructure"),
    (
        "periphery",
        "המשרד לפיתוח הפריפריה, הנגב והגליל",
        "الوزارة لتطوير الضواحي والنقب والجليل",
        "Ministry for the Development of the Periphery, the Negev and the Galilee",
    ),
    ("tourism", "משרד התיירות", "وزارة السياحة", "Ministry of Tourism"),
    ("culture_sport", "משרד התרבות והספורט", "وزارة الثقافة والرياضة", "Ministry of Culture and Sport"),
    ("emergency", "רשות החירום הלאומית", "سلطة الطوارئ الوطنية", "National Emergency Management Authority"),
]

INDEX = "network_knowledge_search_trgm"


def load(apps, schema_editor):
    Ministry = apps.get_model("network", "Ministry")
    for position, (slug, name_he, name_ar, name_en) in enumerate(MINISTRIES, start=1):
        Ministry.objects.update_or_create(
            slug=slug, defaults={"name_he": name_he, "name_ar": name_ar, "name_en": name_en, "position": position}
        )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON network_knowledgeitem USING gin (search_text gin_trgm_ops)"
        )


def unload(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    apps.get_model("network", "Ministry").objects.filter(
        slug__in=[row[0] for row in MINISTRIES], versions__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("network", "0001_knowledge_playbook_calls_digests"), ("advisors", "0004_search_trigrams")]

    operations = [migrations.RunPython(load, unload)]
