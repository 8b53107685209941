from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin on a site whose login is throttled like the site's own (sites.py)."""

    default = False  # "accounts" alone in INSTALLED_APPS means AccountsConfig
    default_site = "accounts.sites.AdminSite"
