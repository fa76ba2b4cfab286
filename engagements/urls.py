from django.urls import path

from . import recommendation_views, spending_views, views
from .request_urls import urlpatterns as request_urlpatterns

app_name = "engagements"

urlpatterns = [
    path("", views.engagement_list, name="list"),
    path("new/", views.engagement_new, name="new"),
    path("approvals/", views.approvals, name="approvals"),
    path("<int:pk>/", views.engagement_detail, name="detail"),
    path("<int:pk>/state/<str:action>/", views.engagement_transition, name="transition"),
    path("<int:pk>/work/", views.log_work, name="log_work"),
    path("<int:pk>/approve-period/", views.approve_period, name="approve_period"),
    path("<int:pk>/budget/", views.extend_budget, name="extend_budget"),
    path("<int:pk>/deliverables/", views.add_deliverable, name="add_deliverable"),
    path("<int:pk>/review/", views.review, name="review"),
    path("work-logs/<int:pk>/fix/", views.work_log_fix, name="work_log_fix"),
    path("work-logs/<int:pk>/<str:decision>/", views.work_log_decide, name="work_log_decide"),
    path("deliverables/<int:pk>/", views.deliverable_download, name="deliverable_download"),
    path("reviews/<int:pk>/reply/", views.review_reply, name="review_reply"),
]

urlpatterns += [
    path("recommendations/", recommendation_views.recommendations, name="recommendations"),
    path("clusters/<int:pk>/plan-spending/", spending_views.plan_burn, name="plan_burn"),
]

urlpatterns += request_urlpatterns
