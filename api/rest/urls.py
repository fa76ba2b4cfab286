from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter(use_regex_path=False)
router.register("clusters", views.ClusterViewSet, basename="cluster")
router.register("authorities", views.AuthorityViewSet, basename="authority")
router.register("services", views.ServiceViewSet, basename="service")
router.register("goals", views.GoalViewSet, basename="goal")
router.register("measurements", views.MeasurementViewSet, basename="measurement")
router.register("work-plans", views.WorkPlanViewSet, basename="work-plan")
router.register("quality-measures", views.QualityMeasureViewSet, basename="quality-measure")
router.register("engagements", views.EngagementViewSet, basename="engagement")
router.register("reports", views.ReportViewSet, basename="report")
router.register("statuses", views.StatusRecordViewSet, basename="status")


def _public(pattern):
    """The API authenticates by itself (a session or an access token): the sign-in redirect does not apply, and
    an anonymous request gets 401 or 403 from the API instead."""
    pattern.callback = login_not_required(pattern.callback)
    return pattern


urlpatterns = [
    _public(path("schema/", SpectacularAPIView.as_view(), name="schema")),
    _public(path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs")),
    *[_public(pattern) for pattern in router.urls],
]
