"""Demo referent assignments: the Interior and Treasury referents oversee the first clusters."""

from accounts import services
from accounts.demo import demo_user
from accounts.roles import Role
from clusters.models import Cluster


def seed(*, stdout) -> None:
    for cluster in Cluster.objects.order_by("cbs_code")[:4]:
        services.grant_role(user=demo_user("referent@demo.test"), role=Role.REFERENT_INTERIOR, scope=cluster)
        services.grant_role(user=demo_user("treasury@demo.test"), role=Role.REFERENT_TREASURY, scope=cluster)
    stdout.write("oversight: referent assignments for 4 clusters")
