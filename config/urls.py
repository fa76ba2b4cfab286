from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.http import require_safe

from accounts import views as account_views
from api.public.sitemaps import SITEMAPS

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Regional clusters"

urlpatterns = [
    path("", account_views.home, name="home"),
    path("language/", account_views.switch_language, name="set_language"),
    path("health/", account_views.health, name="health"),
    path("accessibility/", account_views.accessibility_statement, name="accessibility"),
    path("accounts/", include("allauth.urls")),
    path("people/", include("accounts.urls")),
    path("clusters/", include("clusters.urls")),
    path("quality/", include("quality.urls")),
    path("advisors/", include("advisors.urls")),
    path("engagements/", include("engagements.urls")),
    path("network/", include("network.urls")),
    path("forums/", include("forums.urls")),
    path("oversight/", include("oversight.urls")),
    path("public/", include("api.public.urls")),
    path("api/", include("api.rest.urls")),
    path("account/tokens/", include("api.account.urls")),
    path("account/notifications/", include("accounts.notification_urls")),
    path("sitemap.xml", login_not_required(require_safe(sitemap)), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
]
