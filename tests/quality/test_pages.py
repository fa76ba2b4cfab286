"""The comparison pages: numbers against a hand computation, flat query counts, scope, exports, the upload page."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from accounts.roles import Role
from clusters.models import Cluster
from quality.models import ImportRun, Inquiry, Measure, ServiceCode
from tests.factories import ClusterFactory, user_with_role
from tests.factories.quality import csv_bytes, inquiry_row, quality_setup
from tests.html_tables import body_cells


def measure(service, authority, month, **values):
    return Measure.objects.create(service=service, authority=authority, month=month, channel="", **values)


@pytest.fixture
def compared(world):
    setup = quality_setup(world.cluster, authorities=3)
    a, b, c = setup.authorities
    for authority, feb, mar in ((a, "10", "10"), (b, "15", "20"), (c, "50", "40")):
        measure(setup.service, authority, date(2026, 2, 1), inquiries=5, close_median_hours=Decimal(feb))
        measure(setup.service, authority, date(2026, 3, 1), inquiries=7, close_median_hours=Decimal(mar))
    return setup


def test_the_service_page_puts_the_authorities_side_by_side(compared, english_client, ceo):
    response = english_client(ceo).get(f"/quality/services/{compared.service.pk}/")
    assert response.status_code == 200
    comparison = response.context["comparison"]
    a, b, c = compared.authorities
    assert comparison.month == date(2026, 3, 1)
    assert [row.authority for row in comparison.rows] == [a, b, c]  # best first: lower is better
    spread = comparison.spread
    assert (spread.median, spread.best, spread.worst, spread.gap) == (
        Decimal("20.00"),
        Decimal("10"),
        Decimal("40"),
        Decimal("30"),
    )
    assert (spread.best_authority, spread.worst_authority) == (a, c)
    assert comparison.gap_change == Decimal("-10")  # February's gap was 50 - 10 = 40
    assert comparison.medians[-2:] == [Decimal("15.00"), Decimal("20.00")]
    assert len(response.context["panels"]) == 3
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert main.count("<svg") == 4  # three authorities and the gap


def test_the_share_within_sla_is_better_higher(compared, english_client, ceo):
    a, b, c = compared.authorities
    Measure.objects.filter(authority=a).update(within_sla_share=Decimal("50.0"))
    Measure.objects.filter(authority=b).update(within_sla_share=Decimal("90.0"))
    response = english_client(ceo).get(f"/quality/services/{compared.service.pk}/?metric=within_sla_share")
    comparison = response.context["comparison"]
    assert [row.authority for row in comparison.rows] == [b, a, c]  # c has no value: last
    assert (comparison.spread.best_authority, comparison.spread.worst_authority) == (b, a)


def _more_authorities(setup, cluster, count):
    from tests.factories.clusters import cluster_with_members

    for authority in cluster_with_members(cluster, count):
        for month in range(1, 4):
            measure(setup.service, authority, date(2026, month, 1), inquiries=3, close_median_hours=Decimal("12"))
            measure(setup.other_service, authority, date(2026, month, 1), inquiries=3, close_median_hours=Decimal(9))


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/quality/services/{service}/", 9),
        ("/quality/clusters/{cluster}/", 8),
        ("/quality/clusters/{cluster}/authorities/{authority}/", 9),
        ("/quality/services/{service}/export.xlsx", 7),
        ("/quality/clusters/{cluster}/export.csv", 7),
    ],
)
def test_query_counts_stay_flat(compared, world, client_as, django_assert_num_queries, path, queries):
    client = client_as(world.ceo)
    url = path.format(service=compared.service.pk, cluster=world.cluster.pk, authority=compared.authorities[0].pk)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    _more_authorities(compared, world.cluster, 6)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_the_national_page_compares_clusters(compared, world, english_client, head_referent):
    other = quality_setup(world.other_cluster, authorities=2)
    measure(other.service, other.authorities[0], date(2026, 3, 1), close_median_hours=Decimal("5"))
    measure(other.service, other.authorities[1], date(2026, 3, 1), close_median_hours=Decimal("7"))
    response = english_client(head_referent).get("/quality/national/?domain=welfare")
    lines = response.context["lines"]
    assert [(line.cluster, line.spread.median, line.authorities) for line in lines] == [
        (world.other_cluster, Decimal("6.00"), 2),
        (world.cluster, Decimal("20.00"), 3),
    ]


def test_the_national_tables_rows_show_each_change_and_the_readers_language(
    compared, world, english_client, head_referent
):
    other = quality_setup(world.other_cluster, authorities=2)
    measure(other.service, other.authorities[0], date(2026, 3, 1), close_median_hours=Decimal("5"))
    later = measure(other.service, other.authorities[1], date(2026, 3, 1), close_median_hours=Decimal("7.255"))
    client = english_client(head_referent)
    url = "/quality/national/?domain=welfare"
    other_name, name = str(world.other_cluster.name_en), str(world.cluster.name_en)
    assert body_cells(client.get(url), "national")[0] == [other_name, "1", "2", "6.13", "5", "7.26", "2.26"]
    later.delete()  # measures are written again, not changed in place (recompute_measures)
    measure(other.service, other.authorities[1], date(2026, 3, 1), close_median_hours=Decimal("9"))
    Cluster.objects.filter(pk=world.other_cluster.pk).update(name_en="Other & <i>renamed</i>")
    assert body_cells(client.get(url), "national") == [
        ["Other & <i>renamed</i>", "1", "2", "7", "5", "9", "4"],
        [name, "1", "3", "20", "10", "40", "30"],
    ]
    client.cookies["language"] = "ar"
    arabic = body_cells(client.get(url), "national")
    assert arabic[1][0] == str(world.cluster.name_ar) != name and arabic[1][1:] == ["1", "3", "20", "10", "40", "30"]


def test_the_national_page_shows_a_page_of_clusters_and_its_export_every_one(
    compared, world, english_client, head_referent, monkeypatch
):
    from quality.views import pages

    monkeypatch.setattr(pages, "NATIONAL_PAGE_SIZE", 1)
    other = quality_setup(world.other_cluster, authorities=2)
    measure(other.service, other.authorities[0], date(2026, 3, 1), close_median_hours=Decimal("5"))
    client = english_client(head_referent)
    first = client.get("/quality/national/?domain=welfare")
    second = client.get("/quality/national/?domain=welfare&page=2")
    assert [line.cluster for line in first.context["lines"]] == [world.other_cluster]  # best first
    assert [line.cluster for line in second.context["lines"]] == [world.cluster]
    assert "page=2" in first.content.decode()
    export = client.get("/quality/national/export.csv?domain=welfare&page=2").content.decode("utf-8-sig")
    assert len(export.strip().splitlines()) == 1 + 2  # the header and every cluster, whatever the page


@pytest.mark.parametrize("path", ["/quality/national/?domain=welfare", "/quality/national/export.csv?domain=welfare"])
def test_the_national_comparison_takes_the_same_queries_for_any_number_of_clusters(
    compared, client_as, head_referent, django_assert_num_queries, path
):
    """Eleven queries when the figures are computed (the measures read and the figures kept), nine when they are
    read as kept."""
    client = client_as(head_referent)
    with django_assert_num_queries(11):
        first = client.get(path)
    assert first.status_code == 200
    for _ in range(4):
        more = quality_setup(ClusterFactory(), authorities=2)
        for authority in more.authorities:
            measure(more.service, authority, date(2026, 3, 1), close_median_hours=Decimal("8"))
    with django_assert_num_queries(11):
        again = client.get(path)
    assert again.status_code == 200
    with django_assert_num_queries(9):
        kept = client.get(path)
    if path.startswith("/quality/national/export"):
        assert kept.content == again.content
        assert (
            len(again.content.decode("utf-8-sig").splitlines())
            == len(first.content.decode("utf-8-sig").splitlines()) + 4
        )
    else:
        assert len(again.context["lines"]) == len(first.context["lines"]) + 4
        assert _shown(kept.context["lines"]) == _shown(again.context["lines"])


def _shown(lines):
    return [
        (line.cluster.pk, line.spread.median, line.spread.best, line.spread.worst, line.authorities) for line in lines
    ]


def test_the_kept_national_figures_follow_every_change_of_the_measures(compared, world):
    from quality import selectors
    from quality.models import NationalFigure

    def computed_afresh():
        NationalFigure.objects.all().delete()
        return _shown(selectors.national_comparison(domain="welfare")[1])

    def read():
        return _shown(selectors.national_comparison(domain="welfare")[1])

    other = quality_setup(world.other_cluster, authorities=2)
    first = measure(other.service, other.authorities[0], date(2026, 3, 1), close_median_hours=Decimal("5"))
    assert read() == read() == computed_afresh()
    assert NationalFigure.objects.count() == 1
    measure(other.service, other.authorities[1], date(2026, 3, 1), close_median_hours=Decimal("7"))  # one more
    changed = read()
    assert (
        changed == computed_afresh()
        and (world.other_cluster.pk, Decimal("6.00"), Decimal("5"), Decimal("7"), 2) in changed
    )
    # recomputed as recompute_measures does it: deleted and written again with another value, as many measures
    Measure.objects.filter(pk=first.pk).delete()
    first = measure(other.service, other.authorities[0], date(2026, 3, 1), close_median_hours=Decimal("1"))
    assert read() == computed_afresh() != changed
    before = read()
    Measure.objects.filter(pk=first.pk).delete()  # removed without a save
    assert read() == computed_afresh() != before
    before = read()
    other.service.domain = "waste"  # the service leaves the domain
    other.service.save()
    assert read() == computed_afresh() != before
    assert world.other_cluster.pk not in [pk for pk, *_rest in read()]


def test_the_national_page_opens_on_the_first_domain_with_measures_and_shows_it_chosen(
    compared, english_client, head_referent
):
    from clusters.models import Service

    Service.objects.filter(quality_measures__isnull=False).update(domain="environment")
    for query in ("", "?metric=backlog"):
        response = english_client(head_referent).get(f"/quality/national/{query}")
        assert response.status_code == 200
        assert response.context["lines"], query
        assert response.context["domain_label"] == "Environment"
        assert '<option value="environment" selected>' in response.content.decode()
    # a domain asked for stays chosen beside a measure the form refuses
    refused = english_client(head_referent).get("/quality/national/?domain=waste&metric=nonsense")
    assert refused.status_code == 200 and refused.context["domain_label"] == "Waste and recycling"
    export = english_client(head_referent).get("/quality/national/export.csv")
    assert len(export.content.decode("utf-8-sig").splitlines()) == 1 + len(response.context["lines"])


def test_a_referent_of_another_cluster_finds_nothing(compared, client_as):
    stranger = user_with_role(Role.REFERENT_INTERIOR, ClusterFactory())
    client = client_as(stranger)
    assert client.get(f"/quality/services/{compared.service.pk}/").status_code == 404
    assert client.get(f"/quality/clusters/{compared.cluster.pk}/").status_code == 404
    assert client.get(f"/quality/services/{compared.service.pk}/export.csv").status_code == 404


def test_the_referent_sees_the_same_figures(compared, client_as, referent):
    response = client_as(referent).get(f"/quality/services/{compared.service.pk}/")
    assert response.context["comparison"].spread.median == Decimal("20.00")
    assert response.context["can_manage"] is False
    assert b"/upload/" not in response.content


def test_exports_escape_formula_cells(compared, client_as, ceo):
    compared.authorities[0].name_he = compared.authorities[0].name_en = "=HYPERLINK(1)"
    compared.authorities[0].save()
    client = client_as(ceo)
    client.cookies["language"] = "en"
    text = client.get(f"/quality/services/{compared.service.pk}/export.csv").content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Authority,Month,Inquiries,Median time to first response (h)")
    assert lines[1].startswith("'=HYPERLINK(1),2026-03,7,")
    assert lines[-2].startswith("Cluster median,2026-03,,,,20")
    workbook = load_workbook(io.BytesIO(client.get(f"/quality/services/{compared.service.pk}/export.xlsx").content))
    assert workbook.active["A2"].value == "'=HYPERLINK(1)"
    assert client.get(f"/quality/services/{compared.service.pk}/export.pdf").status_code == 404


def test_the_ceo_uploads_a_file(world, english_client, ceo, django_capture_on_commit_callbacks):
    setup = quality_setup(world.cluster)
    data = csv_bytes(
        [
            inquiry_row(
                "1",
                setup.authorities[0],
                status="closed",
                closed_datetime="2026-03-02T10:00:00+02:00",
                requested_datetime="2026-03-01T09:00:00+02:00",
            ),
            inquiry_row("2", setup.authorities[0], service_code="Z9"),
        ]
    )
    upload = io.BytesIO(data)
    upload.name = "march.csv"
    with django_capture_on_commit_callbacks(execute=True):
        response = english_client(ceo).post(f"/quality/clusters/{world.cluster.pk}/upload/", {"file": upload})
    assert response.status_code == 200
    assert response.context["report"].summary() == "1 created, 0 updated, 0 unchanged, 1 rejected"
    assert "Line 3: unknown service code: Z9 (add it to the service codes)" in response.content.decode()
    assert Inquiry.objects.count() == 1
    # the task after the import computed the measures
    # Sunday 09:00 → Monday 10:00: 7 + 2 working hours
    assert Measure.objects.filter(service=setup.service, channel="").get().close_median_hours == Decimal("9.00")


def test_a_bad_upload_says_why_and_changes_nothing(world, english_client, ceo):
    quality_setup(world.cluster)
    upload = io.BytesIO(b"id,name\n1,x\n")
    upload.name = "bad.csv"
    response = english_client(ceo).post(f"/quality/clusters/{world.cluster.pk}/upload/", {"file": upload})
    assert response.status_code == 400
    assert response.context["error"].startswith("The header does not match")
    assert (Inquiry.objects.count(), ImportRun.objects.count()) == (0, 0)


def test_the_board_cannot_upload_or_change_codes(world, client_as, board_member):
    setup = quality_setup(world.cluster)
    upload = io.BytesIO(csv_bytes([inquiry_row("1", setup.authorities[0])]))
    upload.name = "march.csv"
    client = client_as(board_member)
    assert client.post(f"/quality/clusters/{world.cluster.pk}/upload/", {"file": upload}).status_code == 403
    entry = ServiceCode.objects.first()
    assert client.post(f"/quality/codes/{entry.pk}/remove/").status_code == 403
    response = client.post(f"/quality/clusters/{world.cluster.pk}/codes/", {"service": setup.service.pk, "code": "NEW"})
    assert response.status_code == 403
    assert (Inquiry.objects.count(), ServiceCode.objects.count()) == (0, 4 // 2)


def test_the_ceo_keeps_the_service_codes(world, english_client, ceo):
    setup = quality_setup(world.cluster)
    client = english_client(ceo)
    response = client.post(f"/quality/clusters/{world.cluster.pk}/codes/", {"service": setup.service.pk, "code": "W1"})
    assert response.status_code == 400
    assert "This code already belongs to a service of the cluster." in response.content.decode()
    response = client.post(
        f"/quality/clusters/{world.cluster.pk}/codes/", {"service": setup.service.pk, "code": "W2", "name": ""}
    )
    assert response.status_code == 302
    assert sorted(ServiceCode.objects.values_list("code", flat=True)) == ["S1", "W1", "W2"]


def test_the_comparison_by_channel(compared, english_client, ceo):
    a = compared.authorities[0]
    Measure.objects.create(
        service=compared.service, authority=a, month=date(2026, 3, 1), channel="phone", close_median_hours=99
    )
    response = english_client(ceo).get(f"/quality/services/{compared.service.pk}/?channel=phone&month=2026-03")
    comparison = response.context["comparison"]
    assert [(row.authority, row.measure.close_median_hours) for row in comparison.rows] == [(a, Decimal("99.00"))]
    assert "Scores 1 · 2 · 3 · 4 · 5 (how many gave each)" in response.content.decode()
