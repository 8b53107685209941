from django import template

from archive import querystrings

register = template.Library()


@register.simple_tag
def url_with_query(path_or_name: str, **params) -> str:
    """``{% url_with_query "login" next=request.get_full_path %}``: a link to another page."""
    return querystrings.url_with_query(path_or_name, **params)
