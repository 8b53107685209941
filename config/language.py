"""Changing the language from pages that carry no CSRF token.

Every page's header has a language form. A token in it would make each anonymous page personal
(a token is tied to the reader's cookie), so no shared cache could keep it and every reader
would get a cookie for a form they may never use. Anonymous pages therefore hold no token: the
site script asks ``language_token`` for one when the form is submitted and then posts it to
Django's ``set_language``; without the script the form goes to ``language_choice``, a page of
the reader's own with a token, whose button posts the same. ``set_language`` keeps its CSRF
check either way.
"""

from django.conf import settings
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def language_token(request):
    """A CSRF token for the language form, with its cookie; never kept by any cache."""
    return JsonResponse({"token": get_token(request)})


@never_cache
@require_safe
def language_choice(request):
    """The language form with a token: where the header's form leads without the script."""
    codes = {code for code, _ in settings.LANGUAGES}
    chosen = request.GET.get("language", "")
    following = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        following, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    context = {"chosen": chosen if chosen in codes else "", "next": following if safe else "/"}
    return render(request, "i18n/language_choice.html", context)
