"""The knowledge centre: the publishing workflow, search in Hebrew and Arabic, filters, related items, reading lists
and attachments."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from accounts.models import AuditEvent
from network.models import Attachment, KnowledgeItem
from network.services import knowledge as services
from tests.accounts.test_form_errors import assert_marked
from tests.factories.network import make_item

pytestmark = pytest.mark.django_db


def _draft(editor, **values):
    fields = {
        "kind": "template",
        "subkind": "board_resolution",
        "title": "החלטת מליאה להקמת שירות משותף",
        "summary": "נוסח החלטה",
        "body": "",
        "link": "",
        "language": "he",
        "translation_of": None,
    }
    fields.update(values)
    return services.create_item(author=editor, needs=[], domains=["waste"], ministries=[], **fields)


def test_an_editor_drafts_sends_for_review_and_publishes(world):
    item = _draft(world.editor)
    assert (item.status, item.published_at) == ("draft", None)
    services.submit_item(item=item, submitted_by=world.editor)
    services.publish_item(item=item, published_by=world.editor)
    item.refresh_from_db()
    assert (item.status, item.published_by) == ("published", world.editor)
    actions = list(
        AuditEvent.objects.filter(target_id=item.pk, action__startswith="knowledge")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["knowledge_created", "knowledge_submitted", "knowledge_published"]


def test_a_draft_cannot_be_published_without_review(world):
    item = _draft(world.editor)
    with pytest.raises(ValidationError):
        services.publish_item(item=item, published_by=world.editor)
    item.refresh_from_db()
    assert (item.status, item.published_at) == ("draft", None)


def test_a_ceo_proposes_a_case_that_only_editors_and_the_author_read_until_published(world, client_as):
    client = client_as(world.ceo)
    response = client.post(
        reverse("network:propose_case"),
        {
            "cluster": world.cluster.pk,
            "title": "Shared veterinary service",
            "summary": "How we did it",
            "language": "en",
            "domains": ["veterinary"],
        },
    )
    item = KnowledgeItem.objects.get()
    assert response.status_code == 302
    assert (item.kind, item.status, item.cluster, item.author) == ("case_study", "in_review", world.cluster, world.ceo)
    assert client_as(world.board_member).get(reverse("network:knowledge_detail", args=[item.pk])).status_code == 404
    assert client_as(world.editor).get(reverse("network:knowledge_detail", args=[item.pk])).status_code == 200
    # The CEO cannot publish their own case.
    response = client_as(world.ceo).post(reverse("network:knowledge_transition", args=[item.pk, "publish"]))
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == "in_review"


def test_a_ceo_cannot_propose_a_case_for_another_cluster(world, client_as):
    response = client_as(world.ceo).post(
        reverse("network:propose_case"),
        {"cluster": world.other_cluster.pk, "title": "Not ours", "summary": "x", "language": "he"},
    )
    assert response.status_code == 200
    assert KnowledgeItem.objects.count() == 0


def test_an_editor_returns_an_item_with_a_reason_and_the_author_edits_it_again(world, client_as):
    item = make_item(author=world.ceo, kind="case_study", cluster=world.cluster, status="in_review")
    response = client_as(world.editor).post(reverse("network:knowledge_transition", args=[item.pk, "return"]), {})
    item.refresh_from_db()
    assert (response.status_code, item.status) == (400, "in_review")
    client_as(world.editor).post(
        reverse("network:knowledge_transition", args=[item.pk, "return"]), {"reason": "Add the costs"}
    )
    item.refresh_from_db()
    assert (item.status, item.return_reason) == ("draft", "Add the costs")
    assert client_as(world.ceo).get(reverse("network:knowledge_edit", args=[item.pk])).status_code == 200


def test_returning_without_a_reason_shows_the_error_on_the_reason_and_keeps_the_item(world, client_as):
    item = make_item(author=world.ceo, kind="case_study", cluster=world.cluster, status="in_review")
    url = reverse("network:knowledge_transition", args=[item.pk, "return"])
    response = client_as(world.editor).post(url, {"reason": "   "})
    page = response.content.decode()
    assert response.status_code == 400
    assert response.context["item"] == item
    assert response.context["return_form"].errors == {"reason": ["Say why the item goes back to its author."]}
    assert_marked(page, "id_reason", "Say why the item goes back to its author.")
    item.refresh_from_db()
    assert (item.status, item.return_reason) == ("in_review", "")
    assert AuditEvent.objects.filter(action="knowledge_returned").count() == 0


def test_a_reason_over_500_characters_is_refused_and_kept_in_the_field(world, client_as):
    item = make_item(author=world.ceo, kind="case_study", cluster=world.cluster, status="in_review")
    reason = "Add the costs." * 40
    url = reverse("network:knowledge_transition", args=[item.pk, "return"])
    response = client_as(world.editor).post(url, {"reason": reason})
    page = response.content.decode()
    assert response.status_code == 400
    assert_marked(page, "id_reason", "Ensure this value has at most 500 characters (it has 560).")
    assert response.context["return_form"]["reason"].value() == reason
    assert f">\n{reason}</textarea>" in page
    item.refresh_from_db()
    assert (item.status, item.return_reason) == ("in_review", "")
    assert AuditEvent.objects.filter(action="knowledge_returned").count() == 0


def test_readers_see_only_published_items_in_the_list(world, client_as):
    make_item(author=world.editor, title="פורסם")
    make_item(author=world.editor, title="טיוטה", status="draft")
    response = client_as(world.advisor).get(reverse("network:knowledge_list"))
    assert [item.title for item in response.context["items"]] == ["פורסם"]
    response = client_as(world.editor).get(reverse("network:knowledge_list"))
    assert sorted(item.title for item in response.context["items"]) == ["טיוטה", "פורסם"]


@pytest.mark.parametrize(
    "query",
    ["בפסולת", "והפסולת", "פסולת", "פסול"],
    ids=["hebrew-prefix-b", "hebrew-prefixes-vh", "hebrew-plain", "hebrew-start-of-word"],
)
def test_hebrew_search_finds_words_with_or_without_prefixes(world, client_as, query):
    make_item(author=world.editor, title="איסוף פסולת אזורי", summary="מודל לשירות משותף")
    make_item(author=world.editor, title="תכנית חינוך", summary="מרכז למידה")
    response = client_as(world.ceo).get(reverse("network:knowledge_list"), {"q": query})
    assert [item.title for item in response.context["items"]] == ["איסוף פסולת אזורי"]


@pytest.mark.parametrize("query", ["والتعليم", "بالتعليم", "التعليم", "تعليم"])
def test_arabic_search_finds_words_with_or_without_prefixes(world, client_as, query):
    make_item(author=world.editor, title="تطوير التعليم في السلطات المحلية", summary="دراسة", language="ar")
    make_item(author=world.editor, title="إدارة النفايات", summary="نموذج", language="ar")
    response = client_as(world.ceo).get(reverse("network:knowledge_list"), {"q": query})
    assert [item.title for item in response.context["items"]] == ["تطوير التعليم في السلطات المحلية"]


def test_filters_by_need_domain_kind_and_language(world, client_as):
    make_item(author=world.editor, title="A", needs=["management.coaching"], domains=["waste"], language="he")
    make_item(
        author=world.editor,
        title="B",
        needs=["management.workplan_budget"],
        domains=["education"],
        language="ar",
        kind="source",
        subkind="law",
    )
    url = reverse("network:knowledge_list")
    client = client_as(world.ceo)

    def titles(**params):
        return [item.title for item in client.get(url, params).context["items"]]

    assert titles(need="management.coaching") == ["A"]
    assert titles(domain="education") == ["B"]
    assert titles(kind="source") == ["B"]
    assert titles(language="he") == ["A"]
    assert titles(language="he", domain="education") == []


def test_related_items_share_needs_domains_or_ministries(world, client_as):
    item = make_item(author=world.editor, title="Main", needs=["management.coaching"], domains=["waste"])
    make_item(author=world.editor, title="Same need", needs=["management.coaching"], domains=[])
    make_item(author=world.editor, title="Same domain", needs=[], domains=["waste"])
    make_item(author=world.editor, title="Unrelated", needs=["strategy.revenue_projects"], domains=["sport"])
    make_item(author=world.editor, title="Draft", needs=["management.coaching"], status="draft")
    response = client_as(world.ceo).get(reverse("network:knowledge_detail", args=[item.pk]))
    assert [other.title for other in response.context["related"]] == ["Same need", "Same domain"]


def test_the_reading_list_of_a_need_puts_templates_first(world, client_as):
    make_item(author=world.editor, title="Article", needs=["management.coaching"])
    make_item(author=world.editor, title="Template", kind="template", subkind="tender", needs=["management.coaching"])
    make_item(author=world.editor, title="Other need", needs=["strategy.revenue_projects"])
    response = client_as(world.board_member).get(reverse("network:reading_list", args=["management.coaching"]))
    assert [item.title for item in response.context["items"]] == ["Template", "Article"]


def test_the_catalogue_links_to_the_reading_list_of_the_chosen_need(world, client_as):
    response = client_as(world.ceo).get(reverse("advisors:catalogue"), {"need": "management.coaching"})
    assert reverse("network:reading_list", args=["management.coaching"]) in response.content.decode()


def test_an_attachment_is_checked_by_its_content(world, client_as):
    item = make_item(author=world.editor)
    renamed = SimpleUploadedFile("tender.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused = client_as(world.editor).post(
        reverse("network:attachment_add", args=[item.pk]), {"title": "x", "file": renamed}
    )
    assert refused.status_code == 400  # the item's page again, the error on the file field
    assert list(refused.context["attachment_form"].errors) == ["file"]
    assert 'id="id_file_error"' in refused.content.decode()
    assert Attachment.objects.count() == 0
    good = SimpleUploadedFile("tender.pdf", b"%PDF-1.7 a tender", content_type="application/pdf")
    client_as(world.editor).post(reverse("network:attachment_add", args=[item.pk]), {"title": "Tender", "file": good})
    attachment = Attachment.objects.get()
    assert (attachment.title, attachment.content_type, attachment.size) == ("Tender", "application/pdf", 17)
    response = client_as(world.advisor).get(reverse("network:attachment_download", args=[attachment.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.7 a tender"


def test_a_subkind_must_fit_its_kind(world, client_as):
    response = client_as(world.editor).post(
        reverse("network:knowledge_new"),
        {"kind": "article", "subkind": "law", "title": "x", "summary": "y", "language": "he"},
    )
    assert response.context["form"].errors == {"subkind": ["Only sources and templates have a type."]}
    assert KnowledgeItem.objects.count() == 0


@pytest.mark.parametrize("count", [2, 8])
def test_the_knowledge_list_runs_a_fixed_number_of_queries(world, client_as, django_assert_num_queries, count):
    for index in range(count):
        make_item(
            author=world.editor, title=f"Item {index}", needs=["management.coaching", "strategy.revenue_projects"]
        )
    client = client_as(world.ceo)
    client.get(reverse("network:knowledge_list"))
    # session, user, roles, need groups, needs, count, items, items' needs
    with django_assert_num_queries(8):
        client.get(reverse("network:knowledge_list"), {"q": "פסולת"})


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm runs on PostgreSQL only")
def test_the_search_column_has_a_trigram_index_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'network_knowledgeitem'")
        names = {row[0] for row in cursor.fetchall()}
    assert "network_knowledge_search_trgm" in names


def test_the_recommendations_link_each_open_need_to_its_reading_list(world, client_as):
    from advisors import services as advisor_services
    from advisors.models import Need

    advisor_services.create_shortlist(
        cluster=world.cluster, need=Need.objects.get(code="management.coaching"), title="Coaching", created_by=world.ceo
    )
    page = client_as(world.ceo).get(reverse("engagements:recommendations")).content.decode()
    assert reverse("network:reading_list", args=["management.coaching"]) in page
