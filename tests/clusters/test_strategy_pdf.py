"""The strategic plan as a PDF: A4 pages in the reader's language, Hebrew and Arabic right to left with Arabic
letters joined, the plan's content read back from the file, the printable view's access, a flat query count."""

import io
import os
import re
import unicodedata
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from clusters import selectors, services, strategy, strategy_pdf
from clusters.models import Milestone, Service, StrategicPlan, WorkPlan
from tests.access_matrix import changed_tables, fingerprint
from tests.clusters.test_strategy import two_goals_measuring_one_outcome
from tests.conftest import ACTORS
from tests.factories.clusters import GoalFactory, ServiceFactory

pytestmark = pytest.mark.django_db

HEBREW_VISION = "אזור שבו כל רשות מקבלת את אותם שירותים עד 2030, עם 15% חיסכון ב-CRM משותף"
ARABIC_OUTCOME = "تحسين الخدمات في جميع السلطات المحلية"
HEBREW_OUTCOME = "שוויון בזמני התגובה בין הרשויות"
ENGLISH_OUTCOME = "Equal response times across members"
ARABIC_MILESTONE = "مناقصة مشتركة للخدمات البيطرية"


def plan_in_three_scripts(world, *, outcomes=3, approve=True):
    """A plan written in Hebrew with outcomes in Hebrew, Arabic and English, a milestone, and a pilot."""
    plan = strategy.start_strategic_plan(
        cluster=world.cluster,
        fields={
            "title": "תוכנית אסטרטגית 2026–2030",
            "vision": HEBREW_VISION,
            "strategic_goals": "צמצום פערים בין הרשויות\nتوفير في التكاليف\nShared services by 2028",
            "starts_year": 2026,
            "ends_year": 2030,
        },
        started_by=world.ceo,
    )
    goal = GoalFactory(service=ServiceFactory(cluster=world.cluster, level=Service.Level.CORE), name="זמן תגובה ממוצע")
    titles = [HEBREW_OUTCOME, ARABIC_OUTCOME, ENGLISH_OUTCOME]
    for number in range(outcomes):
        strategy.add_outcome(
            plan=plan,
            horizon=["short", "medium", "long"][number % 3],
            channel=["social", "education", "urban", "economic"][number % 4],
            title=titles[number] if number < 3 else f"{titles[number % 3]} {number}",
            measured_by=[goal],
            added_by=world.ceo,
        )
    for number in range(max(1, outcomes // 3)):
        strategy.add_milestone(
            plan=plan,
            title=ARABIC_MILESTONE if number == 0 else f"{ARABIC_MILESTONE} {number}",
            due_on=date(2027, 3, 1) + timedelta(days=number),
            channel="urban",
            added_by=world.ceo,
        )
    if approve:
        strategy.submit_strategic_plan(plan=plan, submitted_by=world.ceo)
        strategy.approve_strategic_plan(plan=plan, approved_by=world.board_member)
    work_plan = WorkPlan.objects.create(cluster=world.cluster, year=2026)
    for number in range(max(1, outcomes // 3)):
        services.add_work_plan_item(
            plan=work_plan,
            title=f"פיילוט וטרינרי משותף {number}",
            budget_line="",
            budget_amount=Decimal(100_000),
            owner="",
            starts_on=date(2026, 1, 15),
            ends_on=date(2026, 12, 31),
            goals=[goal],
            pilot_starts_on=date(2026, 1, 15),
        )
    plan.refresh_from_db()
    return plan


def get_pdf(client, plan, language):
    client.cookies["language"] = language
    return client.get(reverse("clusters:strategic_plan_pdf", kwargs={"pk": plan.pk}))


def read_back(content: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(content))
    return reader, [page.extract_text() for page in reader.pages]


def logical(text: str) -> str:
    """Extracted text with the direction marks, tatweels and spacing a viewer adds left out."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640]", "", text)
    return re.sub(r"\s+", " ", text)


def reads(phrase: str, text: str) -> bool:
    """Every word of the phrase (its letters and digits) is in the text, in reading order or as drawn right to left
    (the order a PDF may keep the glyphs of a right-to-left line in)."""
    text = logical(text)
    return all(word in text or word[::-1] in text for word in re.findall(r"\w+", logical(phrase)))


def save_for_review(name: str, content: bytes) -> None:
    """PLAN_PDF_DIR=/some/folder keeps the files to look at (pdftoppm -png)."""
    folder = os.environ.get("PLAN_PDF_DIR")
    if folder:
        with open(os.path.join(folder, name), "wb") as file:
            file.write(content)


@pytest.mark.parametrize(
    ("language", "heading", "footer"),
    [
        ("he", "מודל לוגי", "עמוד 1 מתוך 2"),
        ("ar", "النموذج المنطقي", "صفحة 1 من 2"),
        ("en", "Logic model", "Page 1 of 2"),
    ],
)
def test_the_pdf_holds_the_plan_in_the_readers_language(world, client_as, language, heading, footer):
    plan = plan_in_three_scripts(world)
    response = get_pdf(client_as(world.board_member), plan, language)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="strategic-plan-{world.cluster.pk}-v1-{language}.pdf"'
    )
    save_for_review(f"plan-{language}.pdf", response.content)
    reader, pages = read_back(response.content)
    assert len(pages) == 2
    assert {(page.mediabox.width, page.mediabox.height) for page in reader.pages} == {(595.28, 841.89)}  # A4
    assert reader.metadata.title == f"תוכנית אסטרטגית 2026–2030 — {getattr(world.cluster, f'name_{language}')}"
    assert reader.trailer["/Root"]["/Lang"] == language
    everything = "\n".join(pages)
    with translation.override(language):
        status = str(StrategicPlan.Status.APPROVED.label)
    for phrase in (HEBREW_VISION, HEBREW_OUTCOME, ARABIC_OUTCOME, ENGLISH_OUTCOME, ARABIC_MILESTONE, heading, status):
        assert reads(phrase, everything), phrase
    assert reads(footer, pages[0])
    assert reads("פיילוט וטרינרי משותף 0", everything)
    assert reads(plan.title, pages[0])


def test_a_right_to_left_language_runs_the_pages_right_to_left(world, client_as):
    plan = plan_in_three_scripts(world)
    hebrew = PdfReader(io.BytesIO(get_pdf(client_as(world.ceo), plan, "he").content))
    english = PdfReader(io.BytesIO(get_pdf(client_as(world.ceo), plan, "en").content))
    assert hebrew.trailer["/Root"]["/ViewerPreferences"]["/Direction"] == "/R2L"
    assert english.trailer["/Root"]["/ViewerPreferences"]["/Direction"] == "/L2R"

    # the interface's headings start from the language's side; the Hebrew vision from the right in both, as its
    # own letters start it (dir="auto" on the pages)
    assert leftmost(hebrew.pages[1], "חזון") > 450
    assert leftmost(english.pages[1], "Vision") == pytest.approx(18 / 25.4 * 72 + 2.83, abs=0.5)  # + cell padding
    opening = "אזור שבו כל רשות מקבלת"
    hebrew_vision, english_vision = leftmost(hebrew.pages[1], opening), leftmost(english.pages[1], opening)
    assert hebrew_vision > 100
    assert english_vision == pytest.approx(hebrew_vision, abs=0.5)


def leftmost(page, phrase: str) -> float:
    """Where the leftmost run of text holding a word of the phrase starts, in points from the page's left edge."""
    words = logical(phrase).split()
    starts = []

    def visit(text, cm, tm, font, size):
        drawn = logical(text).split()
        if any(word in words or word[::-1] in words for word in drawn):
            starts.append(tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    return min(starts)


def test_arabic_letters_are_joined_and_the_fonts_are_the_vendored_ones(world):
    plan = plan_in_three_scripts(world)
    loaded = selectors.strategic_plan(plan_id=plan.pk)
    content = strategy_pdf.render_strategic_plan(
        plan=loaded, pilots=selectors.strategic_plan_pilots(plan=loaded), printed_on=date(2026, 12, 7), language="ar"
    )
    reader = PdfReader(io.BytesIO(content))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[font["/BaseFont"].split("+")[-1]] = descriptor["/FontFile2"].get_data()
    assert sorted(fonts) == [
        "NotoSans",
        "NotoSansArabic",
        "NotoSansArabicBold",
        "NotoSansBold",
        "NotoSansHebrew",
        "NotoSansHebrewBold",
    ]
    assert sorted(path.name for path in strategy_pdf.FONT_DIR.glob("*.ttf")) == [
        "NotoSans-Bold.ttf",
        "NotoSans-Regular.ttf",
        "NotoSansArabic-Bold.ttf",
        "NotoSansArabic-Regular.ttf",
        "NotoSansHebrew-Bold.ttf",
        "NotoSansHebrew-Regular.ttf",
    ]
    # HarfBuzz picked the joining forms: the embedded Arabic subset holds initial, medial and final forms (named
    # for their presentation forms or .init/.medi/.fina), which unshaped text, isolated letters only, never uses
    glyphs = TTFont(io.BytesIO(fonts["NotoSansArabic"])).getGlyphOrder()
    joined = [name for name in glyphs if re.search(r"^uniFE[89A-F][0-9A-F]$|\.(init|medi|fina)$", name)]
    assert len(joined) >= 10


def test_long_text_wraps_inside_the_table_and_onto_more_pages(world):
    plan = plan_in_three_scripts(world, approve=False)
    long_title = "שוויון " * 20 + "x" * 150
    for _number in range(12):
        strategy.add_outcome(
            plan=plan, horizon="short", channel="social", title=long_title, measured_by=[], added_by=world.ceo
        )
    loaded = selectors.strategic_plan(plan_id=plan.pk)
    content = strategy_pdf.render_strategic_plan(plan=loaded, pilots=[], printed_on=date(2026, 12, 7), language="he")
    save_for_review("plan-long.pdf", content)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == 4
    right_edge = 595.28 - 18 / 25.4 * 72
    widest = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            widest.append(tm[4] * cm[0] + cm[4])

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert max(widest) <= right_edge
    assert min(widest) >= 18 / 25.4 * 72 - 1


def test_the_pdf_answers_each_person_as_the_printable_view_does_and_writes_nothing(world, client, client_as):
    plan = plan_in_three_scripts(world, approve=False)
    answers = {}
    for actor in ACTORS:
        client_as(world.people.get(actor))
        before = fingerprint()
        printed = client.get(reverse("clusters:strategic_plan_print", kwargs={"pk": plan.pk}))
        pdf = client.get(reverse("clusters:strategic_plan_pdf", kwargs={"pk": plan.pk}))
        assert changed_tables(before, fingerprint()) == [], actor
        answers[actor] = (printed.status_code, pdf.status_code)
    assert answers == {
        actor: (302, 302) if actor == "anonymous" else (200, 200) if actor in ("ceo", "board_member") else (404, 404)
        for actor in ACTORS
    }


def test_an_unknown_plan_is_not_found(world, client_as):
    plan = plan_in_three_scripts(world)
    missing = StrategicPlan.objects.order_by("-pk").first().pk + 1
    client = client_as(world.ceo)
    response = client.get(reverse("clusters:strategic_plan_pdf", kwargs={"pk": missing}))
    assert response.status_code == 404
    other = client_as(world.people["other_ceo"]).get(reverse("clusters:strategic_plan_pdf", kwargs={"pk": plan.pk}))
    assert other.status_code == 404


@pytest.mark.parametrize("outcomes", [3, 15])
def test_the_pdf_query_count_does_not_grow_with_the_plan(world, client_as, django_assert_num_queries, outcomes):
    plan = plan_in_three_scripts(world, outcomes=outcomes)
    assert Milestone.objects.filter(plan=plan).count() == max(1, outcomes // 3)
    client = client_as(world.board_member)
    client.get(reverse("clusters:strategic_plan_version", kwargs={"pk": plan.pk}))  # warm the session
    with django_assert_num_queries(10):
        response = client.get(reverse("clusters:strategic_plan_pdf", kwargs={"pk": plan.pk}))
    assert response.status_code == 200


def test_the_plan_page_and_the_printable_view_link_to_the_pdf(world, english_client):
    plan = plan_in_three_scripts(world)
    client = english_client(world.board_member)
    url = reverse("clusters:strategic_plan_pdf", kwargs={"pk": plan.pk})
    for name in ("clusters:strategic_plan_version", "clusters:strategic_plan_print"):
        page = client.get(reverse(name, kwargs={"pk": plan.pk})).content.decode()
        assert f'href="{url}" data-plan-pdf>Download PDF</a>' in page
    printed = client.get(reverse("clusters:strategic_plan_print", kwargs={"pk": plan.pk})).content.decode()
    pilot = WorkPlan.objects.get().items.get().pilot
    assert f'data-pilot="{pilot.pk}"' in printed
    assert "15/07/2026" in printed or "07/15/2026" in printed


def test_stray_characters_in_the_plan_neither_break_the_pdf_nor_show(world):
    plan = strategy.start_strategic_plan(
        cluster=world.cluster,
        fields={
            "title": "\u202eevil\u202c \u2066תוכנית\u2069",
            "vision": "bell\x07 tab\t\r\nשורה שנייה 🙂 \u200fסוף",
            "strategic_goals": "\x1b\n\u200e",
            "starts_year": 2026,
            "ends_year": 2030,
        },
        started_by=world.ceo,
    )
    strategy.add_outcome(
        plan=plan, horizon="long", channel="economic", title="x" * 300, measured_by=[], added_by=world.ceo
    )
    loaded = selectors.strategic_plan(plan_id=plan.pk)
    content = strategy_pdf.render_strategic_plan(plan=loaded, pilots=[], printed_on=date(2026, 12, 7), language="he")
    _reader, pages = read_back(content)
    assert len(pages) == 2
    assert reads("bell tab שורה שנייה סוף", pages[1])
    assert "\x07" not in pages[1] and "\x1b" not in pages[1]
    assert strategy_pdf._clean("a\x07b\tc\r\nd\re\x00") == "ab c\nd\ne"


def test_the_pdf_names_the_service_only_where_the_goal_does_not(world, client_as):
    plan = two_goals_measuring_one_outcome(world)
    with translation.override("en"):
        [outcome] = selectors.strategic_plan(plan_id=plan.pk).outcomes.all()
        assert (
            strategy_pdf._measured_by(outcome) == "Veterinary service response time\nCost saving (Veterinary service)"
        )
    _reader, pages = read_back(get_pdf(client_as(world.ceo), plan, "en").content)
    assert logical(" ".join(pages)).count("Veterinary") == 2  # the goal's name, and the other goal's service
