import io

from django.core.management import call_command

from oversight.models import Finding


def test_demo_data_has_two_findings_once(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    findings = Finding.objects.filter(report_version=None)
    assert sorted(findings.values_list("severity", flat=True)) == ["high", "medium"]
    assert findings.values("cluster").distinct().count() == 1
