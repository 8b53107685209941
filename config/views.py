"""The project's error views: JSON under /api/, whose scripts read the message; pages elsewhere.

The API's own views answer their 4xx in JSON; these cover what happens before or beyond them
(a refused CSRF token, an unhandled exception), so no failure under /api/ returns HTML.
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


def server_error(request, template_name: str = defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: the error is already logged by Django; this only answers."""
    if _under_api(request):
        return _json_error(_("something went wrong on the server; please try again later"), 500)
    return defaults.server_error(request, template_name=template_name)


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW."""
    if _under_api(request):
        message = _("the CSRF token is missing or wrong: reload the page and try again")
        return _json_error(message, 403)
    return csrf.csrf_failure(request, reason=reason)
