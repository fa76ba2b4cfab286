import json
from pathlib import Path

from clusters.reference import REGION_BY_CBS_DISTRICT, ServiceDomain

DATA = Path(__file__).resolve().parent.parent / "data"


def test_service_domains_match_the_reference_data():
    codes = [domain["code"] for domain in json.loads((DATA / "needs.json").read_text("utf-8"))["core_service_domains"]]
    assert ServiceDomain.values == codes


def test_every_cbs_district_in_the_data_has_a_region():
    import csv

    with open(DATA / "authorities.csv", encoding="utf-8") as handle:
        districts = {row["district"] for row in csv.DictReader(handle)}
    assert districts - set(REGION_BY_CBS_DISTRICT) == set()
