"""The review page of one standard of the draft: who has it, where it stands, each step taken,
and the steps the person may take now. Access first, then the rules in standards.review.rules."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from climbie_audit.concurrency import StaleEdit
from standards.models import ImmutableRecordError, ReviewState
from standards.review import access as review_access
from standards.review import rules as review
from standards.review.forms import AssignForm, ReturnForm, StepForm

DIRECTORS_STEPS = ("assign", "approve", "return")
STALE = "Someone else changed this standard's review while you were looking at it. Check it and try again."


def standard(request, council_code, number):
    council, audit, draft, standard = review_access.standard_under_review(
        request.user, council_code, number
    )
    current = review.reviews_of(draft).get(standard.pk)
    rated = draft.answers.filter(criterion__standard=standard, rating__isnull=False).count()
    standing = review.standing_of(standard, current, rated)
    is_director = review_access.may_review(request.user, council)
    people = review_access.people_to_assign(council) if is_director else []
    initial = {"revision": standing.revision}
    data = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "") if data else ""
    forms = {
        "assign": AssignForm(
            data if action == "assign" else None,
            prefix="assign",
            people=people,
            number=standard.number,
            initial=initial | {"assignee": standing.assignee.pk if standing.assignee else ""},
        ),
        "ready": StepForm(data if action == "ready" else None, prefix="ready", initial=initial),
        "approve": StepForm(
            data if action == "approve" else None, prefix="approve", initial=initial
        ),
        "return": ReturnForm(
            data if action == "return" else None, prefix="return", initial=initial
        ),
    }
    if action in DIRECTORS_STEPS and not is_director:
        raise PermissionDenied("Only the council's director can do this.")
    if action in forms and forms[action].is_valid():
        done = _take_step(request, action, forms[action], draft, standard, people)
        if done is not None:
            return done
    error_links = [link for form in forms.values() for link in form.error_links()]
    return render(
        request,
        "review/standard.html",
        {
            "council": council,
            "draft": draft,
            "standard": standard,
            "standing": standing,
            "history": review.history_of(current),
            "forms": forms,
            "is_director": is_director,
            "may_mark_ready": review.may_mark_ready(request.user, standing)
            and standing.state not in (ReviewState.READY, ReviewState.APPROVED),
            "awaiting_review": standing.state == ReviewState.READY,
            "error_links": error_links,
            "has_errors": bool(error_links),
        },
        status=400 if error_links else 200,
    )


def _take_step(request, action, form, draft, standard, people):
    user, started_from = request.user, form.cleaned_data["revision"]
    try:
        if action == "assign":
            assignee = next(p for p in people if p.pk == form.cleaned_data["assignee"])
            done = review.assign(draft, standard, assignee, user, started_from)
            message = f"Standard {standard.number} is now assigned to {assignee.display_name}."
        elif action == "ready":
            done = review.mark_ready(draft, standard, user, started_from)
            message = f"Standard {standard.number} is ready for the director's review."
        elif action == "approve":
            done = review.approve(draft, standard, user, started_from)
            message = f"You have approved standard {standard.number}."
        else:
            done = review.return_with_comment(
                draft, standard, user, started_from, form.cleaned_data["comment"]
            )
            message = f"You have returned standard {standard.number} with your comment."
    except review.ReviewRefused as refusal:
        form.add_error(None, str(refusal))
        return None
    except StaleEdit:
        form.add_error(None, STALE)
        return None
    except ImmutableRecordError:
        messages.error(request, "This version has been submitted and can no longer change.")
        return redirect("self_audit:overview", draft.self_audit.council.code)
    assert done is not None
    messages.success(request, message)
    return redirect("self_audit:overview", draft.self_audit.council.code)
