from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("", include("annotations.urls")),
    path("", include("search.urls")),
    path("", include("archive.urls")),
]

# JSON under /api/, the usual pages elsewhere.
handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
