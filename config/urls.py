from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from .health import healthz
from .icons import root_icon
from .language import language_choice, language_token

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("favicon.ico", root_icon, {"name": "favicon.ico"}, name="favicon"),
    path("apple-touch-icon.png", root_icon, {"name": "apple-touch-icon.png"}),
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/language/", language_choice, name="language_choice"),
    path("i18n/token/", language_token, name="language_token"),
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
