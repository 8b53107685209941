"""The project's error views: JSON under /api/, whose scripts read the message; pages elsewhere.

The API's own views answer their errors in JSON; these cover the rest (an address no app
knows, a refused CSRF token, a request Django refuses before any view, an unhandled
exception), so that no failure under /api/ answers with an HTML page.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import csrf, defaults


def _under_api(request) -> bool:
    return request.path_info.startswith("/api/")


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse(
        {"error": message}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def bad_request(request, exception):
    """handler400: a malformed request, or one for a host this site does not serve."""
    if _under_api(request):
        return _json_error(_("the request could not be understood"), 400)
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    """handler403."""
    if _under_api(request):
        return _json_error(_("you may not do this"), 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    """handler404."""
    if _under_api(request):
        return _json_error(_("no such API address"), 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """handler500: Django has logged the exception already; this only answers."""
    if _under_api(request):
        return _json_error(_("something went wrong on the server; please try again later"), 500)
    return defaults.server_error(request)


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW."""
    if _under_api(request):
        message = _("the CSRF token is missing or wrong: reload the page and try again")
        return _json_error(message, 403)
    return csrf.csrf_failure(request, reason=reason)
