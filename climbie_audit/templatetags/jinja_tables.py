from django import template
from django.template import engines
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def jinja(template_name, **context):
    """Render a Jinja2 partial (see climbie_audit/jinja.py) inside a Django template."""
    # Django's Jinja2 backend autoescapes, so the markup it returns is safe as it stands.
    return mark_safe(engines["jinja2"].get_template(template_name).render(context))
