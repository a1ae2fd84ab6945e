"""Notifications (issue 18): what the service tells a person, by e-mail and on "Your
notifications", and how each person wants their e-mail."""

from django.db import models
from django.utils import timezone


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", "Straight away, one e-mail for each notification"
    DIGEST = "digest", "Once a day, in one e-mail"


class NotificationPreference(models.Model):
    user = models.OneToOneField(
        "climbie_audit.User", on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    revision = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.user} – {self.delivery}"


class Notification(models.Model):
    """One thing one person is told. `key` names a reminder (what, for which record, for which
    date): the unique constraint makes the reminder command send it once however often, or
    however many at once, it runs."""

    recipient = models.ForeignKey(
        "climbie_audit.User", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=250)
    body = models.TextField()
    path = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Empty until e-mailed: straight away, or in the next daily digest.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=~models.Q(key=""),
                name="each_reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for user {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class DigestSent(models.Model):
    """The daily digest a person was sent on a day: one a day, even if the command runs twice."""

    recipient = models.ForeignKey("climbie_audit.User", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="one_digest_a_day")
        ]

    def __str__(self) -> str:
        return f"digest for user {self.recipient_id} on {self.day}"
