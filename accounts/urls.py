from django.urls import include, path

from . import views

# No app_name: these sit beside django.contrib.auth's own names (login, logout, password_reset…),
# which the rest of Django reverses without a namespace.
urlpatterns = [
    path("login/", views.login, name="login"),
    path("password_reset/", views.password_reset, name="password_reset"),
    path("signup/", views.signup, name="signup"),
    path("signup/<uidb64>/<token>/", views.activate, name="signup_activate"),
    # The other views (logout, password change, the reset link) are Django's as they are.
    path("", include("django.contrib.auth.urls")),
]
