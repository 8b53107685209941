from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext

from . import throttle
from .forms import SignupForm, ThrottledAuthenticationForm
from .signup import signup_activate, signup_request


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
    """Ask for an account: every valid request gets the same answer, "we sent you a link".

    What the mail says (the link, or that the name is taken) is accounts/signup.py's; this page
    must not tell a visitor whether a username exists. Every attempt counts against the
    client's address.
    """
    if request.user.is_authenticated:
        return redirect("archive:home")
    next_url = request.POST.get("next") or request.GET.get("next", "")
    context = {"next": next_url}
    if request.method != "POST":
        return render(request, "registration/signup.html", {**context, "form": SignupForm()})
    counters = throttle.signup_counters(request)
    seconds = throttle.throttle_wait(counters=counters)
    if seconds:
        form = SignupForm(initial={"username": request.POST.get("username", "")})
        refusal = signup_refusal(seconds)
        context["form"] = form
        return refused(
            request, "registration/signup.html", context, refusal=refusal, seconds=seconds
        )
    throttle.attempt_record(counters=counters)
    form = SignupForm(request.POST)
    if not form.is_valid():
        return render(request, "registration/signup.html", {**context, "form": form})
    signup_request(
        request=request,
        username=form.cleaned_data["username"],
        email=form.cleaned_data["email"],
        password=form.cleaned_data["password1"],
        next_url=next_url if _is_safe(request, next_url) else "",
    )
    return render(request, "registration/signup_sent.html", {"email": form.cleaned_data["email"]})


def activate(request, uidb64: str, token: str):
    """The mailed link: the account becomes active and its reader is logged in."""
    user = signup_activate(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "registration/signup_link_invalid.html", status=400)
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    target = request.GET.get("next", "")
    return redirect(target if _is_safe(request, target) else "archive:home")


def _is_safe(request, target: str) -> bool:
    return bool(target) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


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
