"""The ministry playbook: versions with review dates, CEOs' suggestions, editors' decisions."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from network.models import Ministry, PlaybookSuggestion, PlaybookVersion
from tests.accounts.test_form_errors import assert_marked
from tests.factories.network import make_call, make_item, make_suggestion, make_version

pytestmark = pytest.mark.django_db


def test_ministries_are_loaded_by_a_data_migration(world):
    assert list(Ministry.objects.values_list("slug", flat=True)[:7]) == [
        "interior",
        "finance",
        "welfare",
        "education",
        "environment",
        "transport",
        "health",
    ]


def test_an_editor_saves_a_new_version_reviewed_today_and_keeps_the_old_one(world, client_as):
    make_version(slug="welfare", by=world.editor, funds="Old text")
    Ministry.objects.filter(slug="welfare").update(last_reviewed_on=None)
    response = client_as(world.editor).post(
        reverse("network:ministry_edit", args=["welfare"]),
        {
            "funds": "New text",
            "procedures": "",
            "contacts": "District welfare officer",
            "timelines": "",
            "pitfalls": "",
            "change_note": "Funding rules of 2026",
        },
    )
    assert response.status_code == 302
    versions = list(PlaybookVersion.objects.filter(ministry__slug="welfare").values_list("number", "funds"))
    assert versions == [(2, "New text"), (1, "Old text")]
    assert Ministry.objects.get(slug="welfare").last_reviewed_on == timezone.localdate()
    old = client_as(world.board_member).get(reverse("network:ministry_version", args=["welfare", 1]))
    assert "Old text" in old.content.decode()
    assert old.context["is_current"] is False


def test_a_ceo_cannot_revise_a_page(world, client_as):
    response = client_as(world.ceo).post(reverse("network:ministry_edit", args=["interior"]), {"funds": "Mine"})
    assert response.status_code == 403
    assert PlaybookVersion.objects.count() == 0


def test_a_ceo_suggests_and_an_editor_accepts_into_a_new_version(world, client_as):
    make_version(slug="interior", by=world.editor, timelines="Six months")
    client_as(world.ceo).post(
        reverse("network:suggest_change", args=["interior"]),
        {"cluster": world.cluster.pk, "section": "timelines", "text": "Three months", "reason": "Our experience"},
    )
    suggestion = PlaybookSuggestion.objects.get()
    assert (suggestion.status, suggestion.cluster, suggestion.based_on.number) == ("open", world.cluster, 1)
    client_as(world.editor).post(
        reverse("network:decide_suggestion", args=[suggestion.pk, "accept"]), {"text": "About three months"}
    )
    suggestion.refresh_from_db()
    latest = PlaybookVersion.objects.filter(ministry__slug="interior").order_by("-number").first()
    assert (latest.number, latest.timelines, latest.funds) == (2, "About three months", "מימון שירותי ליבה")
    assert (suggestion.status, suggestion.version, suggestion.decided_by) == ("accepted", latest, world.editor)


def test_declining_needs_a_reason_and_the_suggesting_ceo_cannot_decide(world, client_as):
    suggestion = make_suggestion(cluster=world.cluster, suggested_by=world.ceo)
    url = reverse("network:decide_suggestion", args=[suggestion.pk, "accept"])
    assert client_as(world.ceo).post(url).status_code == 403
    response = client_as(world.editor).post(
        reverse("network:decide_suggestion", args=[suggestion.pk, "decline"]), {"note": ""}
    )
    suggestion.refresh_from_db()
    assert (response.status_code, suggestion.status, PlaybookVersion.objects.count()) == (400, "open", 1)
    client_as(world.editor).post(
        reverse("network:decide_suggestion", args=[suggestion.pk, "decline"]), {"note": "Already covered"}
    )
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decision_note) == ("declined", "Already covered")


def test_declining_without_a_reason_shows_the_error_beside_that_suggestion(world, client_as):
    first = make_suggestion(cluster=world.cluster, suggested_by=world.ceo)
    second = make_suggestion(cluster=world.cluster, suggested_by=world.ceo, section="funds", text="Other text")
    response = client_as(world.editor).post(
        reverse("network:decide_suggestion", args=[second.pk, "decline"]), {"note": "  "}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert response.context["ministry"].slug == "interior"
    assert_marked(page, f"id_note_{second.pk}", "Say why the suggestion is declined.")
    assert page.count("invalid-feedback") == 1  # the first suggestion's forms are not marked
    forms = {shown.pk: (shown.accept_form, shown.decline_form) for shown in response.context["suggestions"]}
    assert [form.is_bound for form in forms[first.pk] + forms[second.pk]] == [False, False, False, True]
    assert forms[second.pk][1]["note"].value() == "  "
    assert list(PlaybookSuggestion.objects.order_by("pk").values_list("status", "decision_note")) == [
        ("open", ""),
        ("open", ""),
    ]
    assert AuditEvent.objects.filter(action__startswith="playbook_suggestion").count() == 0


def test_accepting_a_text_too_long_keeps_it_and_publishes_nothing(world, client_as):
    suggestion = make_suggestion(cluster=world.cluster, suggested_by=world.ceo)
    versions = PlaybookVersion.objects.count()
    text = "Three months." * 320
    response = client_as(world.editor).post(
        reverse("network:decide_suggestion", args=[suggestion.pk, "accept"]), {"text": text}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert_marked(page, f"id_text_{suggestion.pk}", "Ensure this value has at most 4000 characters (it has 4160).")
    [shown] = response.context["suggestions"]
    assert shown.accept_form["text"].value() == text
    assert f">\n{text}</textarea>" in page
    assert not shown.decline_form.is_bound
    suggestion.refresh_from_db()
    assert (suggestion.status, PlaybookVersion.objects.count()) == ("open", versions)
    assert AuditEvent.objects.filter(action__startswith="playbook_suggestion").count() == 0


def test_the_page_links_its_knowledge_items_and_calls(world, client_as):
    make_version(slug="environment", by=world.editor)
    make_item(author=world.editor, title="Waste law", ministries=["environment"], kind="source", subkind="law")
    make_item(author=world.editor, title="Unrelated")
    make_call(created_by=world.editor, title="Waste call", ministry="environment")
    response = client_as(world.ceo).get(reverse("network:ministry_detail", args=["environment"]))
    assert [item.title for item in response.context["items"]] == ["Waste law"]
    assert [call.title for call in response.context["calls"]] == ["Waste call"]
    # Others than CEOs and editors do not see calls, on this page either.
    response = client_as(world.advisor).get(reverse("network:ministry_detail", args=["environment"]))
    assert response.context["calls"] == []


@pytest.mark.parametrize("count", [1, 5])
def test_the_page_runs_a_fixed_number_of_queries(world, client_as, django_assert_num_queries, count):
    for index in range(count):
        make_version(slug="health", by=world.editor)
        make_item(author=world.editor, title=f"Item {index}", ministries=["health"])
        make_call(created_by=world.editor, title=f"Call {index}", ministry="health")
        make_suggestion(cluster=world.cluster, suggested_by=world.ceo, slug="health")
    client = client_as(world.editor)
    client.get(reverse("network:ministry_detail", args=["health"]))
    with django_assert_num_queries(9):
        client.get(reverse("network:ministry_detail", args=["health"]))
