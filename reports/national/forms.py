"""The national overview's filters."""

from typing import Any

from django import forms

from reports.national import rules as national
from reports.national.disagreements import DISAGREEMENT_LABELS

SEARCH_LENGTH = 100


class NationalFilterForm(forms.Form):
    """Filters and sort order of the national overview. Unknown values are ignored."""

    q = forms.CharField(
        label="Council name or code",
        required=False,
        max_length=SEARCH_LENGTH,
        error_messages={
            "max_length": f"Council name or code must be {SEARCH_LENGTH} characters or fewer"
        },
    )
    mine = forms.BooleanField(label="Only my assigned councils", required=False)
    region = forms.ChoiceField(label="Region", required=False)
    status = forms.ChoiceField(label="Status", required=False, choices=national.STATUS_CHOICES)
    judgement = forms.ChoiceField(label="Judgement", required=False)
    sort = forms.ChoiceField(label="Sort by", required=False, choices=national.SORT_CHOICES)
    direction = forms.ChoiceField(
        label="Which way",
        required=False,
        choices=[("", "Either way"), *DISAGREEMENT_LABELS.items()],
    )
    # The framework's standard numbers are listed by the page; any other number matches none.
    standard = forms.IntegerField(label="Standard", required=False, min_value=1, max_value=99)

    def __init__(self, *args: Any, regions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All regions")] + [(r, r) for r in regions]  # type: ignore[attr-defined]  # a ChoiceField
        self.fields["judgement"].choices = national.judgement_choices()  # type: ignore[attr-defined]  # a ChoiceField

    def filters(self) -> dict[str, Any]:
        chosen: dict[str, Any] = {
            "q": "",
            "mine": False,
            "region": "",
            "status": "",
            "judgement": "",
            "sort": "name",
            "direction": "",
            "standard": None,
        }
        if self.is_bound:
            self.is_valid()
            for name in chosen:
                # A bad value in one filter drops that filter only.
                if name not in self.errors and self.cleaned_data.get(name):
                    chosen[name] = self.cleaned_data[name]
        return chosen
