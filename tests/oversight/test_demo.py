import io

from django.core.management import call_command

from accounts.models import User
from oversight import reviews
from oversight.models import Finding, WorkPlanReview
from oversight.permissions import clusters_overseen_by


def test_demo_data_has_two_findings_once(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    plain = Finding.objects.filter(work_plan_review=None, rebaseline_review=None, report_version=None)
    assert sorted(plain.values_list("severity", flat=True)) == ["high", "medium"]
    assert plain.values("cluster").distinct().count() == 1


def test_demo_referent_has_a_plan_to_review_a_returned_plan_and_a_rebaselining_once(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    clusters = clusters_overseen_by(User.objects.get(email="referent@demo.test"))
    assert sorted(row.state for row in reviews.plan_queue(clusters=clusters)) == ["awaiting", "returned"]
    assert WorkPlanReview.objects.get().findings.count() == 1
    assert [row.state for row in reviews.rebaseline_rows(clusters=clusters)] == ["pending"]
