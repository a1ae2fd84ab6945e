"""The council's issued evaluations, for pages outside this app (the self-audit overview)."""

from django import template

from climbie_audit import access
from evaluations.evaluation import access as evaluation_access

register = template.Library()


@register.inclusion_tag("evaluation/_council_panel.html", takes_context=True)
def council_evaluations(context):
    user = context["request"].user
    council = context["council"]
    evaluations = (
        evaluation_access.visible_evaluations(user, council)
        .issued()
        .select_related("audit_return__self_audit__council", "council_response")
        .order_by("-issued_at")
    )
    return {
        "council": council,
        "evaluations": list(evaluations),
        "is_director": access.is_director_of(user, council),
    }
