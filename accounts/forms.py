from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import throttle
from .models import AccessToken


def login_refusal(seconds: int) -> str:
    minutes = throttle.wait_minutes(seconds)
    return ngettext(
        "Too many failed attempts to log in. Wait %(minutes)d minute, then try again.",
        "Too many failed attempts to log in. Wait %(minutes)d minutes, then try again.",
        minutes,
    ) % {"minutes": minutes}


class ThrottledLoginMixin:
    """Counts failed logins, and refuses a throttled one before its password is even checked.

    Unknown usernames are counted like known ones, so the refusal says nothing about which
    accounts exist. `throttle_wait` tells the view to answer 429 (views.throttled_status).
    """

    throttle_wait = 0

    def clean(self):
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()  # a field is missing: nothing was tried, nothing to count
        counters = throttle.login_counters(self.request, username)
        self.throttle_wait = throttle.throttle_wait(counters=counters)
        if self.throttle_wait:
            raise forms.ValidationError(login_refusal(self.throttle_wait), code="throttled")
        try:
            cleaned_data = super().clean()
        except forms.ValidationError:
            throttle.attempt_record(counters=counters)
            raise
        # Only the account's own count: clearing the address's count on any success would let
        # one valid account reset it between guesses at others.
        throttle.attempts_clear(counter=counters[0])
        return cleaned_data


class ThrottledAuthenticationForm(ThrottledLoginMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    pass


class SignupForm(forms.Form):
    """A username, the address its link is mailed to, and a password twice.

    Not Django's UserCreationForm: that one says when a username is taken, and whether a name
    exists is what this form must not tell (accounts/signup.py).
    """

    username = UsernameField(
        label=_("Username"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Up to 150 letters, digits and @/./+/-/_ characters."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The link that finishes creating your account is sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password confirmation"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("The same password again, to catch a typing mistake."),
    )

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            # The validators see the would-be account, so a password like its name is refused.
            candidate = get_user_model()(username=data.get("username", ""), email=data.get("email"))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class AccessTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, such as the program that will use it."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=AccessToken.Scope.choices,
        initial=AccessToken.Scope.READ,
        widget=forms.RadioSelect,
    )
