"""`{% url_for %}`: Django's `{% url %}` for the long tables (a row per council, a council's
actions), where reversing a few hundred URLs was a fifth of the page.

A URL depends only on the URL configuration, never on data, so each one is reversed once per
process and remembered (keyed by the script prefix as well, as `reverse` is).
"""

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()


@lru_cache(maxsize=8192)
def _reverse(script_prefix: str, name: str, args: tuple[str, ...]) -> str:
    return reverse(name, args=args)


@register.simple_tag
def url_for(name: str, *args: object) -> str:
    """{% url_for "dashboard:council" council.code %}: what `{% url %}` gives for these args."""
    return _reverse(get_script_prefix(), name, tuple(str(arg) for arg in args))
