"""A council's house style for its cabinet papers (issue 15): which layout its papers follow,
its logo and its own name for the meeting. One row per council, made when a director first
saves the settings; a council without one gets the Leicester style, today's layout."""

from typing import Any

from django.db import models

from climbie_audit import limits


class HouseStyle(models.TextChoices):
    LEICESTER = "leicester", "Leicester style"
    DERBY = "derby", "Derby style"
    SCRUTINY = "scrutiny", "Scrutiny committee style"


class PaperStyle(models.Model):
    EDITABLE_FIELDS = ("house_style", "meeting_name")

    council = models.OneToOneField(
        "climbie_audit.Council", on_delete=models.CASCADE, related_name="paper_style"
    )
    house_style = models.CharField(
        max_length=12, choices=HouseStyle.choices, default=HouseStyle.LEICESTER
    )
    # What the council calls the meeting its papers go to ("Council Cabinet"); blank: the style's.
    meeting_name = models.CharField(max_length=limits.NAME, blank=True)
    # The logo as checked bytes (PNG or JPEG, bounded in size and pixels by the form): it is
    # printed from the database into the PDF as a data: URI, never fetched from a file.
    logo = models.BinaryField(null=True, blank=True, editable=False)
    logo_type = models.CharField(max_length=20, blank=True, editable=False)
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        "climbie_audit.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = limits.length_checks("paperstyle", meeting_name=limits.NAME)

    def __str__(self) -> str:
        return f"{self.council}: {self.get_house_style_display()}"

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.EDITABLE_FIELDS}

    @property
    def logo_bytes(self) -> bytes:
        return bytes(self.logo) if self.logo is not None else b""
