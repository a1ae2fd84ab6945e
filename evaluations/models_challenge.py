"""SSI's challenge of a return (issue 18): an assigned inspector's query on one criterion while
evaluating, and the thread of messages that answers it.

A query belongs to a draft evaluation and to the council. Messages are a record: once sent they
never change. When the evaluation is issued its queries are closed to new messages, so the
issued evaluation's annex of queries and answers never changes either.
"""

from typing import Any

from django.db import models

from climbie_audit import limits
from standards.models import ImmutableRecordError


class ChallengeQueryQuerySet(models.QuerySet["ChallengeQuery"]):
    def still_open(self) -> "ChallengeQueryQuerySet":
        return self.exclude(status=ChallengeQuery.Status.CLOSED)

    def in_framework_order(self) -> "ChallengeQueryQuerySet":
        return self.order_by("criterion__standard__number", "criterion__number", "raised_at")


class ChallengeQuery(models.Model):
    class Status(models.TextChoices):
        WITH_COUNCIL = "council", "Waiting for the council"
        WITH_SSI = "ssi", "Answered"
        CLOSED = "closed", "Closed"

    evaluation = models.ForeignKey(
        "evaluations.Evaluation", on_delete=models.PROTECT, related_name="queries"
    )
    council = models.ForeignKey(
        "climbie_audit.Council", on_delete=models.PROTECT, related_name="queries"
    )
    criterion = models.ForeignKey("standards.Criterion", on_delete=models.PROTECT, related_name="+")
    question = models.TextField(max_length=limits.PARAGRAPH)
    raised_by = models.ForeignKey("climbie_audit.User", on_delete=models.PROTECT, related_name="+")
    raised_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WITH_COUNCIL)
    # Optimistic concurrency: a message or closing names the revision the person read.
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChallengeQueryQuerySet.as_manager()

    class Meta:
        ordering = ["raised_at", "pk"]
        verbose_name_plural = "challenge queries"
        constraints = limits.length_checks("challengequery", question=limits.PARAGRAPH)

    def __str__(self) -> str:
        return f"Query on {self.criterion_id} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class QueryMessageQuerySet(models.QuerySet["QueryMessage"]):
    def update(self, **kwargs: Any) -> int:
        raise ImmutableRecordError("Messages are a record and cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableRecordError("Messages are a record and cannot be deleted.")


class QueryMessage(models.Model):
    query = models.ForeignKey(ChallengeQuery, on_delete=models.PROTECT, related_name="messages")
    author = models.ForeignKey("climbie_audit.User", on_delete=models.PROTECT, related_name="+")
    from_council = models.BooleanField()
    text = models.TextField(max_length=limits.PARAGRAPH)
    documents = models.ManyToManyField(
        "standards.EvidenceFile", blank=True, related_name="query_messages"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    objects = QueryMessageQuerySet.as_manager()

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = limits.length_checks("querymessage", text=limits.PARAGRAPH)

    def __str__(self) -> str:
        return f"Message on query {self.query_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableRecordError("Messages are a record and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableRecordError("Messages are a record and cannot be deleted.")
