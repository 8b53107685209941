from django.urls import include, path

from . import token_views, views

# No app_name: these sit beside django.contrib.auth's own names (login, logout, password_reset…),
# which the rest of Django reverses without a namespace.
urlpatterns = [
    path("login/", views.login, name="login"),
    path("password_reset/", views.password_reset, name="password_reset"),
    path("signup/", views.signup, name="signup"),
    path("signup/<uidb64>/<token>/", views.activate, name="signup_activate"),
    path("tokens/", token_views.access_tokens, name="access_tokens"),
    path("tokens/<int:pk>/revoke/", token_views.access_token_revoke, name="access_token_revoke"),
    # The other views (logout, password change, the reset link) are Django's as they are.
    path("", include("django.contrib.auth.urls")),
]
