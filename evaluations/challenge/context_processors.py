"""The council's open SSI queries, for the pages of the floors below that show them (the task
list, a standard's page) without importing this app: the templates read `challenge.for_council`,
and only the pages that read it pay its one query."""

from django.http import HttpRequest
from django.utils.functional import cached_property

from evaluations.models_challenge import ChallengeQuery


class OpenQueries:
    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    @cached_property
    def for_council(self) -> list[ChallengeQuery]:
        """Open queries to the signed-in person's own council, in framework order."""
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated or not user.is_council_user:
            return []
        return list(
            ChallengeQuery.objects.filter(council_id=user.council_id)
            .still_open()
            .select_related("criterion__standard", "council")
            .in_framework_order()
        )


def challenge(request: HttpRequest) -> dict[str, object]:
    return {"challenge": OpenQueries(request)}
