from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from clusters.models import Authority, Cluster, Membership

DATA = Path(settings.BASE_DIR) / "data"
HEADER = (
    "cbs_code,code_type,name_he,name_en,name_en_locality_file,kind,kind_en,district,population,population_year,"
    "socioeconomic_cluster,socioeconomic_index_year,peripherality_cluster,peripherality_index_year,"
    "regional_cluster_code_cbs2021,regional_cluster_name_he_cbs2021,year\n"
)
GOOD = "31,locality_code,אופקים,OFAQIM,Ofaqim,עירייה,municipality,הדרום,33999,2021,3,2019,3,2020,620,x,2021\n"
# The same number as a regional council: a different authority (the two numbering spaces overlap).
SAME_NUMBER_RC = (
    "31,regional_council_code,מועצה,MOAZA,,מועצה אזורית,regional_council,הצפון,9000,2021,7,2019,4,2020,,,2021\n"
)


def run(command, path, *args):
    out, err = StringIO(), StringIO()
    call_command(command, str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, text, name="file.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_import_authorities_loads_the_shipped_file_and_reimport_changes_nothing():
    out, err = run("import_authorities", DATA / "authorities.csv")
    assert out.strip() == "165 created, 0 updated, 0 unchanged, 0 rejected"
    assert err == ""
    ofaqim = Authority.objects.get(code_type="locality_code", cbs_code=31)
    assert (ofaqim.name_he, ofaqim.name_en, ofaqim.kind, ofaqim.region) == ("אופקים", "Ofaqim", "municipality", "south")
    assert (ofaqim.population, ofaqim.socioeconomic_cluster, ofaqim.peripherality_cluster) == (33999, 3, 3)
    history = ofaqim.history.count()
    out, _err = run("import_authorities", DATA / "authorities.csv")
    assert out.strip() == "0 created, 0 updated, 165 unchanged, 0 rejected"
    assert ofaqim.history.count() == history


@pytest.mark.django_db
def test_import_authorities_keys_on_code_type_and_code(tmp_path):
    out, _err = run("import_authorities", write(tmp_path, HEADER + GOOD + SAME_NUMBER_RC))
    assert out.strip() == "2 created, 0 updated, 0 unchanged, 0 rejected"
    assert sorted(Authority.objects.values_list("code_type", "cbs_code")) == [
        ("locality_code", 31),
        ("regional_council_code", 31),
    ]


@pytest.mark.django_db
def test_import_authorities_updates_changed_rows(tmp_path):
    run("import_authorities", write(tmp_path, HEADER + GOOD))
    out, _err = run("import_authorities", write(tmp_path, HEADER + GOOD.replace("33999", "35000"), "new.csv"))
    assert out.strip() == "0 created, 1 updated, 0 unchanged, 0 rejected"
    assert Authority.objects.get().population == 35000


@pytest.mark.django_db
def test_import_authorities_rejects_bad_rows_with_line_numbers_and_loads_the_rest(tmp_path):
    bad_cluster = GOOD.replace("31,", "32,", 1).replace(",3,2019,", ",11,2019,")
    bad_kind = GOOD.replace("31,", "33,", 1).replace("municipality", "city")
    duplicate = GOOD
    out, err = run("import_authorities", write(tmp_path, HEADER + GOOD + bad_cluster + bad_kind + duplicate))
    assert out.strip() == "1 created, 0 updated, 0 unchanged, 3 rejected"
    assert err.splitlines() == [
        "line 3: rejected: socioeconomic_cluster is out of range: 11",
        "line 4: rejected: unknown kind: city",
        "line 5: rejected: the same authority is already on line 2",
    ]
    assert list(Authority.objects.values_list("cbs_code", flat=True)) == [31]


@pytest.mark.django_db
def test_import_authorities_refuses_a_file_without_the_columns_and_changes_nothing(tmp_path):
    run("import_authorities", write(tmp_path, HEADER + GOOD))
    path = write(tmp_path, "cbs_code,name_he\n31,שם אחר\n", "bad.csv")
    with pytest.raises(CommandError, match="lacks the columns: code_type, name_en"):
        run("import_authorities", path)
    assert list(Authority.objects.values_list("name_he", flat=True)) == ["אופקים"]


@pytest.mark.django_db
def test_import_authorities_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes((HEADER + GOOD).encode("utf-16"))
    with pytest.raises(CommandError, match="not UTF-8"):
        run("import_authorities", path)
    assert Authority.objects.count() == 0


@pytest.mark.django_db
def test_import_authorities_dry_run_reports_and_saves_nothing(tmp_path):
    out, _err = run("import_authorities", write(tmp_path, HEADER + GOOD), "--dry-run")
    assert out.strip() == "dry run, nothing saved: 1 created, 0 updated, 0 unchanged, 0 rejected"
    assert Authority.objects.count() == 0


@pytest.mark.django_db
def test_import_clusters_loads_real_clusters_and_reports_bodies_that_are_not_authorities():
    run("import_authorities", DATA / "authorities.csv")
    out, err = run("import_clusters", DATA / "clusters.csv")
    assert out.strip() == "177 created, 0 updated, 0 unchanged, 2 rejected"
    assert err.splitlines() == [
        "line 37: rejected: מגדל תפן (locality_code 1722) is not a known authority",
        "line 167: rejected: צור הדסה (- -) is not a known authority",
    ]
    assert Cluster.objects.count() == 12
    assert Cluster.objects.exclude(cbs_code=None).count() == 11
    forming = Cluster.objects.get(cbs_code=None)
    assert (forming.name_he, forming.stage) == ("אשכול שער ירושלים (בהקמה)", "forming")
    assert Membership.objects.count() == 165
    assert Membership.objects.filter(status="joined_later").count() == 7
    assert Membership.objects.filter(status="planned").count() == 5
    assert Membership.objects.filter(cluster__cbs_code=210).count() == 7
    assert Authority.objects.count() == 165


@pytest.mark.django_db
def test_import_clusters_twice_changes_nothing():
    run("import_authorities", DATA / "authorities.csv")
    run("import_clusters", DATA / "clusters.csv")
    out, _err = run("import_clusters", DATA / "clusters.csv")
    assert out.strip() == "0 created, 0 updated, 165 unchanged, 2 rejected"
    assert (Cluster.objects.count(), Membership.objects.count()) == (12, 165)


@pytest.mark.django_db
def test_import_clusters_dry_run_changes_nothing():
    run("import_authorities", DATA / "authorities.csv")
    out, _err = run("import_clusters", DATA / "clusters.csv", "--dry-run")
    assert out.strip() == "dry run, nothing saved: 177 created, 0 updated, 0 unchanged, 2 rejected"
    assert (Cluster.objects.count(), Membership.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_import_authorities_loads_a_register_of_the_full_size(tmp_path):
    """The CBS register has 255 authorities in the same columns; all of them load, including ones in no cluster."""
    import csv

    with open(DATA / "authorities.csv", encoding="utf-8") as handle:
        shipped = list(csv.DictReader(handle))
    rows = []
    for index in range(255):
        row = dict(shipped[index % len(shipped)])
        row["cbs_code"] = str(50_000 + index)
        row["regional_cluster_code_cbs2021"] = row["regional_cluster_name_he_cbs2021"] = ""
        rows.append(row)
    path = tmp_path / "register.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(shipped[0]))
        writer.writeheader()
        writer.writerows(rows)
    out, err = run("import_authorities", path)
    assert out.strip() == "255 created, 0 updated, 0 unchanged, 0 rejected"
    assert Authority.objects.count() == 255
    again, _ = run("import_authorities", path)
    assert again.strip() == "0 created, 0 updated, 255 unchanged, 0 rejected"
