"""The audit framework as data, and councils' self-audits against it."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import models
from django.urls import reverse

RATING_LEVELS = (1, 2, 3, 4)


class FrameworkQuerySet(models.QuerySet):
    def current(self):
        """The framework councils audit against now: the latest version of the latest code."""
        return self.order_by("-published_on", "-version").first()


class Framework(models.Model):
    code = models.SlugField(max_length=40)
    title = models.CharField(max_length=250)
    version = models.CharField(max_length=20)
    published_on = models.DateField(help_text="Publication date of the Laming report.")
    return_due = models.DateField(help_text="Date the completed return is due with SSI.")
    default_descriptors = models.JSONField(
        help_text="Descriptor for each point of the 4-point scale, keyed '1'–'4'."
    )

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["code", "version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="framework_code_version")
        ]

    def __str__(self):
        return f"{self.title} (version {self.version})"


class Standard(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="standards")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)
    statement = models.TextField()
    reconstructed = models.BooleanField(default=False)
    reconstruction_note = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="standard_number")
        ]

    def __str__(self):
        return f"Standard {self.number}: {self.title}"

    def get_absolute_url(self):
        return reverse("standards:standard", args=[self.number])


class Recommendation(models.Model):
    """A practice recommendation of the Laming report (2003)."""

    framework = models.ForeignKey(
        Framework, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    paragraph = models.CharField(max_length=40, help_text="Paragraph of the Laming report.")
    timescale_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Empty where Laming set no timescale (recommendation 29)."
    )
    reconstructed = models.BooleanField(default=False)
    reconstruction_note = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "number"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "number"], name="recommendation_number")
        ]

    def __str__(self):
        return f"Recommendation {self.number}"

    def get_absolute_url(self):
        return reverse("standards:recommendation", args=[self.number])

    @property
    def deadline(self) -> datetime.date | None:
        if self.timescale_months is None:
            return None
        return self.framework.published_on + relativedelta(months=self.timescale_months)


class CriterionQuerySet(models.QuerySet):
    def with_framework_detail(self):
        """Everything a criterion page shows, in a fixed number of queries."""
        return self.select_related("standard__framework").prefetch_related(
            models.Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related("framework").order_by("number"),
            )
        )


class Criterion(models.Model):
    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="criteria")
    # Position within the standard: ordering by it puts 2.10 after 2.9.
    number = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=10)
    text = models.TextField()
    guidance = models.JSONField(
        default=list, blank=True, help_text="Statutory guidance references."
    )
    descriptors = models.JSONField(
        default=dict, blank=True, help_text="Overrides of the framework's default descriptors."
    )
    recommendations = models.ManyToManyField(Recommendation, related_name="criteria")
    reconstructed = models.BooleanField(default=False)
    reconstruction_note = models.TextField(blank=True)

    objects = CriterionQuerySet.as_manager()

    class Meta:
        ordering = ["standard__framework", "standard__number", "number"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["standard", "number"], name="criterion_number")
        ]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("standards:criterion", args=[self.code])

    def descriptor(self, level: int) -> str:
        key = str(level)
        return self.descriptors.get(key) or self.standard.framework.default_descriptors[key]

    @property
    def all_descriptors(self) -> dict[int, str]:
        return {level: self.descriptor(level) for level in RATING_LEVELS}

    @property
    def shortest_timescale_months(self) -> int | None:
        timescales = [r.timescale_months for r in self.recommendations.all() if r.timescale_months]
        return min(timescales, default=None)

    @property
    def laming_deadline(self) -> datetime.date | None:
        """Publication of the Laming report plus the shortest timescale of its recommendations."""
        months = self.shortest_timescale_months
        if months is None:
            return None
        return self.standard.framework.published_on + relativedelta(months=months)
