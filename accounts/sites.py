from django.contrib import admin

from .forms import ThrottledAdminAuthenticationForm
from .views import throttled_status


class AdminSite(admin.AdminSite):
    """The admin, whose login counts failures with the site's own (same policy, same counts)."""

    login_form = ThrottledAdminAuthenticationForm

    def login(self, request, extra_context=None):
        return throttled_status(super().login(request, extra_context))
