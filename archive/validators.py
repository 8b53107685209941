"""The one rule for addresses the archive links to: http:// and https:// only.

Pages put these addresses in ``href``; any other scheme (``javascript:``, ``data:``, ``ftp:``)
would run script or leave the web from a page that readers trust. The registry loader, the
models (so the admin refuses them) and the pages that render ``Entity.links`` all ask here.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

WEB_SCHEMES = ["http", "https"]
# Not "invalid": a model form would show its field's own "Enter a valid ..." in its place.
CODE = "not_a_web_address"

validate_web_url = URLValidator(
    schemes=WEB_SCHEMES,
    message=_("Enter a web address that starts with http:// or https://."),
    code=CODE,
)


def is_web_url(value: object) -> bool:
    try:
        validate_web_url(value)
    except ValidationError:
        return False
    return True


def validate_web_links(value: object) -> None:
    """``Entity.links``: a mapping of labels to web addresses."""
    if not isinstance(value, dict):
        raise ValidationError(
            _('Enter labels and addresses, e.g. {"wikipedia": "https://en.wikipedia.org/…"}.'),
            code=CODE,
        )
    refused = [str(label) for label, url in value.items() if not is_web_url(url)]
    if refused:
        raise ValidationError(
            _("Only web addresses that start with http:// or https:// are allowed: %(labels)s."),
            code=CODE,
            params={"labels": ", ".join(refused)},
        )
