from django.urls import path

from . import strategy_views, views

app_name = "clusters"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.overview, name="overview"),
    path("<int:pk>/incorporation/", views.incorporation, name="incorporation"),
    path("<int:pk>/strategic-plan/", strategy_views.strategic_plan, name="strategic_plan"),
    path("strategic-plans/<int:pk>/", strategy_views.strategic_plan_version, name="strategic_plan_version"),
    path("strategic-plans/<int:pk>/print/", strategy_views.strategic_plan_print, name="strategic_plan_print"),
    path("strategic-plans/<int:pk>/pdf/", strategy_views.strategic_plan_pdf, name="strategic_plan_pdf"),
    path("strategic-plans/<int:pk>/edit/", strategy_views.strategic_plan_edit, name="strategic_plan_edit"),
    path(
        "strategic-plans/<int:pk>/outcomes/",
        strategy_views.strategic_plan_outcome_add,
        name="strategic_plan_outcome_add",
    ),
    path(
        "strategic-plans/<int:pk>/milestones/",
        strategy_views.strategic_plan_milestone_add,
        name="strategic_plan_milestone_add",
    ),
    path("strategic-plans/<int:pk>/submit/", strategy_views.strategic_plan_submit, name="strategic_plan_submit"),
    path("strategic-plans/<int:pk>/approve/", strategy_views.strategic_plan_approve, name="strategic_plan_approve"),
    path("pilots/<int:pk>/decide/", strategy_views.pilot_decide, name="pilot_decide"),
    path("<int:pk>/work-plan/", views.work_plan, name="work_plan"),
    path("<int:pk>/work-plan/spending/", views.spending_create, name="spending_create"),
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
