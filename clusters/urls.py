from django.urls import path

from . import views

app_name = "clusters"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.overview, name="overview"),
    path("<int:pk>/incorporation/", views.incorporation, name="incorporation"),
    path("<int:pk>/work-plan/", views.work_plan, name="work_plan"),
    path("<int:pk>/work-plan/submit/", views.work_plan_submit, name="work_plan_submit"),
    path("<int:pk>/work-plan/approve/", views.work_plan_approve, name="work_plan_approve"),
    path("<int:pk>/work-plan/reopen/", views.work_plan_reopen, name="work_plan_reopen"),
    path("<int:pk>/services/new/", views.service_create, name="service_create"),
    path("work-plan-items/<int:pk>/remove/", views.work_plan_item_remove, name="work_plan_item_remove"),
    path("services/<int:pk>/", views.service_detail, name="service"),
    path("services/<int:pk>/edit/", views.service_edit, name="service_edit"),
    path("services/<int:pk>/status/", views.service_status, name="service_status"),
    path("services/<int:pk>/goals/new/", views.goal_create, name="goal_create"),
    path("goals/<int:pk>/", views.goal_detail, name="goal"),
    path("goals/<int:pk>/baseline/", views.goal_rebaseline, name="goal_rebaseline"),
    path("goals/<int:pk>/activate/", views.goal_activate, name="goal_activate"),
    path("goals/<int:pk>/measurements/new/", views.measurement_create, name="measurement_create"),
    path("measurements/<int:pk>/correct/", views.measurement_correct, name="measurement_correct"),
]
