from django.http import Http404
from django.shortcuts import get_object_or_404, render

from climbie_audit import access
from standards.models import Criterion, Framework, Recommendation


def current_framework() -> Framework:
    framework = Framework.objects.current()
    if framework is None:
        raise Http404("No audit framework has been loaded")
    return framework


def framework_index(request):
    access.framework_readable(request.user)
    framework = current_framework()
    standards = framework.standards.order_by("number").prefetch_related("criteria")
    return render(request, "framework/index.html", {"framework": framework, "standards": standards})


def standard_detail(request, number):
    access.framework_readable(request.user)
    framework = current_framework()
    standard = get_object_or_404(framework.standards, number=number)
    criteria = Criterion.objects.with_framework_detail().filter(standard=standard)
    return render(
        request,
        "framework/standard.html",
        {"framework": framework, "standard": standard, "criteria": criteria},
    )


def criterion_detail(request, code):
    access.framework_readable(request.user)
    framework = current_framework()
    criterion = get_object_or_404(
        Criterion.objects.with_framework_detail(), standard__framework=framework, code=code
    )
    return render(
        request, "framework/criterion.html", {"framework": framework, "criterion": criterion}
    )


def recommendation_detail(request, number):
    access.framework_readable(request.user)
    framework = current_framework()
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("framework"), framework=framework, number=number
    )
    criteria = Criterion.objects.with_framework_detail().filter(recommendations=recommendation)
    return render(
        request,
        "framework/recommendation.html",
        {"framework": framework, "recommendation": recommendation, "criteria": criteria},
    )
