import io

from accounts import demo as account_demo
from accounts.models import User
from clusters import demo as cluster_demo
from clusters.permissions import clusters_visible_to
from quality import demo
from quality.models import Inquiry, Measure, QualityGoalSource
from quality.selectors import cluster_summary


def test_the_demo_cluster_has_a_year_of_inquiries_worth_comparing_once(db):
    out = io.StringIO()
    account_demo.seed(stdout=out)
    cluster_demo.seed(stdout=out)
    demo.seed(stdout=out)
    count = Inquiry.objects.count()
    demo.seed(stdout=out)
    assert Inquiry.objects.count() == count
    [cluster] = clusters_visible_to(User.objects.get(email="ceo@demo.test"))
    lines = [line for line in cluster_summary(cluster=cluster) if line.month]
    assert lines
    for line in lines:
        # a few authorities clearly better than the others
        assert line.spread.worst > 2 * line.spread.best
    assert Measure.objects.filter(service__cluster=cluster, channel="").values("month").distinct().count() == 12
    source = QualityGoalSource.objects.filter(goal__service__cluster=cluster).get()
    assert source.goal.measurements.count() >= 11
    assert "not stored" not in out.getvalue()
