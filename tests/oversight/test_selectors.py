"""The batch selectors the dashboard reads agree with the one-cluster selectors of the clusters app."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import RoleAssignment
from clusters import selectors
from clusters.models import Cluster, WorkPlan


def test_ceo_vacancies_by_cluster_agree_with_leadership(world):
    ended = timezone.localdate() - timedelta(days=90)
    RoleAssignment.objects.filter(user=world.other_ceo).update(starts_on=ended - timedelta(days=30), ended_on=ended)
    Cluster.objects.filter(pk=world.cluster.pk).update(ceo_vacant_since=timezone.localdate() - timedelta(days=5))
    clusters = list(Cluster.objects.filter(pk__in=[world.cluster.pk, world.other_cluster.pk]))
    vacancies = selectors.ceo_vacancies_by_cluster(clusters=clusters)
    assert vacancies == {c.pk: selectors.leadership(cluster=c).ceo_vacant_since for c in clusters}
    assert vacancies == {world.cluster.pk: None, world.other_cluster.pk: ended}


def test_work_plan_statuses_by_cluster(world):
    year = timezone.localdate().year
    WorkPlan.objects.create(
        cluster=world.cluster, year=year, status=WorkPlan.Status.APPROVED, approved_at=timezone.now()
    )
    WorkPlan.objects.create(
        cluster=world.other_cluster, year=year - 1, status=WorkPlan.Status.APPROVED, approved_at=timezone.now()
    )
    assert selectors.work_plan_statuses_by_cluster(
        cluster_ids=[world.cluster.pk, world.other_cluster.pk], year=year
    ) == {
        world.cluster.pk: "approved",
        world.other_cluster.pk: None,
    }
