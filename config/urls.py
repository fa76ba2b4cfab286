from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

from accounts import views as account_views

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Regional clusters"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("language/", account_views.switch_language, name="set_language"),
    path("health/", account_views.health, name="health"),
    path(
        "accessibility/",
        login_not_required(TemplateView.as_view(template_name="accessibility.html")),
        name="accessibility",
    ),
    path("accounts/", include("allauth.urls")),
    path("people/", include("accounts.urls")),
    path("clusters/", include("clusters.urls")),
    path("quality/", include("quality.urls")),
    path("advisors/", include("advisors.urls")),
    path("engagements/", include("engagements.urls")),
    path("oversight/", include("oversight.urls")),
    path("admin/", admin.site.urls),
]
