from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

register = template.Library()


@register.simple_tag
def affiliation_item(affiliation, page_kind: str) -> SafeString:
    """``{% affiliation_item affiliation entity_kind %}``: the other side of an affiliation
    (the organisation on a person's page, the person on an organisation's), linked, with the
    role and the dates, punctuated as the reader's language punctuates."""
    other = affiliation.person if page_kind == "organisation" else affiliation.organisation
    link = format_html('<a href="{}">{}</a>', other.get_absolute_url(), other.display_name)
    role, period = affiliation.display_role, affiliation.period
    if role and period:
        pattern = pgettext("affiliation: name, role, dates", "{name}, {role} ({period})")
    elif role:
        pattern = pgettext("affiliation: name, role", "{name}, {role}")
    elif period:
        pattern = pgettext("affiliation: name, dates", "{name} ({period})")
    else:
        return link
    return format_html(pattern, name=link, role=role, period=period)
