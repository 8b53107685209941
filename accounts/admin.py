from django.contrib import admin

from .models import AccessToken


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):
    """Staff can see who holds which token and revoke one (delete it); never read a token."""

    list_display = ["name", "user", "scope", "created", "last_used"]
    list_filter = ["scope"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["user", "name", "scope", "prefix", "digest", "created", "last_used"]

    def has_add_permission(self, request) -> bool:
        return False  # made by their owner only, who alone sees the token
