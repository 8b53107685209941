from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext

from . import throttle
from .forms import ThrottledAuthenticationForm


def throttled_status(response):
    """A login page whose form the throttle refused answers 429, saying when to come back."""
    context = getattr(response, "context_data", None) or {}
    seconds = getattr(context.get("form"), "throttle_wait", 0)
    if seconds:
        response.status_code = 429
        response["Retry-After"] = str(seconds)
    return response


def refused(request, template: str, context: dict, *, refusal: str, seconds: int):
    response = render(request, template, {**context, "refusal": refusal}, status=429)
    response["Retry-After"] = str(seconds)
    return response


_login = auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm)


def login(request):
    """Django's login page, its failures counted and throttled (forms.ThrottledLoginMixin)."""
    return throttled_status(_login(request))


def signup_refusal(seconds: int) -> str:
    minutes = throttle.wait_minutes(seconds)
    return ngettext(
        "Too many attempts to sign up from your network. Wait %(minutes)d minute, then try again.",
        "Too many attempts to sign up from your network. Wait %(minutes)d minutes, then try again.",
        minutes,
    ) % {"minutes": minutes}


def signup(request):
    """Create an account and log straight in.

    A taken username is named as taken: readers need to know to pick another, and usernames
    are public on annotations anyway. Every attempt counts against the client's address, so
    trying names one by one is slow.
    """
    if request.user.is_authenticated:
        return redirect("archive:home")
    if request.method != "POST":
        return render(request, "registration/signup.html", {"form": UserCreationForm()})
    counters = throttle.signup_counters(request)
    seconds = throttle.throttle_wait(counters=counters)
    if seconds:
        # An unbound form: validating this one would still say whether the name is taken.
        form = UserCreationForm(initial={"username": request.POST.get("username", "")})
        refusal = signup_refusal(seconds)
        return refused(
            request, "registration/signup.html", {"form": form}, refusal=refusal, seconds=seconds
        )
    throttle.attempt_record(counters=counters)
    form = UserCreationForm(request.POST)
    if not form.is_valid():
        return render(request, "registration/signup.html", {"form": form})
    user = form.save()
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("archive:home")


def reset_refusal(seconds: int) -> str:
    minutes = throttle.wait_minutes(seconds)
    return ngettext(
        "Too many requests to reset a password. Wait %(minutes)d minute, then try again.",
        "Too many requests to reset a password. Wait %(minutes)d minutes, then try again.",
        minutes,
    ) % {"minutes": minutes}


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, counted per client address and per email address asked about."""

    def form_valid(self, form):
        counters = throttle.reset_counters(self.request, form.cleaned_data["email"])
        seconds = throttle.throttle_wait(counters=counters)
        if seconds:
            context = self.get_context_data(form=form, refusal=reset_refusal(seconds))
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(seconds)
            return response
        throttle.attempt_record(counters=counters)
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()
