"""Glossa's JSON-LD context: terms for what the W3C model has no word for.

A JSON-LD processor drops every key that no context defines, so visibility, colour, version and
anchor state would vanish on expansion. This context, served at /ns/glossa.jsonld and listed
after the W3C one, maps them into Glossa's vocabulary (/ns/glossa#). It defines no term that
the W3C context defines, so it changes the meaning of nothing there.
"""

import orjson
from django.http import HttpResponse
from django.urls import reverse

from .models import Colour

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld"
MEDIA_TYPE = "application/ld+json"

# Each colour as the CSS class styleClass names, and the rule the stylesheet gives it: the
# light-theme highlight of annotator.css, so another client paints what Glossa paints.
COLOURS = {colour: f"glossa-{colour}" for colour in Colour.values}
BACKGROUNDS = {
    Colour.YELLOW: "#fde68a",
    Colour.GREEN: "#bbf7d0",
    Colour.BLUE: "#bfdbfe",
    Colour.PINK: "#fbcfe8",
    Colour.PURPLE: "#ddd6fe",
}
CLASS_COLOURS = {css_class: colour for colour, css_class in COLOURS.items()}


def stylesheet(colour: str) -> dict:
    return {
        "type": "CssStylesheet",
        "value": f".{COLOURS[colour]} {{ background-color: {BACKGROUNDS[colour]}; }}",
    }


def vocabulary(origin: str) -> str:
    return origin + reverse("annotations:jsonld_context").replace(".jsonld", "#")


def context_document(origin: str) -> dict:
    ns = vocabulary(origin)
    xsd = "http://www.w3.org/2001/XMLSchema#"
    return {
        "@context": {
            "@version": 1.1,
            "visibility": {"@id": ns + "visibility"},
            "colour": {"@id": ns + "colour"},
            "version": {"@id": ns + "version", "@type": xsd + "integer"},
            "revision": {"@id": ns + "revision", "@type": xsd + "integer"},
            "anchorState": {"@id": ns + "anchorState"},
            "anchorConfidence": {"@id": ns + "anchorConfidence", "@type": xsd + "double"},
            "needsConfirmation": {"@id": ns + "needsConfirmation", "@type": xsd + "boolean"},
            "nickname": {"@id": "http://xmlns.com/foaf/0.1/nick"},
            # What Glossa's own client reads, kept whole as a JSON literal.
            "glossa": {"@id": ns + "clientState", "@type": "@json"},
        }
    }


def context_view(request):
    """The JSON-LD context document that every annotation names after the W3C one."""
    origin = request.build_absolute_uri("/").rstrip("/")
    response = HttpResponse(orjson.dumps(context_document(origin)), content_type=MEDIA_TYPE)
    response["Access-Control-Allow-Origin"] = "*"  # a context is public, read by any processor
    return response
