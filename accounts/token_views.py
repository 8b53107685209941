"""The account page of personal access tokens: make one (shown once), revoke one."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from .forms import AccessTokenForm
from .tokens import token_create, token_revoke


def _page(request, form, *, created=None, status=200):
    context = {
        "form": form,
        "tokens": request.user.access_tokens.all(),
        "created": created,
    }
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def access_tokens(request):
    """The reader's tokens; a POST makes one and shows it, this once."""
    if request.method != "POST":
        return _page(request, AccessTokenForm())
    form = AccessTokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        row, token = token_create(user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _page(request, form, status=400)
    response = _page(request, AccessTokenForm(), created={"row": row, "token": token})
    # The token is in this page only: no cache anywhere may keep a copy of it.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def access_token_revoke(request, pk: int):
    """Revoke one of the reader's tokens; someone else's answers 404."""
    if not token_revoke(user=request.user, pk=pk):
        return render(request, "404.html", status=404)
    return redirect("access_tokens")
