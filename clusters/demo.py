"""Demo clusters: the real regional clusters, with a CEO and a board member for the demo people."""

import csv
from pathlib import Path

from django.conf import settings

from accounts import services
from accounts.demo import demo_user
from accounts.roles import Role

from .models import Cluster

DATA = Path(settings.BASE_DIR) / "data"


def seed(*, stdout) -> None:
    with open(DATA / "clusters_summary.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Cluster.objects.update_or_create(
                cbs_code=int(row["cluster_code_cbs"]),
                defaults={"name_he": row["cluster_name_he"], "name_en": row["cluster_name_en"]},
            )
    first, second = Cluster.objects.order_by("cbs_code")[:2]
    services.grant_role(user=demo_user("ceo@demo.test"), role=Role.CLUSTER_CEO, scope=first)
    services.grant_role(user=demo_user("board@demo.test"), role=Role.BOARD_MEMBER, scope=first)
    services.grant_role(user=demo_user("ceo2@demo.test"), role=Role.CLUSTER_CEO, scope=second)
    stdout.write(f"clusters: {Cluster.objects.count()} clusters")
