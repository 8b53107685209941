"""The article page's Link header naming its annotation container (Protocol section 4).

A middleware rather than a line in archive's view: archive knows nothing of annotations (it
only sends signals), so the link is added here, to the responses of its article page.
"""

from django.urls import reverse

from .protocol import SERVICE_REL

ARTICLE_VIEW = "archive:article_detail"


class AnnotationServiceLinkMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name == ARTICLE_VIEW and response.status_code == 200:
            container = reverse("annotations:api_collection", kwargs=match.kwargs)
            link = f'<{request.build_absolute_uri(container)}>; rel="{SERVICE_REL}"'
            existing = response.get("Link")
            response["Link"] = f"{existing}, {link}" if existing else link
        return response
